// OpenBLAS's process-wide thread count. Debian's libtorch calls OpenBLAS for every matmul, and OpenBLAS keeps one
// pool of its own beside libtorch's OpenMP threads, so this engine's set_num_threads sets both. Not a BLAS binding.
using System.Runtime.InteropServices;

namespace TorchSharp;

internal static partial class OpenBlas
{
    private const string Lib = "libopenblas.so.0";

    // Loaded already by libtorch when it links OpenBLAS; absent (and then left alone) when it does not.
    private static readonly bool Available = NativeLibrary.TryLoad(Lib, out _);

    /// <summary>Sets the pool's size when OpenBLAS is loaded (values below 1 are ignored).</summary>
    public static void SetThreads(int n)
    {
        if (Available && n > 0) openblas_set_num_threads(n);
    }

    [LibraryImport(Lib)] private static partial void openblas_set_num_threads(int n);
}
