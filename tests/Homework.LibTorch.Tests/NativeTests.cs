// The BLAS guard: the process must run libtorch's matmuls on OpenBLAS, never on Debian's reference libblas,
// whose unblocked single-threaded GEMM could otherwise come back silently through the libblas.so.3 alternative.
namespace Homework.Binding.Tests;

public class NativeTests
{
    [Fact]
    public void OpenBlasIsMappedAndTheReferenceBlasIsNot()
    {
        using (var scope = NewDisposeScope())
            Assert.Equal(64f, ones(64, 64).matmul(ones(64, 64))[0, 0].item<float>());
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6)
            .Select(f => f[5])
            .Distinct()
            .ToArray();
        var blas = mapped.Where(p => Path.GetFileName(p).StartsWith("libblas.so", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(blas);
        // Debian's alternatives put OpenBLAS's libblas.so.3 under .../openblas-*/ and the reference one under .../blas/.
        Assert.All(blas, p => Assert.Contains("openblas", p));
        Assert.DoesNotContain(mapped, p => p.Contains("/blas/libblas.so", StringComparison.Ordinal));
        Assert.Contains(mapped, p => Path.GetFileName(p).StartsWith("libopenblas", StringComparison.Ordinal));
    }
}
