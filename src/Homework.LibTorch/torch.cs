// The torch entry point: tensor creation, seeding, threads, grad mode, dispose scopes,
// and the free functions (cat, stack, where...). Shaped like TorchSharp's static class torch.
using System.Runtime.InteropServices;

namespace TorchSharp;

/// <summary>The root of the API, as in TorchSharp: <c>using static TorchSharp.torch;</c>.</summary>
public static partial class torch
{
#pragma warning disable CS1591 // dtype and device aliases
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType @bool = ScalarType.Bool;
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);
#pragma warning restore CS1591

    /// <summary>A device from PyTorch's spelling (<c>cpu</c>, <c>cuda:0</c>).</summary>
    public static Device device(string spec) => Device.Parse(spec);

    /// <summary>Opens a scope that frees every tensor created inside it when disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Seeds libtorch's CPU (and CUDA) generators.</summary>
    public static void manual_seed(long seed) => Native.Check(Native.hw_manual_seed(unchecked((ulong)seed)));

    /// <summary>The default CPU generator's state as a uint8 tensor (save it to resume the random stream).</summary>
    public static Tensor get_rng_state() => new(Native.hw_get_rng_state());

    /// <summary>Restores a state from <see cref="get_rng_state"/>.</summary>
    public static void set_rng_state(Tensor new_state) => Tensor.Ok(Native.hw_set_rng_state(new_state.Ptr), new_state);

    /// <summary>
    /// Sets libtorch's intra-op thread count (per OpenMP thread, as in PyTorch) and OpenBLAS's process-wide one: this
    /// engine's BLAS serialises callers from different threads behind one pool whose threads spin while they wait
    /// (measured: two concurrent 784-60-10 runs spent ~2 s of CPU per epoch instead of ~0.3 s), so one worker thread
    /// per core asks for 1 and gets OpenBLAS single-threaded too.
    /// </summary>
    public static void set_num_threads(int threads)
    {
        Native.Check(Native.hw_set_num_threads(threads));
        OpenBlas.SetThreads(threads);
    }

    /// <summary>libtorch's intra-op thread count.</summary>
    public static int get_num_threads() => Native.hw_get_num_threads();

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => Native.hw_is_grad_enabled() != 0;

    /// <summary>Turns off gradient recording until the returned scope is disposed.</summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Turns on gradient recording until the returned scope is disposed.</summary>
    public static GradModeScope enable_grad() => new(true);

    /// <summary>Restores the previous grad mode when disposed.</summary>
    public readonly struct GradModeScope : IDisposable
    {
        private readonly bool previous;

        internal GradModeScope(bool enabled)
        {
            previous = is_grad_enabled();
            Native.hw_set_grad_enabled(enabled ? 1 : 0);
        }

        /// <summary>Restores the grad mode that was in force when the scope opened.</summary>
        public void Dispose() => Native.hw_set_grad_enabled(previous ? 1 : 0);
    }

    /// <summary>CUDA support in the loaded libtorch (false on these machines).</summary>
    public static class cuda
    {
        /// <summary>True when libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool is_available() => Native.hw_cuda_is_available() != 0;
    }

    // ---- tensors from C# data (one memcpy) ---------------------------------------------
    private static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape, ScalarType? dtype, Device? device, bool requires_grad) where T : unmanaged
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        if (n != data.Length)
            throw new ArgumentException($"{data.Length} values do not fill shape {ShapeFormat.Of(shape)} ({n} elements)", nameof(shape));
        var source = ScalarTypeInfo.Of<T>();
        var target = dtype ?? source;
        var needsCast = target != source || (device is not null && device.type != DeviceType.CPU);
        Tensor t;
        fixed (T* p = data)
        fixed (long* s = shape)
            t = new Tensor(Native.hw_from_blob(p, (long)data.Length * sizeof(T), s, shape.Length, (int)source, requires_grad && !needsCast ? 1 : 0));
        if (!needsCast) return t;
        using (t)
        {
            var cast = target != source ? t.to(target) : t.alias();
            if (device is null || device.type == DeviceType.CPU) return cast.requires_grad_(requires_grad);
            using (cast) return cast.to(device).requires_grad_(requires_grad);
        }
    }

#pragma warning disable CS1591 // tensor(...) overloads differ only by element type
    public static Tensor tensor(float[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<float>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(double[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<double>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(long[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<long>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(int[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<int>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(byte[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<byte>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(bool[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<bool>(data, shape ?? [data.Length], dtype, device, requires_grad);
    public static Tensor tensor(ReadOnlySpan<float> data, long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan(data, shape, dtype, device, requires_grad);
    public static Tensor tensor(ReadOnlySpan<double> data, long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan(data, shape, dtype, device, requires_grad);
    public static Tensor tensor(ReadOnlySpan<long> data, long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan(data, shape, dtype, device, requires_grad);
    public static Tensor tensor(ReadOnlySpan<byte> data, long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan(data, shape, dtype, device, requires_grad);
    public static Tensor tensor(float[,] data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<float>(MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length), [data.GetLength(0), data.GetLength(1)], dtype, device, requires_grad);
    public static Tensor tensor(double[,] data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<double>(MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length), [data.GetLength(0), data.GetLength(1)], dtype, device, requires_grad);
    public static Tensor tensor(long[,] data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromSpan<long>(MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length), [data.GetLength(0), data.GetLength(1)], dtype, device, requires_grad);
    /// <summary>A 0-dim tensor holding <paramref name="value"/>: float64 unless <paramref name="dtype"/> says otherwise, as in TorchSharp.</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => new(Native.hw_scalar_tensor(value, (int)(dtype ?? ScalarType.Float64), (int)(device ?? CPU).type, (device ?? CPU).index, requires_grad ? 1 : 0));
    /// <summary>A 0-dim float32 tensor holding <paramref name="value"/>.</summary>
    public static Tensor tensor(float value, Device? device = null, bool requires_grad = false) => tensor(value, ScalarType.Float32, device, requires_grad);
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false) => tensor(value, dtype, device, requires_grad);

    // ---- filled and random tensors -----------------------------------------------------
    private unsafe delegate nint Maker(long* s, int n, int dt, int dv, int di, int rg);

    private static unsafe Tensor Make(Maker maker, long[] size, ScalarType? dtype, Device? device, bool requires_grad)
    {
        var d = device ?? CPU;
        fixed (long* s = size) return new Tensor(maker(s, size.Length, (int)(dtype ?? float32), (int)d.type, d.index, requires_grad ? 1 : 0));
    }

    public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(Native.hw_empty, size, dtype, device, requires_grad);
    public static unsafe Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(Native.hw_zeros, size, dtype, device, requires_grad);
    public static unsafe Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(Native.hw_ones, size, dtype, device, requires_grad);
    /// <summary>Uniform on [0, 1).</summary>
    public static unsafe Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(Native.hw_rand, size, dtype, device, requires_grad);
    /// <summary>Standard normal.</summary>
    public static unsafe Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(Native.hw_randn, size, dtype, device, requires_grad);
    public static unsafe Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        fixed (long* s = size) return new Tensor(Native.hw_full(s, size.Length, value, (int)(dtype ?? float32), (int)d.type, d.index, requires_grad ? 1 : 0));
    }
    public static Tensor zeros(long d0, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([d0], dtype, device, requires_grad);
    public static Tensor zeros(long d0, long d1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([d0, d1], dtype, device, requires_grad);
    public static Tensor zeros(long d0, long d1, long d2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([d0, d1, d2], dtype, device, requires_grad);
    public static Tensor ones(long d0, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([d0], dtype, device, requires_grad);
    public static Tensor ones(long d0, long d1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([d0, d1], dtype, device, requires_grad);
    public static Tensor rand(long d0, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => rand([d0], dtype, device, requires_grad);
    public static Tensor rand(long d0, long d1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => rand([d0, d1], dtype, device, requires_grad);
    public static Tensor randn(long d0, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => randn([d0], dtype, device, requires_grad);
    public static Tensor randn(long d0, long d1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => randn([d0, d1], dtype, device, requires_grad);
    public static Tensor randn(long d0, long d1, long d2, long d3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => randn([d0, d1, d2, d3], dtype, device, requires_grad);
    public static Tensor zeros_like(Tensor t, ScalarType? dtype = null, bool requires_grad = false) => zeros(t.shape, dtype ?? t.dtype, t.device, requires_grad);
    public static Tensor ones_like(Tensor t, ScalarType? dtype = null, bool requires_grad = false) => ones(t.shape, dtype ?? t.dtype, t.device, requires_grad);
    public static Tensor empty_like(Tensor t, ScalarType? dtype = null, bool requires_grad = false) => empty(t.shape, dtype ?? t.dtype, t.device, requires_grad);
    public static Tensor rand_like(Tensor t, ScalarType? dtype = null, bool requires_grad = false) => rand(t.shape, dtype ?? t.dtype, t.device, requires_grad);
    public static Tensor randn_like(Tensor t, ScalarType? dtype = null, bool requires_grad = false) => randn(t.shape, dtype ?? t.dtype, t.device, requires_grad);
    public static Tensor full_like(Tensor t, double value, ScalarType? dtype = null, bool requires_grad = false) => full(t.shape, value, dtype ?? t.dtype, t.device, requires_grad);

    /// <summary>Integers uniform on [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? CPU;
        fixed (long* s = size) return new Tensor(Native.hw_randint(low, high, s, size.Length, (int)(dtype ?? int64), (int)d.type, d.index));
    }
    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null) => randint(0, high, size, dtype, device);
    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null) => new(Native.hw_randperm(n, (int)(dtype ?? int64), (int)(device ?? CPU).type, (device ?? CPU).index));
    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => new(Native.hw_eye(n, m < 0 ? n : m, (int)(dtype ?? float32), (int)(device ?? CPU).type, (device ?? CPU).index, requires_grad ? 1 : 0));
    /// <summary>start, start+step, ... below end; without a dtype, int64 for whole-number arguments and float32 otherwise (PyTorch's inference).</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var inferred = double.IsInteger(start) && double.IsInteger(end) && double.IsInteger(step) ? int64 : float32;
        return new(Native.hw_arange(start, end, step, (int)(dtype ?? inferred), (int)(device ?? CPU).type, (device ?? CPU).index, requires_grad ? 1 : 0));
    }
    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => new(Native.hw_linspace(start, end, steps, (int)(dtype ?? float32), (int)(device ?? CPU).type, (device ?? CPU).index, requires_grad ? 1 : 0));

    // ---- free functions ----------------------------------------------------------------
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => Tensor.W(Native.hw_where(condition.Ptr, x.Ptr, y.Ptr), condition, x, y);
    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Many(tensors, dim, stack: false);
    public static Tensor stack(IList<Tensor> tensors, long dim = 0) => Many(tensors, dim, stack: true);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    /// <summary>beta·input + alpha·(mat1 @ mat2) in one GEMM call; input broadcasts to the product's shape.</summary>
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) => input.addmm(mat1, mat2, beta, alpha);
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor softmax(Tensor x, long dim) => x.softmax(dim);
    public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);
    public static Tensor pow(Tensor x, double exponent) => x.pow(exponent);
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor sum(Tensor x) => x.sum();
    public static Tensor mean(Tensor x) => x.mean();
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);
    public static Tensor dot(Tensor a, Tensor b) => a.dot(b);
    public static Tensor flatten(Tensor x, long start_dim = 0, long end_dim = -1) => x.flatten(start_dim, end_dim);
    public static Tensor unsqueeze(Tensor x, long dim) => x.unsqueeze(dim);
    public static Tensor squeeze(Tensor x) => x.squeeze();
    public static Tensor transpose(Tensor x, long dim0, long dim1) => x.transpose(dim0, dim1);
    public static Tensor narrow(Tensor x, long dim, long start, long length) => x.narrow(dim, start, length);
    public static Tensor index_select(Tensor x, long dim, Tensor index) => x.index_select(dim, index);
    public static Tensor masked_select(Tensor x, Tensor mask) => x.masked_select(mask);
    public static Tensor gather(Tensor x, long dim, Tensor index) => x.gather(dim, index);
    public static Tensor eq(Tensor a, Tensor b) => a.eq(b);
    public static Tensor gt(Tensor a, Tensor b) => a.gt(b);
    public static Tensor lt(Tensor a, Tensor b) => a.lt(b);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);
#pragma warning restore CS1591

    private static unsafe Tensor Many(IList<Tensor> tensors, long dim, bool stack)
    {
        var handles = new nint[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Ptr;
        nint r;
        fixed (nint* h = handles) r = stack ? Native.hw_stack(h, handles.Length, dim) : Native.hw_cat(h, handles.Length, dim);
        GC.KeepAlive(tensors);
        return new Tensor(r);
    }
}
