// torch.Tensor math: operators, elementwise functions, reductions, in-place updates, casts.
// Each member forwards to one libtorch op; names and defaults follow PyTorch.
namespace Homework.LibTorch;

public static partial class torch
{
    public partial class Tensor
    {
        private static Tensor W(nint native) => new(native);

#pragma warning disable CS1591 // operators and one-line PyTorch functions: the PyTorch docs are theirs
        public static Tensor operator +(Tensor a, Tensor b) => W(Native.add(a.Handle, b.Handle));
        public static Tensor operator -(Tensor a, Tensor b) => W(Native.sub(a.Handle, b.Handle));
        public static Tensor operator *(Tensor a, Tensor b) => W(Native.mul(a.Handle, b.Handle));
        public static Tensor operator /(Tensor a, Tensor b) => W(Native.div(a.Handle, b.Handle));
        public static Tensor operator +(Tensor a, double s) => W(Native.add_scalar(a.Handle, s));
        public static Tensor operator -(Tensor a, double s) => W(Native.sub_scalar(a.Handle, s));
        public static Tensor operator *(Tensor a, double s) => W(Native.mul_scalar(a.Handle, s));
        public static Tensor operator /(Tensor a, double s) => W(Native.div_scalar(a.Handle, s));
        public static Tensor operator +(double s, Tensor a) => W(Native.add_scalar(a.Handle, s));
        public static Tensor operator -(double s, Tensor a) => W(Native.rsub_scalar(a.Handle, s));
        public static Tensor operator *(double s, Tensor a) => W(Native.mul_scalar(a.Handle, s));
        public static Tensor operator /(double s, Tensor a) => W(Native.rdiv_scalar(a.Handle, s));
        public static Tensor operator -(Tensor a) => W(Native.neg(a.Handle));

        public Tensor add(Tensor other) => this + other;
        public Tensor add(double other) => this + other;
        public Tensor sub(Tensor other) => this - other;
        public Tensor sub(double other) => this - other;
        public Tensor mul(Tensor other) => this * other;
        public Tensor mul(double other) => this * other;
        public Tensor div(Tensor other) => this / other;
        public Tensor div(double other) => this / other;
        public Tensor neg() => W(Native.neg(Handle));
        public Tensor exp() => W(Native.exp(Handle));
        public Tensor log() => W(Native.log(Handle));
        public Tensor log1p() => W(Native.log1p(Handle));
        public Tensor sqrt() => W(Native.sqrt(Handle));
        public Tensor rsqrt() => W(Native.rsqrt(Handle));
        public Tensor abs() => W(Native.abs(Handle));
        public Tensor sign() => W(Native.sign(Handle));
        public Tensor square() => W(Native.square(Handle));
        public Tensor reciprocal() => W(Native.reciprocal(Handle));
        public Tensor sigmoid() => W(Native.sigmoid(Handle));
        public Tensor tanh() => W(Native.tanh(Handle));
        public Tensor relu() => W(Native.relu(Handle));
        public Tensor sin() => W(Native.sin(Handle));
        public Tensor cos() => W(Native.cos(Handle));
        public Tensor floor() => W(Native.floor(Handle));
        public Tensor ceil() => W(Native.ceil(Handle));
        public Tensor round() => W(Native.round(Handle));
        public Tensor logical_not() => W(Native.logical_not(Handle));
        public Tensor logical_and(Tensor other) => W(Native.logical_and(Handle, other.Handle));
        public Tensor logical_or(Tensor other) => W(Native.logical_or(Handle, other.Handle));
        public Tensor isnan() => W(Native.isnan(Handle));
        public Tensor nonzero() => W(Native.nonzero(Handle));
        public Tensor pow(Tensor exponent) => W(Native.pow(Handle, exponent.Handle));
        public Tensor pow(double exponent) => W(Native.pow_scalar(Handle, exponent));
        public Tensor maximum(Tensor other) => W(Native.maximum(Handle, other.Handle));
        public Tensor minimum(Tensor other) => W(Native.minimum(Handle, other.Handle));
        public Tensor matmul(Tensor other) => W(Native.matmul(Handle, other.Handle));
        public Tensor mm(Tensor other) => W(Native.mm(Handle, other.Handle));
        public Tensor bmm(Tensor other) => W(Native.bmm(Handle, other.Handle));
        public Tensor dot(Tensor other) => W(Native.dot(Handle, other.Handle));
        public Tensor outer(Tensor other) => W(Native.outer(Handle, other.Handle));

        public Tensor eq(Tensor other) => W(Native.eq(Handle, other.Handle));
        public Tensor ne(Tensor other) => W(Native.ne(Handle, other.Handle));
        public Tensor gt(Tensor other) => W(Native.gt(Handle, other.Handle));
        public Tensor ge(Tensor other) => W(Native.ge(Handle, other.Handle));
        public Tensor lt(Tensor other) => W(Native.lt(Handle, other.Handle));
        public Tensor le(Tensor other) => W(Native.le(Handle, other.Handle));
        public Tensor eq(double other) => W(Native.eq_scalar(Handle, other));
        public Tensor ne(double other) => W(Native.ne_scalar(Handle, other));
        public Tensor gt(double other) => W(Native.gt_scalar(Handle, other));
        public Tensor ge(double other) => W(Native.ge_scalar(Handle, other));
        public Tensor lt(double other) => W(Native.lt_scalar(Handle, other));
        public Tensor le(double other) => W(Native.le_scalar(Handle, other));

        /// <summary>Limits values to [min, max]; a null bound is not applied.</summary>
        public Tensor clamp(double? min = null, double? max = null) =>
            W(Native.hw_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
        public Tensor softmax(long dim) => W(Native.hw_softmax(Handle, dim));
        public Tensor log_softmax(long dim) => W(Native.hw_log_softmax(Handle, dim));
        public Tensor masked_fill(Tensor mask, double value) => W(Native.hw_masked_fill(Handle, mask.Handle, value));
        public Tensor masked_select(Tensor mask) => W(Native.masked_select(Handle, mask.Handle));
        public Tensor gather(long dim, Tensor index) => W(Native.hw_gather(Handle, dim, index.Handle));
        public Tensor scatter_add(long dim, Tensor index, Tensor src) => W(Native.hw_scatter_add(Handle, dim, index.Handle, src.Handle));
        public Tensor index_add(long dim, Tensor index, Tensor source) => W(Native.hw_index_add(Handle, dim, index.Handle, source.Handle));

        // ---- reductions -----------------------------------------------------------------
        public unsafe Tensor sum() => W(Native.hw_sum(Handle, null, 0, 0));
        public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);
        public unsafe Tensor sum(long[] dims, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_sum(Handle, d, Nonempty(dims), keepdim ? 1 : 0)); }
        public unsafe Tensor mean() => W(Native.hw_mean(Handle, null, 0, 0));
        public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);
        public unsafe Tensor mean(long[] dims, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_mean(Handle, d, Nonempty(dims), keepdim ? 1 : 0)); }
        public Tensor prod() => W(Native.hw_prod(Handle));
        /// <summary>Variance; <paramref name="unbiased"/> divides by N-1 (PyTorch's default), else by N.</summary>
        public unsafe Tensor var(long[]? dims = null, bool unbiased = true, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_var(Handle, d, dims?.Length ?? 0, unbiased ? 1 : 0, keepdim ? 1 : 0)); }
        public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => var([dim], unbiased, keepdim);
        /// <summary>Standard deviation; <paramref name="unbiased"/> divides by N-1 (PyTorch's default), else by N.</summary>
        public unsafe Tensor std(long[]? dims = null, bool unbiased = true, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_std(Handle, d, dims?.Length ?? 0, unbiased ? 1 : 0, keepdim ? 1 : 0)); }
        public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => std([dim], unbiased, keepdim);
        public unsafe Tensor logsumexp(long dim, bool keepdim = false) => W(Native.hw_logsumexp(Handle, &dim, 1, keepdim ? 1 : 0));
        public Tensor max() => W(Native.hw_max_all(Handle));
        public Tensor min() => W(Native.hw_min_all(Handle));
        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            Native.Check(Native.hw_max_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
            return (W(v), W(i));
        }
        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            Native.Check(Native.hw_min_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
            return (W(v), W(i));
        }
        public Tensor argmax() => W(Native.hw_argmax(Handle, 0, 0, 0));
        public Tensor argmax(long dim, bool keepdim = false) => W(Native.hw_argmax(Handle, 1, dim, keepdim ? 1 : 0));
        public Tensor argmin() => W(Native.hw_argmin(Handle, 0, 0, 0));
        public Tensor argmin(long dim, bool keepdim = false) => W(Native.hw_argmin(Handle, 1, dim, keepdim ? 1 : 0));
        /// <summary>The p-norm over all elements, or over <paramref name="dims"/>.</summary>
        public unsafe Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_norm(Handle, p, d, dims?.Length ?? 0, keepdim ? 1 : 0)); }
        public Tensor all() => W(Native.hw_all(Handle));
        public Tensor any() => W(Native.hw_any(Handle));
        /// <summary>True when |this - other| &lt;= atol + rtol * |other| everywhere.</summary>
        public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
        {
            Native.Check(Native.hw_allclose(Handle, other.Handle, rtol, atol, out var r));
            return r != 0;
        }

        // ---- in place -------------------------------------------------------------------
        public Tensor add_(Tensor other, double alpha = 1) { Native.Check(Native.hw_add_(Handle, other.Handle, alpha)); return this; }
        public Tensor add_(double other) { Native.Check(Native.hw_add_scalar_(Handle, other)); return this; }
        public Tensor sub_(Tensor other, double alpha = 1) { Native.Check(Native.hw_sub_(Handle, other.Handle, alpha)); return this; }
        public Tensor mul_(Tensor other) { Native.Check(Native.hw_mul_(Handle, other.Handle)); return this; }
        public Tensor mul_(double other) { Native.Check(Native.hw_mul_scalar_(Handle, other)); return this; }
        public Tensor div_(Tensor other) { Native.Check(Native.hw_div_(Handle, other.Handle)); return this; }
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) { Native.Check(Native.hw_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value)); return this; }
        public Tensor zero_() { Native.Check(Native.hw_zero_(Handle)); return this; }
        public Tensor fill_(double value) { Native.Check(Native.hw_fill_(Handle, value)); return this; }
        public Tensor copy_(Tensor source) { Native.Check(Native.hw_copy_(Handle, source.Handle)); return this; }
        public Tensor normal_(double mean = 0, double std = 1) { Native.Check(Native.hw_normal_(Handle, mean, std)); return this; }
        public Tensor uniform_(double from = 0, double to = 1) { Native.Check(Native.hw_uniform_(Handle, from, to)); return this; }
        public Tensor bernoulli_(double p = 0.5) { Native.Check(Native.hw_bernoulli_(Handle, p)); return this; }
        public Tensor clamp_(double min, double max) { Native.Check(Native.hw_clamp_(Handle, min, max)); return this; }

        // ---- conversion -----------------------------------------------------------------
        public Tensor to(ScalarType type) => W(Native.hw_to_dtype(Handle, (int)type));
        public Tensor to(Device target) => W(Native.hw_to_device(Handle, (int)target.type, target.index));
        public Tensor to_type(ScalarType type) => to(type);
        public Tensor cpu() => to(CPU);
        public Tensor @float() => to(ScalarType.Float32);
        public Tensor @double() => to(ScalarType.Float64);
        public Tensor @long() => to(ScalarType.Int64);
        public Tensor @bool() => to(ScalarType.Bool);
        public Tensor contiguous() => W(Native.contiguous(Handle));
        public Tensor clone() => W(Native.clone(Handle));
        /// <summary>A new handle to the same tensor (same storage, same autograd identity).</summary>
        public Tensor alias() => W(Native.alias(Handle));
#pragma warning restore CS1591

        private static int Nonempty(long[] dims) =>
            dims.Length > 0 ? dims.Length : throw new ArgumentException("reduce over at least one dimension, or call the overload without dims", nameof(dims));
    }
}
