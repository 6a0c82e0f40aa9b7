// P/Invoke declarations for the native shim (native/*.cpp), one line per entry point.
// No logic lives here beyond turning a failed call into a TorchException.
using System.Runtime.InteropServices;

namespace Homework.LibTorch;

/// <summary>An owned native <c>at::Tensor*</c>; released exactly once, by Dispose or as a finalizer safety net.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle() { Native.hw_tensor_free(handle); return true; }
}

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
    [LibraryImport(Lib)] internal static partial int hw_dtype_of(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_ndim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void hw_shape(TensorHandle t, long* output);
    [LibraryImport(Lib)] internal static partial long hw_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_device_index(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_is_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_is_leaf(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_same_storage(TensorHandle a, TensorHandle b);

    [LibraryImport(Lib)] internal static partial nint hw_from_blob(void* data, long nbytes, long* shape, int ndim, int dtype, int requiresGrad);
    [LibraryImport(Lib)] internal static partial int hw_copy_out(TensorHandle t, void* dst, long nbytes, int dtype);
    [LibraryImport(Lib)] internal static partial nint hw_data_ptr(TensorHandle t);
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
    [LibraryImport(Lib)] internal static partial int hw_item_double(TensorHandle t, out double value);
    [LibraryImport(Lib)] internal static partial int hw_item_long(TensorHandle t, out long value);

    [LibraryImport(Lib)] internal static partial nint hw_to_dtype(TensorHandle t, int dt);
    [LibraryImport(Lib)] internal static partial nint hw_to_device(TensorHandle t, int dv, int di);

    [LibraryImport(Lib)] internal static partial nint hw_where(TensorHandle c, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial nint hw_clamp(TensorHandle a, int hasMin, double lo, int hasMax, double hi);
    [LibraryImport(Lib)] internal static partial nint hw_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_log_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_one_hot(TensorHandle a, long numClasses);
    [LibraryImport(Lib)] internal static partial nint hw_masked_fill(TensorHandle a, TensorHandle mask, double v);
    [LibraryImport(Lib)] internal static partial nint hw_gather(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial nint hw_scatter_add(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial nint hw_index_add(TensorHandle a, long dim, TensorHandle index, TensorHandle src);

    [LibraryImport(Lib)] internal static partial int hw_add_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int hw_sub_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int hw_mul_(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int hw_div_(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int hw_add_scalar_(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial int hw_mul_scalar_(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial int hw_addcmul_(TensorHandle a, TensorHandle b, TensorHandle c, double value);
    [LibraryImport(Lib)] internal static partial int hw_zero_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int hw_fill_(TensorHandle a, double v);
    [LibraryImport(Lib)] internal static partial int hw_copy_(TensorHandle a, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int hw_normal_(TensorHandle a, double mean, double std);
    [LibraryImport(Lib)] internal static partial int hw_uniform_(TensorHandle a, double from, double to);
    [LibraryImport(Lib)] internal static partial int hw_bernoulli_(TensorHandle a, double p);
    [LibraryImport(Lib)] internal static partial int hw_clamp_(TensorHandle a, double lo, double hi);

    [LibraryImport(Lib)] internal static partial nint hw_reshape(TensorHandle a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_view(TensorHandle a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_expand(TensorHandle a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_permute(TensorHandle a, long* s, int n);
    [LibraryImport(Lib)] internal static partial nint hw_transpose(TensorHandle a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial nint hw_flatten(TensorHandle a, long start, long end);
    [LibraryImport(Lib)] internal static partial nint hw_squeeze(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_squeeze_dim(TensorHandle a, long d);
    [LibraryImport(Lib)] internal static partial nint hw_unsqueeze(TensorHandle a, long d);
    [LibraryImport(Lib)] internal static partial nint hw_narrow(TensorHandle a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial nint hw_slice(TensorHandle a, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial nint hw_select(TensorHandle a, long dim, long index);
    [LibraryImport(Lib)] internal static partial nint hw_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial nint hw_unfold(TensorHandle a, long dim, long size, long step);
    [LibraryImport(Lib)] internal static partial nint hw_im2col(TensorHandle a, long kh, long kw, long dh, long dw, long ph, long pw, long sh, long sw);
    [LibraryImport(Lib)] internal static partial nint hw_col2im(TensorHandle a, long oh, long ow, long kh, long kw, long dh, long dw, long ph, long pw, long sh, long sw);
    [LibraryImport(Lib)] internal static partial nint hw_cat(nint* ts, int n, long dim);
    [LibraryImport(Lib)] internal static partial nint hw_stack(nint* ts, int n, long dim);

    [LibraryImport(Lib)] internal static partial nint hw_sum(TensorHandle a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_mean(TensorHandle a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_prod(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_var(TensorHandle a, long* d, int n, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_std(TensorHandle a, long* d, int n, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_logsumexp(TensorHandle a, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_max_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_min_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int hw_max_dim(TensorHandle a, long dim, int keepdim, out nint values, out nint indices);
    [LibraryImport(Lib)] internal static partial int hw_min_dim(TensorHandle a, long dim, int keepdim, out nint values, out nint indices);
    [LibraryImport(Lib)] internal static partial nint hw_argmax(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_argmin(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_norm(TensorHandle a, double p, long* d, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial nint hw_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_any(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int hw_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);

    [LibraryImport(Lib)] internal static partial nint hw_linalg_inv(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_pinv(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_solve(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_det(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_eigvalsh(TensorHandle a);
    [LibraryImport(Lib)] internal static partial nint hw_linalg_norm(TensorHandle a, int hasOrd, double ord, long* d, int n, int keepdim);

    [LibraryImport(Lib)] internal static partial int hw_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Lib)] internal static partial nint hw_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_set_grad(TensorHandle t, nint g);
    [LibraryImport(Lib)] internal static partial int hw_retain_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int hw_backward(TensorHandle t, nint grad, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial int hw_autograd_grad(nint* outputs, int nOut, nint* inputs, int nIn, nint* gradOutputs, int nGrad,
        int retainGraph, int createGraph, int allowUnused, nint* results);

    // One-argument, two-argument and tensor-scalar entry points share a signature each.
    [LibraryImport(Lib, EntryPoint = "hw_neg")] internal static partial nint neg(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_exp")] internal static partial nint exp(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_log")] internal static partial nint log(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_log1p")] internal static partial nint log1p(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_sqrt")] internal static partial nint sqrt(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_rsqrt")] internal static partial nint rsqrt(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_abs")] internal static partial nint abs(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_sign")] internal static partial nint sign(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_square")] internal static partial nint square(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_reciprocal")] internal static partial nint reciprocal(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_sigmoid")] internal static partial nint sigmoid(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_tanh")] internal static partial nint tanh(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_relu")] internal static partial nint relu(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_sin")] internal static partial nint sin(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_cos")] internal static partial nint cos(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_floor")] internal static partial nint floor(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_ceil")] internal static partial nint ceil(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_round")] internal static partial nint round(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_logical_not")] internal static partial nint logical_not(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_isnan")] internal static partial nint isnan(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_t")] internal static partial nint t(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_nonzero")] internal static partial nint nonzero(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_contiguous")] internal static partial nint contiguous(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_clone")] internal static partial nint clone(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_detach")] internal static partial nint detach(TensorHandle a);
    [LibraryImport(Lib, EntryPoint = "hw_alias")] internal static partial nint alias(TensorHandle a);

    [LibraryImport(Lib, EntryPoint = "hw_add")] internal static partial nint add(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_sub")] internal static partial nint sub(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_mul")] internal static partial nint mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_div")] internal static partial nint div(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_pow")] internal static partial nint pow(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_matmul")] internal static partial nint matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_mm")] internal static partial nint mm(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_bmm")] internal static partial nint bmm(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_dot")] internal static partial nint dot(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_outer")] internal static partial nint outer(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_maximum")] internal static partial nint maximum(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_minimum")] internal static partial nint minimum(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_eq")] internal static partial nint eq(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_ne")] internal static partial nint ne(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_gt")] internal static partial nint gt(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_ge")] internal static partial nint ge(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_lt")] internal static partial nint lt(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_le")] internal static partial nint le(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_logical_and")] internal static partial nint logical_and(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_logical_or")] internal static partial nint logical_or(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, EntryPoint = "hw_masked_select")] internal static partial nint masked_select(TensorHandle a, TensorHandle b);

    [LibraryImport(Lib, EntryPoint = "hw_add_scalar")] internal static partial nint add_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_sub_scalar")] internal static partial nint sub_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rsub_scalar")] internal static partial nint rsub_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_mul_scalar")] internal static partial nint mul_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_div_scalar")] internal static partial nint div_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rdiv_scalar")] internal static partial nint rdiv_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_pow_scalar")] internal static partial nint pow_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_rpow_scalar")] internal static partial nint rpow_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_eq_scalar")] internal static partial nint eq_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_ne_scalar")] internal static partial nint ne_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_gt_scalar")] internal static partial nint gt_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_ge_scalar")] internal static partial nint ge_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_lt_scalar")] internal static partial nint lt_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_le_scalar")] internal static partial nint le_scalar(TensorHandle a, double s);
    [LibraryImport(Lib, EntryPoint = "hw_fill_like")] internal static partial nint full_like(TensorHandle a, double s);
}

// nn entry points (native/nn.cpp).
internal static unsafe partial class Native
{
    [LibraryImport(Lib)] internal static partial nint hw_linear(TensorHandle input, nint weight, nint bias);
    [LibraryImport(Lib)] internal static partial nint hw_conv2d(TensorHandle input, nint weight, nint bias, long stride, long padding);
    [LibraryImport(Lib)] internal static partial nint hw_batch_norm(TensorHandle input, nint weight, nint bias, nint runningMean, nint runningVar, int training, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial nint hw_dropout(TensorHandle input, double p, int training);
    [LibraryImport(Lib)] internal static partial nint hw_cross_entropy(TensorHandle input, TensorHandle target, nint weight, long reduction, double labelSmoothing);
    [LibraryImport(Lib)] internal static partial nint hw_nll_loss(TensorHandle input, TensorHandle target, nint weight, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_mse_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_binary_cross_entropy(TensorHandle input, TensorHandle target, nint weight, long reduction);
    [LibraryImport(Lib)] internal static partial nint hw_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, nint weight, nint posWeight, long reduction);
    [LibraryImport(Lib)] internal static partial int hw_set_data(TensorHandle t, TensorHandle data);
    [LibraryImport(Lib)] internal static partial int hw_zero_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial nint hw_get_rng_state();
    [LibraryImport(Lib)] internal static partial int hw_set_rng_state(TensorHandle state);
}
