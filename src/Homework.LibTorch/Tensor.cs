// torch.Tensor: lifetime, metadata, bulk data transfer and printing.
// Math lives in Tensor.Math.cs, shape ops in Tensor.Shape.cs, autograd in Tensor.Autograd.cs.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// A libtorch tensor. Owns one native handle: dispose it (or open a
    /// <see cref="DisposeScope"/>) to free native memory deterministically.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        // The owned native at::Tensor*, 0 once freed. Held directly (no SafeHandle): each result is one
        // ordinary allocation.
        private nint ptr;

        internal Tensor(nint native)
        {
            ptr = Native.Check(native);
            DisposeScope.Adopt(this);
        }

        // Exactly once, even if two threads dispose the same tensor.
        private void Free()
        {
            var p = Interlocked.Exchange(ref ptr, 0);
            if (p != 0) Native.hw_tensor_free(p);
        }

        // The safety net for a tensor nobody disposed. A finalizer on Tensor itself would make every op result a
        // finalizable allocation, measured at ~80 ns an op (a sixth of libtorch's whole add). Instead a tensor in a
        // dispose scope is held and freed by the scope, and one outside any scope waits in a small per-thread
        // list (ThreadTensors); only those still undisposed when the list fills, or when a scope lets them go
        // (detach, move out of the outermost scope), get a finalizable Guard that frees them once unreachable.
        private Guard? guard;

        private sealed class Guard(Tensor owner)
        {
            ~Guard() => owner.Free();
        }

        internal void ArmGuard()
        {
            if (ptr != 0) guard ??= new Guard(this);
        }

        // The recent scope-less tensors of one thread (most are disposed before the list fills, as with
        // `using var y = ...`; the rest are guarded) and the thread's innermost open dispose scope. When the
        // thread ends, the finalizer guards every tensor still held, including those of scopes never disposed.
        internal sealed class ThreadTensors
        {
            [ThreadStatic] private static ThreadTensors? mine;

            internal static ThreadTensors Mine => mine ??= new ThreadTensors();

            internal DisposeScope? Scope;
            private readonly Tensor?[] recent = new Tensor?[32];
            private int count;

            internal void Add(Tensor t)
            {
                recent[count++] = t;
                if (count == recent.Length) GuardAll();
            }

            private void GuardAll()
            {
                for (var i = 0; i < count; i++) { recent[i]!.ArmGuard(); recent[i] = null; }
                count = 0;
            }

            ~ThreadTensors()
            {
                GuardAll();
                for (var s = Scope; s is not null; s = s.Outer) s.GuardOwned();
            }
        }

        internal DisposeScope? Scope { get; set; }

        // This tensor's slot in its scope's list, meaningful while Scope is set.
        internal int ScopeSlot { get; set; }

        /// <summary>
        /// The native <c>at::Tensor*</c>, for passing to a native call. The caller keeps this tensor reachable until
        /// the call has returned (pass it to <see cref="W(nint, Tensor)"/> / <see cref="Ok(int, Tensor)"/> after the
        /// call, or <see cref="GC.KeepAlive"/>), or the finalizer could free the handle while libtorch still reads it.
        /// </summary>
        internal nint Ptr =>
            ptr != 0 ? ptr : throw new ObjectDisposedException(nameof(Tensor), "this tensor was disposed (by Dispose or by its dispose scope)");

        // The operands come after the native call that used their handles, so they stay reachable until it returned.
        internal static Tensor W(nint native, Tensor a) { GC.KeepAlive(a); return new(native); }
        internal static Tensor W(nint native, Tensor a, Tensor b) { GC.KeepAlive(a); GC.KeepAlive(b); return new(native); }
        internal static Tensor W(nint native, Tensor a, Tensor b, Tensor c) { GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(c); return new(native); }
        internal static void Ok(int status, Tensor a) { GC.KeepAlive(a); Native.Check(status); }
        internal static void Ok(int status, Tensor a, Tensor b) { GC.KeepAlive(a); GC.KeepAlive(b); Native.Check(status); }
        internal static void Ok(int status, Tensor a, Tensor b, Tensor c) { GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(c); Native.Check(status); }

        // The same for a native call returning a plain value read from this tensor.
        private T Keep<T>(T value) { GC.KeepAlive(this); return value; }

        /// <summary>True once the native tensor has been freed.</summary>
        public bool IsInvalid => ptr == 0;

        /// <summary>Frees the native tensor now. Other tensors sharing its storage stay valid.</summary>
        public void Dispose()
        {
            Scope?.Release(this);
            Free();
            if (guard is { } g) GC.SuppressFinalize(g);
        }

        /// <summary>Leaves the dispose scope that owns this tensor; the caller now owns it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            if (Scope is { } s)
            {
                s.Release(this);
                ArmGuard();
            }
            return this;
        }

        /// <summary>Hands this tensor to the scope enclosing its current one.</summary>
        public Tensor MoveToOuterDisposeScope() => Scope is { } s ? s.MoveToOuter(this) : this;

        /// <summary>Element type.</summary>
        public ScalarType dtype => (ScalarType)Keep(Native.hw_dtype_of(Ptr));

        /// <summary>Number of dimensions.</summary>
        public long ndim => Keep(Native.hw_ndim(Ptr));

        /// <summary>Number of dimensions.</summary>
        public long dim() => ndim;

        /// <summary>Sizes of every dimension.</summary>
        public unsafe long[] shape
        {
            get
            {
                var s = new long[ndim];
                fixed (long* p = s) Native.hw_shape(Ptr, p);
                GC.KeepAlive(this);
                return s;
            }
        }

        /// <summary>Size of one dimension (negative counts from the end).</summary>
        public long size(long d)
        {
            var s = shape;
            var i = d < 0 ? d + s.Length : d;
            return i >= 0 && i < s.Length ? s[i] : throw new ArgumentOutOfRangeException(nameof(d), $"dimension {d} out of range for a {s.Length}-d tensor");
        }

        /// <summary>Total number of elements.</summary>
        public long numel() => Keep(Native.hw_numel(Ptr));

        /// <summary>The device holding the data.</summary>
        public Device device => new((DeviceType)Native.hw_device_type(Ptr), Keep(Native.hw_device_index(Ptr)));

        /// <summary>True when elements are laid out densely in row-major order.</summary>
        public bool is_contiguous() => Keep(Native.hw_is_contiguous(Ptr)) != 0;

        /// <summary>
        /// Copies the values into a new array (row-major). <typeparamref name="T"/> must be the tensor's own element
        /// type, as TorchSharp requires (convert first with <c>to(...)</c>).
        /// </summary>
        public T[] data<T>() where T : unmanaged
        {
            RequireElementType<T>();
            var result = new T[numel()];
            CopyTo<T>(result);
            return result;
        }

        // TorchSharp's data<T>() and item<T>() throw this for any other T; so does this binding, so code that
        // reads a float32 tensor as double fails here too instead of only on TorchSharp.
        private void RequireElementType<T>() where T : unmanaged
        {
            var t = dtype;
            if (ScalarTypeInfo.Of<T>() != t) throw new ArgumentException($"{typeof(T).Name} is not compatible with {t}");
        }

        /// <summary>Copies the values, converted to <typeparamref name="T"/>, into <paramref name="destination"/> in one native memcpy.</summary>
        public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
        {
            var n = numel();
            if (destination.Length != n)
                throw new ArgumentException($"destination holds {destination.Length} elements but the tensor has {n}", nameof(destination));
            fixed (T* p = destination)
                Ok(Native.hw_copy_out(Ptr, p, n * sizeof(T), (int)ScalarTypeInfo.Of<T>()), this);
        }

        /// <summary>
        /// The underlying buffer of a contiguous CPU tensor, for zero-copy reads and writes.
        /// Valid only while this tensor is alive; writes bypass autograd.
        /// </summary>
        public unsafe Span<T> AsSpan<T>() where T : unmanaged
        {
            if (ScalarTypeInfo.Of<T>() != dtype) throw new InvalidOperationException($"tensor is {dtype.TorchName()}, not {typeof(T).Name}");
            if (!is_contiguous() || device.type != DeviceType.CPU) throw new InvalidOperationException("AsSpan needs a contiguous CPU tensor: call contiguous() first");
            return new Span<T>((void*)Native.hw_data_ptr(Ptr), checked((int)numel()));
        }

        /// <summary>The value of a one-element tensor; <typeparamref name="T"/> must be its own element type (as in TorchSharp).</summary>
        public T item<T>() where T : unmanaged
        {
            RequireElementType<T>();
            if (numel() != 1) throw new ArgumentException("Number of elements in the tensor must be 1");
            Span<T> value = stackalloc T[1];
            CopyTo<T>(value);
            return value[0];
        }

        /// <summary>The value of a one-element tensor as a double.</summary>
        public double ToDouble() { Ok(Native.hw_item_double(Ptr, out var d), this); return d; }

        /// <summary>The value of a one-element tensor as a long.</summary>
        public long ToInt64() { Ok(Native.hw_item_long(Ptr, out var l), this); return l; }

        /// <summary>Shape, type and device, followed by the values when there are at most 1000.</summary>
        public override string ToString()
        {
            if (ptr == 0) return "tensor(<disposed>)";
            var s = shape;
            var header = $"[{string.Join('x', s)}], type = {dtype.TorchName()}, device = {device}";
            if (numel() > 1000) return header;
            var values = new double[numel()];
            CopyTo<double>(values);
            var sb = new StringBuilder(header).Append('\n');
            var index = 0;
            Format(sb, s, 0, values, ref index, dtype);
            return sb.ToString();
        }

        private static void Format(StringBuilder sb, long[] s, int d, double[] v, ref int i, ScalarType t)
        {
            if (d == s.Length) { sb.Append(FormatValue(v[i++], t)); return; }
            sb.Append('[');
            for (long k = 0; k < s[d]; k++)
            {
                if (k > 0) sb.Append(d == s.Length - 1 ? ", " : ",\n" + new string(' ', d + 1));
                Format(sb, s, d + 1, v, ref i, t);
            }
            sb.Append(']');
        }

        private static string FormatValue(double x, ScalarType t) => t switch
        {
            ScalarType.Bool => x != 0 ? "True" : "False",
            _ when !t.IsFloatingPoint() => ((long)x).ToString(CultureInfo.InvariantCulture),
            _ => x.ToString("0.####", CultureInfo.InvariantCulture),
        };
    }
}
