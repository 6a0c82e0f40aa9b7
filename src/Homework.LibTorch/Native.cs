// P/Invoke declarations for the native shim (native/*.cpp), one line per entry point.
// No logic lives here beyond turning a failed call into a TorchException.
using System.Runtime.InteropServices;

namespace TorchSharp;

internal static unsafe partial class Native
{
    private const string Lib = "homework_torch";

    /// <summary>The message libtorch gave for the last failed call on this thread.</summary>
    internal static string LastError() => Marshal.PtrToStringUTF8(hw_last_error()) ?? "unknown native error";

    /// <summary>Throws the pending libtorch error when a tensor-returning call gave null.</summary>
    internal static nint Check(nint result) => result != 0 ? result : throw new TorchException(LastError());

    /// <summary>Throws the pending libtorch error when a status-returning call failed.</summary>
    internal static void Check(int status) { if (status != 0) throw new TorchException(LastError()); }

    [LibraryImport(Lib)] internal static partial nint hw_last_error();
    [LibraryImport(Lib)] internal static partial void hw_clear_error();
    [LibraryImport(Lib)] internal static partial int hw_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int hw_get_num_threads();
    [LibraryImport(Lib)] internal static partial int hw_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int hw_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial void hw_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial int hw_cuda_is_available();

    [LibraryImport(Lib)] internal static partial void hw_tensor_free(nint t);
    [LibraryImport(Lib)] internal static partial int hw_dtype_of(nint t);
    [LibraryImport(Lib)] internal static partial int hw_ndim(nint t);
    [LibraryImport(Lib)] internal static partial void hw_shape(nint t, long* output);
    [LibraryImport(Lib)] internal static partial long hw_numel(nint t);
    [LibraryImport(Lib)] internal static partial int hw_device_type(nint t);
    [LibraryImport(Lib)] internal static partial int hw_device_index(nint t);
    [LibraryImport(Lib)] internal static partial int hw_requires_grad(nint t);
    [LibraryImport(Lib)] internal static partial int hw_is_contiguous(nint t);
    [LibraryImport(Lib)] internal static partial int hw_is_leaf(nint t);
    [LibraryImport(Lib)] internal static partial int hw_same_storage(nint a, nint b);

    [LibraryImport(Lib)] internal static partial nint hw_from_blob(void* data, long nbytes, long* shape, int ndim, int dtype, int requiresGrad);
    [LibraryImport(Lib)] internal static partial int hw_copy_out(nint t, void* dst, long nbytes, int dtype);
    [LibraryImport(Lib)] internal static partial nint hw_data_ptr(nint t);
    [LibraryImport(Lib)] internal static partial nint hw_empty(long* s, int n, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_zeros(long* s, int n, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_ones(long* s, int n, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_full(long* s, int n, double v, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_rand(long* s, int n, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_randn(long* s, int n, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_randint(long low, long high, long* s, int n, int dt, int dv, int di);
    [LibraryImport(Lib)] internal static partial nint hw_randperm(long n, int dt, int dv, int di);
    [LibraryImport(Lib)] internal static partial nint hw_eye(long n, long m, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_arange(double start, double end, double step, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_linspace(double start, double end, long steps, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial nint hw_scalar_tensor(double v, int dt, int dv, int di, int rg);
    [LibraryImport(Lib)] internal static partial int hw_item_double(nint t, out double value);
    [LibraryImport(Lib)] internal static partial int hw_item_long(nint t, out long value);

    [LibraryImport(Lib)] internal static partial nint hw_to_dtype(nint t, int dt);
    [LibraryImport(Lib)] internal static partial nint hw_to_device(nint t, int dv, int di);

    [LibraryImport(Lib)] internal static partial nint hw_where(nint c, nint a, nint b);
    [LibraryImport(Lib)] internal static partial nint hw_clamp(nint a, int hasMin, double lo, int hasMax, double hi);
    [LibraryImport(Lib)] internal static partial nint hw_softmax(nint a, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_log_softmax(nint a, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_one_hot(nint a, long numClasses);
    [LibraryImport(Lib)] internal static partial nint hw_masked_fill(nint a, nint mask, double v);
    [LibraryImport(Lib)] internal static partial nint hw_gather(nint a, long dim, nint index);
    [LibraryImport(Lib)] internal static partial nint hw_scatter_add(nint a, long dim, nint index, nint src);
    [LibraryImport(Lib)] internal static partial nint hw_index_add(nint a, long dim, nint index, nint src);

    [LibraryImport(Lib)] internal static partial int hw_add_(nint a, nint b, double alpha);
    [LibraryImport(Lib)] internal static partial int hw_sub_(nint a, nint b, double alpha);
    [LibraryImport(Lib)] internal static partial int hw_mul_(nint a, nint b);
    [LibraryImport(Lib)] internal static partial int hw_div_(nint a, nint b);
    [LibraryImport(Lib)] internal static partial int hw_add_scalar_(nint a, double s);
    [LibraryImport(Lib)] internal static partial int hw_mul_scalar_(nint a, double s);
    [LibraryImport(Lib)] internal static partial int hw_addcmul_(nint a, nint b, nint c, double value);
    [LibraryImport(Lib)] internal static partial int hw_addcdiv_(nint a, nint b, nint c, double value);
    [LibraryImport(Lib)] internal static partial int hw_addmm_(nint self, nint a, nint b, double beta, double alpha);
    [LibraryImport(Lib)] internal static partial int hw_sigmoid_(nint a);
    [LibraryImport(Lib)] internal static partial int hw_relu_(nint a);
    [LibraryImport(Lib)] internal static partial int hw_zero_(nint a);
    [LibraryImport(Lib)] internal static partial int hw_fill_(nint a, double v);
    [LibraryImport(Lib)] internal static partial int hw_copy_(nint a, nint src);
    [LibraryImport(Lib)] internal static partial int hw_normal_(nint a, double mean, double std);
    [LibraryImport(Lib)] internal static partial int hw_uniform_(nint a, double from, double to);
    [LibraryImport(Lib)] internal static partial int hw_bernoulli_(nint a, double p);
    [LibraryImport(Lib)] internal static partial int hw_clamp_(nint a, double lo, double hi);

    [LibraryImport(Lib)] internal static partial nint hw_reshape(nint a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_view(nint a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_expand(nint a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_permute(nint a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_transpose(nint a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial nint hw_flatten(nint a, long start, long end);
    [LibraryImport(Lib)] internal static partial nint hw_squeeze(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_squeeze_dim(nint a, long d);
    [LibraryImport(Lib)] internal static partial nint hw_unsqueeze(nint a, long d);
    [LibraryImport(Lib)] internal static partial nint hw_narrow(nint a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial nint hw_slice(nint a, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial nint hw_select(nint a, long dim, long index);
    [LibraryImport(Lib)] internal static partial nint hw_index_select(nint a, long dim, nint index);
    [LibraryImport(Lib)] internal static partial nint hw_unfold(nint a, long dim, long size, long step);
    [LibraryImport(Lib)] internal static partial nint hw_im2col(nint a, long kh, long kw, long dh, long dw, long ph, long pw, long sh, long sw);
    [LibraryImport(Lib)] internal static partial nint hw_col2im(nint a, long oh, long ow, long kh, long kw, long dh, long dw, long ph, long pw, long sh, long sw);
    [LibraryImport(Lib)] internal static partial nint hw_cat(nint* ts, int n, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_stack(nint* ts, int n, long dim);

    [LibraryImport(Lib)] internal static partial nint hw_sum(nint a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_mean(nint a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_prod(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_var(nint a, long* d, int n, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_std(nint a, long* d, int n, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_logsumexp(nint a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_max_all(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_min_all(nint a);
    [LibraryImport(Lib)] internal static partial int hw_max_dim(nint a, long dim, int keepdim, out nint values, out nint indices);
    [LibraryImport(Lib)] internal static partial int hw_min_dim(nint a, long dim, int keepdim, out nint values, out nint indices);
    [LibraryImport(Lib)] internal static partial nint hw_argmax(nint a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_argmin(nint a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_norm(nint a, double p, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_all(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_any(nint a);
    [LibraryImport(Lib)] internal static partial int hw_allclose(nint a, nint b, double rtol, double atol, out int result);

    [LibraryImport(Lib)] internal static partial nint hw_linalg_inv(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_pinv(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_solve(nint a, nint b);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_det(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_eigvalsh(nint a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_norm(nint a, int hasOrd, double ord, long* d, int n, int keepdim);

    [LibraryImport(Lib)] internal static partial int hw_set_requires_grad(nint t, int value);
    [LibraryImport(Lib)] internal static partial nint hw_grad(nint t);
    [LibraryImport(Lib)] internal static partial int hw_set_grad(nint t, nint g);
    [LibraryImport(Lib)] internal static partial int hw_retain_grad(nint t);
    [LibraryImport(Lib)] internal static partial int hw_backward(nint t, nint grad, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial int hw_autograd_grad(nint* outputs, int nOut, nint* inputs, int nIn, nint* gradOutputs, int nGrad,
        int retainGraph, int createGraph, int allowUnused, nint* results);

    // One-argument, two-argument and tensor-scalar entry points share a signature each.
    [LibraryImport(Lib, EntryPoint = "hw_neg")] internal static partial nint neg(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_exp")] internal static partial nint exp(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_log")] internal static partial nint log(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_log1p")] internal static partial nint log1p(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_sqrt")] internal static partial nint sqrt(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_rsqrt")] internal static partial nint rsqrt(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_abs")] internal static partial nint abs(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_sign")] internal static partial nint sign(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_square")] internal static partial nint square(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_reciprocal")] internal static partial nint reciprocal(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_sigmoid")] internal static partial nint sigmoid(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_tanh")] internal static partial nint tanh(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_relu")] internal static partial nint relu(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_sin")] internal static partial nint sin(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_cos")] internal static partial nint cos(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_floor")] internal static partial nint floor(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_ceil")] internal static partial nint ceil(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_round")] internal static partial nint round(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_logical_not")] internal static partial nint logical_not(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_isnan")] internal static partial nint isnan(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_t")] internal static partial nint t(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_nonzero")] internal static partial nint nonzero(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_contiguous")] internal static partial nint contiguous(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_clone")] internal static partial nint clone(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_detach")] internal static partial nint detach(nint a);
    [LibraryImport(Lib, EntryPoint = "hw_alias")] internal static partial nint alias(nint a);

    [LibraryImport(Lib, EntryPoint = "hw_add")] internal static partial nint add(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_sub")] internal static partial nint sub(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_mul")] internal static partial nint mul(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_div")] internal static partial nint div(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_pow")] internal static partial nint pow(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_matmul")] internal static partial nint matmul(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_mm")] internal static partial nint mm(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_bmm")] internal static partial nint bmm(nint a, nint b);
    [LibraryImport(Lib)] internal static partial nint hw_addmm(nint input, nint a, nint b, double beta, double alpha);
    [LibraryImport(Lib, EntryPoint = "hw_dot")] internal static partial nint dot(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_outer")] internal static partial nint outer(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_maximum")] internal static partial nint maximum(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_minimum")] internal static partial nint minimum(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_eq")] internal static partial nint eq(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_ne")] internal static partial nint ne(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_gt")] internal static partial nint gt(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_ge")] internal static partial nint ge(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_lt")] internal static partial nint lt(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_le")] internal static partial nint le(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_logical_and")] internal static partial nint logical_and(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_logical_or")] internal static partial nint logical_or(nint a, nint b);
    [LibraryImport(Lib, EntryPoint = "hw_masked_select")] internal static partial nint masked_select(nint a, nint b);

    [LibraryImport(Lib, EntryPoint = "hw_add_scalar")] internal static partial nint add_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_sub_scalar")] internal static partial nint sub_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rsub_scalar")] internal static partial nint rsub_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_mul_scalar")] internal static partial nint mul_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_div_scalar")] internal static partial nint div_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rdiv_scalar")] internal static partial nint rdiv_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_pow_scalar")] internal static partial nint pow_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rpow_scalar")] internal static partial nint rpow_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_eq_scalar")] internal static partial nint eq_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_ne_scalar")] internal static partial nint ne_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_gt_scalar")] internal static partial nint gt_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_ge_scalar")] internal static partial nint ge_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_lt_scalar")] internal static partial nint lt_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_le_scalar")] internal static partial nint le_scalar(nint a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_fill_like")] internal static partial nint full_like(nint a, double s);
}

// nn entry points (native/nn.cpp).
internal static unsafe partial class Native
{
    [LibraryImport(Lib)] internal static partial nint hw_linear(nint input, nint weight, nint bias);
    [LibraryImport(Lib)] internal static partial nint hw_conv2d(nint input, nint weight, nint bias, long stride, long padding);
    [LibraryImport(Lib)] internal static partial nint hw_batch_norm(nint input, nint weight, nint bias, nint runningMean, nint runningVar, int training, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial nint hw_dropout(nint input, double p, int training);
    [LibraryImport(Lib)] internal static partial nint hw_feature_dropout(nint input, double p, int training, int inplace);
    [LibraryImport(Lib)] internal static partial nint hw_max_pool2d(nint input, long* kernel, long* stride, long* padding, long* dilation, int ceilMode);
    [LibraryImport(Lib)] internal static partial int hw_max_pool2d_with_indices(nint input, long* kernel, long* stride, long* padding, long* dilation, int ceilMode,
        out nint values, out nint indices);
    [LibraryImport(Lib)] internal static partial nint hw_cross_entropy(nint input, nint target, nint weight, long reduction, long ignoreIndex, double labelSmoothing);
    [LibraryImport(Lib)] internal static partial nint hw_nll_loss(nint input, nint target, nint weight, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_mse_loss(nint input, nint target, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_binary_cross_entropy(nint input, nint target, nint weight, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_binary_cross_entropy_with_logits(nint input, nint target, nint weight, nint posWeight, long reduction);
    [LibraryImport(Lib)] internal static partial int hw_set_data(nint t, nint data);
    [LibraryImport(Lib)] internal static partial int hw_zero_grad(nint t);
    [LibraryImport(Lib)] internal static partial nint hw_get_rng_state();
    [LibraryImport(Lib)] internal static partial int hw_set_rng_state(nint state);
}
