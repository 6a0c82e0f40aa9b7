// torch.Tensor math: operators, elementwise functions, reductions, in-place updates, casts.
// Each member forwards to one libtorch op; names and defaults follow PyTorch.
namespace TorchSharp;

public static partial class torch
{
    public partial class Tensor
    {
        private static Tensor W(nint native) => new(native);

#pragma warning disable CS1591 // operators and one-line PyTorch functions: the PyTorch docs are theirs
        public static Tensor operator +(Tensor a, Tensor b) => W(Native.add(a.Ptr, b.Ptr), a, b);
        public static Tensor operator -(Tensor a, Tensor b) => W(Native.sub(a.Ptr, b.Ptr), a, b);
        public static Tensor operator *(Tensor a, Tensor b) => W(Native.mul(a.Ptr, b.Ptr), a, b);
        public static Tensor operator /(Tensor a, Tensor b) => W(Native.div(a.Ptr, b.Ptr), a, b);
        public static Tensor operator +(Tensor a, double s) => W(Native.add_scalar(a.Ptr, s), a);
        public static Tensor operator -(Tensor a, double s) => W(Native.sub_scalar(a.Ptr, s), a);
        public static Tensor operator *(Tensor a, double s) => W(Native.mul_scalar(a.Ptr, s), a);
        public static Tensor operator /(Tensor a, double s) => W(Native.div_scalar(a.Ptr, s), a);
        public static Tensor operator +(double s, Tensor a) => W(Native.add_scalar(a.Ptr, s), a);
        public static Tensor operator -(double s, Tensor a) => W(Native.rsub_scalar(a.Ptr, s), a);
        public static Tensor operator *(double s, Tensor a) => W(Native.mul_scalar(a.Ptr, s), a);
        public static Tensor operator /(double s, Tensor a) => W(Native.rdiv_scalar(a.Ptr, s), a);
        public static Tensor operator -(Tensor a) => W(Native.neg(a.Ptr), a);

        public Tensor add(Tensor other) => this + other;
        public Tensor add(double other) => this + other;
        public Tensor sub(Tensor other) => this - other;
        public Tensor sub(double other) => this - other;
        public Tensor mul(Tensor other) => this * other;
        public Tensor mul(double other) => this * other;
        public Tensor div(Tensor other) => this / other;
        public Tensor div(double other) => this / other;
        public Tensor neg() => W(Native.neg(Ptr), this);
        public Tensor exp() => W(Native.exp(Ptr), this);
        public Tensor log() => W(Native.log(Ptr), this);
        public Tensor log1p() => W(Native.log1p(Ptr), this);
        public Tensor sqrt() => W(Native.sqrt(Ptr), this);
        public Tensor rsqrt() => W(Native.rsqrt(Ptr), this);
        public Tensor abs() => W(Native.abs(Ptr), this);
        public Tensor sign() => W(Native.sign(Ptr), this);
        public Tensor square() => W(Native.square(Ptr), this);
        public Tensor reciprocal() => W(Native.reciprocal(Ptr), this);
        public Tensor sigmoid() => W(Native.sigmoid(Ptr), this);
        public Tensor tanh() => W(Native.tanh(Ptr), this);
        public Tensor relu() => W(Native.relu(Ptr), this);
        public Tensor sin() => W(Native.sin(Ptr), this);
        public Tensor cos() => W(Native.cos(Ptr), this);
        public Tensor floor() => W(Native.floor(Ptr), this);
        public Tensor ceil() => W(Native.ceil(Ptr), this);
        public Tensor round() => W(Native.round(Ptr), this);
        public Tensor logical_not() => W(Native.logical_not(Ptr), this);
        public Tensor logical_and(Tensor other) => W(Native.logical_and(Ptr, other.Ptr), this, other);
        public Tensor logical_or(Tensor other) => W(Native.logical_or(Ptr, other.Ptr), this, other);
        public Tensor isnan() => W(Native.isnan(Ptr), this);
        public Tensor nonzero() => W(Native.nonzero(Ptr), this);
        public Tensor pow(Tensor exponent) => W(Native.pow(Ptr, exponent.Ptr), this, exponent);
        public Tensor pow(double exponent) => W(Native.pow_scalar(Ptr, exponent), this);
        public Tensor maximum(Tensor other) => W(Native.maximum(Ptr, other.Ptr), this, other);
        public Tensor minimum(Tensor other) => W(Native.minimum(Ptr, other.Ptr), this, other);
        public Tensor matmul(Tensor other) => W(Native.matmul(Ptr, other.Ptr), this, other);
        public Tensor mm(Tensor other) => W(Native.mm(Ptr, other.Ptr), this, other);
        public Tensor bmm(Tensor other) => W(Native.bmm(Ptr, other.Ptr), this, other);
        /// <summary>beta·this + alpha·(mat1 @ mat2) in one GEMM call, this broadcast to the product's shape (a bias row, say).</summary>
        public Tensor addmm(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) => W(Native.hw_addmm(Ptr, mat1.Ptr, mat2.Ptr, beta, alpha), this, mat1, mat2);
        public Tensor dot(Tensor other) => W(Native.dot(Ptr, other.Ptr), this, other);
        public Tensor outer(Tensor other) => W(Native.outer(Ptr, other.Ptr), this, other);

        public Tensor eq(Tensor other) => W(Native.eq(Ptr, other.Ptr), this, other);
        public Tensor ne(Tensor other) => W(Native.ne(Ptr, other.Ptr), this, other);
        public Tensor gt(Tensor other) => W(Native.gt(Ptr, other.Ptr), this, other);
        public Tensor ge(Tensor other) => W(Native.ge(Ptr, other.Ptr), this, other);
        public Tensor lt(Tensor other) => W(Native.lt(Ptr, other.Ptr), this, other);
        public Tensor le(Tensor other) => W(Native.le(Ptr, other.Ptr), this, other);
        public Tensor eq(double other) => W(Native.eq_scalar(Ptr, other), this);
        public Tensor ne(double other) => W(Native.ne_scalar(Ptr, other), this);
        public Tensor gt(double other) => W(Native.gt_scalar(Ptr, other), this);
        public Tensor ge(double other) => W(Native.ge_scalar(Ptr, other), this);
        public Tensor lt(double other) => W(Native.lt_scalar(Ptr, other), this);
        public Tensor le(double other) => W(Native.le_scalar(Ptr, other), this);

        /// <summary>Limits values to [min, max]; a null bound is not applied.</summary>
        public Tensor clamp(double? min = null, double? max = null) =>
            W(Native.hw_clamp(Ptr, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0), this);
        public Tensor softmax(long dim) => W(Native.hw_softmax(Ptr, dim), this);
        public Tensor log_softmax(long dim) => W(Native.hw_log_softmax(Ptr, dim), this);
        public Tensor masked_fill(Tensor mask, double value) => W(Native.hw_masked_fill(Ptr, mask.Ptr, value), this, mask);
        public Tensor masked_select(Tensor mask) => W(Native.masked_select(Ptr, mask.Ptr), this, mask);
        public Tensor gather(long dim, Tensor index) => W(Native.hw_gather(Ptr, dim, index.Ptr), this, index);
        public Tensor scatter_add(long dim, Tensor index, Tensor src) => W(Native.hw_scatter_add(Ptr, dim, index.Ptr, src.Ptr), this, index, src);
        public Tensor index_add(long dim, Tensor index, Tensor source) => W(Native.hw_index_add(Ptr, dim, index.Ptr, source.Ptr), this, index, source);

        // ---- reductions -----------------------------------------------------------------
        // TorchSharp's overload set exactly, so a call binds alike on both backends: `sum(0)` binds to
        // sum(ScalarType? type) there (the literal 0 converts to an enum), so it must here too; say `sum(dim: 0)`.
        /// <summary>The sum of all elements, computed in <paramref name="type"/> when given (the input is cast first, as in PyTorch).</summary>
        public unsafe Tensor sum(ScalarType? type = null)
        {
            if (type is not { } t) return W(Native.hw_sum(Ptr, null, 0, 0), this);
            using var cast = to(t);
            return cast.sum();
        }
        public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);
        public unsafe Tensor sum(long[] dim, bool keepdim = false) { fixed (long* d = dim) return W(Native.hw_sum(Ptr, d, Nonempty(dim), keepdim ? 1 : 0), this); }
        public unsafe Tensor mean() => W(Native.hw_mean(Ptr, null, 0, 0), this);
        public unsafe Tensor mean(long[] dimensions, bool keepdim = false) { fixed (long* d = dimensions) return W(Native.hw_mean(Ptr, d, Nonempty(dimensions), keepdim ? 1 : 0), this); }
        public Tensor prod() => W(Native.hw_prod(Ptr), this);
        /// <summary>Variance; <paramref name="unbiased"/> divides by N-1 (PyTorch's default), else by N.</summary>
        public unsafe Tensor var(long[]? dims = null, bool unbiased = true, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_var(Ptr, d, dims?.Length ?? 0, unbiased ? 1 : 0, keepdim ? 1 : 0), this); }
        public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => var([dim], unbiased, keepdim);
        /// <summary>Standard deviation; <paramref name="unbiased"/> divides by N-1 (PyTorch's default), else by N.</summary>
        public unsafe Tensor std(long[]? dims = null, bool unbiased = true, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_std(Ptr, d, dims?.Length ?? 0, unbiased ? 1 : 0, keepdim ? 1 : 0), this); }
        public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => std([dim], unbiased, keepdim);
        public unsafe Tensor logsumexp(long dim, bool keepdim = false) => W(Native.hw_logsumexp(Ptr, &dim, 1, keepdim ? 1 : 0), this);
        public Tensor max() => W(Native.hw_max_all(Ptr), this);
        public Tensor min() => W(Native.hw_min_all(Ptr), this);
        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            Ok(Native.hw_max_dim(Ptr, dim, keepdim ? 1 : 0, out var v, out var i), this);
            return (new(v), new(i));
        }
        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            Ok(Native.hw_min_dim(Ptr, dim, keepdim ? 1 : 0, out var v, out var i), this);
            return (new(v), new(i));
        }
        public Tensor argmax() => W(Native.hw_argmax(Ptr, 0, 0, 0), this);
        public Tensor argmax(long dim, bool keepdim = false) => W(Native.hw_argmax(Ptr, 1, dim, keepdim ? 1 : 0), this);
        public Tensor argmin() => W(Native.hw_argmin(Ptr, 0, 0, 0), this);
        public Tensor argmin(long dim, bool keepdim = false) => W(Native.hw_argmin(Ptr, 1, dim, keepdim ? 1 : 0), this);
        /// <summary>The p-norm over all elements, or over <paramref name="dims"/>.</summary>
        public unsafe Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false) { fixed (long* d = dims) return W(Native.hw_norm(Ptr, p, d, dims?.Length ?? 0, keepdim ? 1 : 0), this); }
        public Tensor all() => W(Native.hw_all(Ptr), this);
        public Tensor any() => W(Native.hw_any(Ptr), this);
        /// <summary>True when |this - other| &lt;= atol + rtol * |other| everywhere.</summary>
        public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
        {
            Ok(Native.hw_allclose(Ptr, other.Ptr, rtol, atol, out var r), this, other);
            return r != 0;
        }

        // ---- in place -------------------------------------------------------------------
        public Tensor add_(Tensor other, double alpha = 1) { Ok(Native.hw_add_(Ptr, other.Ptr, alpha), this, other); return this; }
        public Tensor add_(double other) { Ok(Native.hw_add_scalar_(Ptr, other), this); return this; }
        public Tensor sub_(Tensor other, double alpha = 1) { Ok(Native.hw_sub_(Ptr, other.Ptr, alpha), this, other); return this; }
        public Tensor mul_(Tensor other) { Ok(Native.hw_mul_(Ptr, other.Ptr), this, other); return this; }
        public Tensor mul_(double other) { Ok(Native.hw_mul_scalar_(Ptr, other), this); return this; }
        public Tensor div_(Tensor other) { Ok(Native.hw_div_(Ptr, other.Ptr), this, other); return this; }
        /// <summary>this ← beta·this + alpha·(mat1 @ mat2), accumulated by the GEMM itself (no product is allocated; beta = 1 costs no pass).</summary>
        public Tensor addmm_(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) { Ok(Native.hw_addmm_(Ptr, mat1.Ptr, mat2.Ptr, beta, alpha), this, mat1, mat2); return this; }
        public Tensor sigmoid_() { Ok(Native.hw_sigmoid_(Ptr), this); return this; }
        public Tensor relu_() { Ok(Native.hw_relu_(Ptr), this); return this; }
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) { Ok(Native.hw_addcmul_(Ptr, tensor1.Ptr, tensor2.Ptr, value), this, tensor1, tensor2); return this; }
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1) { Ok(Native.hw_addcdiv_(Ptr, tensor1.Ptr, tensor2.Ptr, value), this, tensor1, tensor2); return this; }
        public Tensor zero_() { Ok(Native.hw_zero_(Ptr), this); return this; }
        public Tensor fill_(double value) { Ok(Native.hw_fill_(Ptr, value), this); return this; }
        public Tensor copy_(Tensor source) { Ok(Native.hw_copy_(Ptr, source.Ptr), this, source); return this; }
        public Tensor normal_(double mean = 0, double std = 1) { Ok(Native.hw_normal_(Ptr, mean, std), this); return this; }
        public Tensor uniform_(double from = 0, double to = 1) { Ok(Native.hw_uniform_(Ptr, from, to), this); return this; }
        public Tensor bernoulli_(double p = 0.5) { Ok(Native.hw_bernoulli_(Ptr, p), this); return this; }
        public Tensor clamp_(double min, double max) { Ok(Native.hw_clamp_(Ptr, min, max), this); return this; }

        // ---- conversion -----------------------------------------------------------------
        public Tensor to(ScalarType type) => W(Native.hw_to_dtype(Ptr, (int)type), this);
        public Tensor to(Device target) => W(Native.hw_to_device(Ptr, (int)target.type, target.index), this);
        public Tensor to_type(ScalarType type) => to(type);
        public Tensor cpu() => to(CPU);
        public Tensor @float() => to(ScalarType.Float32);
        public Tensor @double() => to(ScalarType.Float64);
        public Tensor @long() => to(ScalarType.Int64);
        public Tensor @bool() => to(ScalarType.Bool);
        public Tensor contiguous() => W(Native.contiguous(Ptr), this);
        public Tensor clone() => W(Native.clone(Ptr), this);
        /// <summary>A new handle to the same tensor (same storage, same autograd identity).</summary>
        public Tensor alias() => W(Native.alias(Ptr), this);
#pragma warning restore CS1591

        private static int Nonempty(long[] dims) =>
            dims.Length > 0 ? dims.Length : throw new ArgumentException("reduce over at least one dimension, or call the overload without dims", nameof(dims));
    }
}
