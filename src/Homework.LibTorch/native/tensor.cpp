// Tensor entry points: creation, metadata, data copy, math, shape, reductions, linalg.
// Each is a one-line forward to ATen; no numerics are implemented here.
#include "shim.h"
#include <cstring>

// ---- lifetime and metadata --------------------------------------------------------------
HW_API void hw_tensor_free(Tensor t) { delete t; }
HW_API int hw_dtype_of(Tensor t) { return static_cast<int>(t->scalar_type()); }
HW_API int hw_ndim(Tensor t) { return static_cast<int>(t->dim()); }
HW_API void hw_shape(Tensor t, int64_t* out) { for (int64_t i = 0; i < t->dim(); i++) out[i] = t->size(i); }
HW_API int64_t hw_numel(Tensor t) { return t->numel(); }
HW_API int hw_device_type(Tensor t) { return static_cast<int>(t->device().type()); }
HW_API int hw_device_index(Tensor t) { return t->device().index(); }
HW_API int hw_requires_grad(Tensor t) { return t->requires_grad() ? 1 : 0; }
HW_API int hw_is_contiguous(Tensor t) { return t->is_contiguous() ? 1 : 0; }
HW_API int hw_is_leaf(Tensor t) { return t->is_leaf() ? 1 : 0; }
HW_API int hw_same_storage(Tensor a, Tensor b) { return a->is_same(*b) ? 1 : 0; }

// ---- creation ---------------------------------------------------------------------------
// Copies nbytes from a pinned managed buffer into a fresh CPU tensor (one memcpy).
HW_API Tensor hw_from_blob(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype, int requires_grad) {
    HW_TRY(nullptr,
        auto t = at::empty(hw_dims(shape, ndim), at::TensorOptions().dtype(hw_dtype(dtype)));
        TORCH_CHECK(static_cast<int64_t>(t.nbytes()) == nbytes, "data has ", nbytes, " bytes but shape needs ", t.nbytes());
        if (nbytes > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
        if (requires_grad) t.set_requires_grad(true);
        return hw_wrap(t);)
}
// Copies a tensor's values (converted to `dtype`, made contiguous, on CPU) into a managed buffer.
HW_API int hw_copy_out(Tensor t, void* dst, int64_t nbytes, int dtype) {
    HW_STATUS(
        auto c = t->detach().to(at::kCPU, hw_dtype(dtype)).contiguous();
        TORCH_CHECK(static_cast<int64_t>(c.nbytes()) == nbytes, "buffer has ", nbytes, " bytes but tensor has ", c.nbytes());
        if (nbytes > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(nbytes));)
}
HW_API void* hw_data_ptr(Tensor t) { return t->data_ptr(); }

// at:: factories ignore TensorOptions::requires_grad (only the torch:: variable factories honour it): set it afterwards.
#define HW_FACTORY(rg, expr) HW_TRY(nullptr, auto t = (expr); if (rg) t.set_requires_grad(true); return hw_wrap(t);)

HW_API Tensor hw_empty(const int64_t* s, int n, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::empty(hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_zeros(const int64_t* s, int n, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::zeros(hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_ones(const int64_t* s, int n, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::ones(hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_full(const int64_t* s, int n, double v, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::full(hw_dims(s, n), v, hw_options(dt, dv, di, false))) }
HW_API Tensor hw_rand(const int64_t* s, int n, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::rand(hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_randn(const int64_t* s, int n, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::randn(hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_randint(int64_t low, int64_t high, const int64_t* s, int n, int dt, int dv, int di) { HW_RETURN_TENSOR(at::randint(low, high, hw_dims(s, n), hw_options(dt, dv, di, false))) }
HW_API Tensor hw_randperm(int64_t n, int dt, int dv, int di) { HW_RETURN_TENSOR(at::randperm(n, hw_options(dt, dv, di, false))) }
HW_API Tensor hw_eye(int64_t n, int64_t m, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::eye(n, m, hw_options(dt, dv, di, false))) }
HW_API Tensor hw_arange(double start, double end, double step, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::arange(start, end, step, hw_options(dt, dv, di, false))) }
HW_API Tensor hw_linspace(double start, double end, int64_t steps, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::linspace(start, end, steps, hw_options(dt, dv, di, false))) }
HW_API Tensor hw_scalar_tensor(double v, int dt, int dv, int di, int rg) { HW_FACTORY(rg, at::scalar_tensor(v, hw_options(dt, dv, di, false))) }

HW_API int hw_item_double(Tensor t, double* out) { HW_STATUS(*out = t->item<double>();) }
HW_API int hw_item_long(Tensor t, int64_t* out) { HW_STATUS(*out = t->item<int64_t>();) }

// ---- conversion and copies -------------------------------------------------------------
HW_API Tensor hw_to_dtype(Tensor t, int dt) { HW_RETURN_TENSOR(t->to(hw_dtype(dt))) }
HW_API Tensor hw_to_device(Tensor t, int dv, int di) { HW_RETURN_TENSOR(t->to(hw_device(dv, di))) }
HW_API Tensor hw_contiguous(Tensor t) { HW_RETURN_TENSOR(t->contiguous()) }
HW_API Tensor hw_clone(Tensor t) { HW_RETURN_TENSOR(t->clone()) }
HW_API Tensor hw_detach(Tensor t) { HW_RETURN_TENSOR(t->detach()) }
HW_API Tensor hw_alias(Tensor t) { HW_RETURN_TENSOR(at::Tensor(*t)) }

// ---- elementwise math -------------------------------------------------------------------
#define UNARY(name, expr) HW_API Tensor hw_##name(Tensor a) { HW_RETURN_TENSOR(expr) }
UNARY(neg, a->neg())
UNARY(exp, a->exp())
UNARY(log, a->log())
UNARY(log1p, a->log1p())
UNARY(sqrt, a->sqrt())
UNARY(rsqrt, a->rsqrt())
UNARY(abs, a->abs())
UNARY(sign, a->sign())
UNARY(square, a->square())
UNARY(reciprocal, a->reciprocal())
UNARY(sigmoid, a->sigmoid())
UNARY(tanh, a->tanh())
UNARY(relu, a->relu())
UNARY(sin, a->sin())
UNARY(cos, a->cos())
UNARY(floor, a->floor())
UNARY(ceil, a->ceil())
UNARY(round, a->round())
UNARY(logical_not, a->logical_not())
UNARY(isnan, a->isnan())
UNARY(t, a->t())
UNARY(nonzero, a->nonzero())

#define BINARY(name, expr) HW_API Tensor hw_##name(Tensor a, Tensor b) { HW_RETURN_TENSOR(expr) }
BINARY(add, at::add(*a, *b))
BINARY(sub, at::sub(*a, *b))
BINARY(mul, at::mul(*a, *b))
BINARY(div, at::div(*a, *b))
BINARY(pow, at::pow(*a, *b))
BINARY(matmul, at::matmul(*a, *b))
BINARY(mm, at::mm(*a, *b))
BINARY(bmm, at::bmm(*a, *b))
// beta * input + alpha * (a @ b) in one GEMM call: the bias (or the old weights) is the GEMM's C operand,
// so it costs no separate pass over the output.
HW_API Tensor hw_addmm(Tensor input, Tensor a, Tensor b, double beta, double alpha) { HW_RETURN_TENSOR(at::addmm(*input, *a, *b, beta, alpha)) }
BINARY(dot, at::dot(*a, *b))
BINARY(outer, at::outer(*a, *b))
BINARY(maximum, at::maximum(*a, *b))
BINARY(minimum, at::minimum(*a, *b))
BINARY(eq, at::eq(*a, *b))
BINARY(ne, at::ne(*a, *b))
BINARY(gt, at::gt(*a, *b))
BINARY(ge, at::ge(*a, *b))
BINARY(lt, at::lt(*a, *b))
BINARY(le, at::le(*a, *b))
BINARY(logical_and, at::logical_and(*a, *b))
BINARY(logical_or, at::logical_or(*a, *b))
BINARY(masked_select, at::masked_select(*a, *b))

#define SCALAR(name, expr) HW_API Tensor hw_##name(Tensor a, double s) { HW_RETURN_TENSOR(expr) }
SCALAR(add_scalar, at::add(*a, s))
SCALAR(sub_scalar, at::sub(*a, s))
SCALAR(rsub_scalar, at::rsub(*a, s))
SCALAR(mul_scalar, at::mul(*a, s))
SCALAR(div_scalar, at::div(*a, s))
SCALAR(rdiv_scalar, at::mul(a->reciprocal(), s))
SCALAR(pow_scalar, at::pow(*a, s))
SCALAR(rpow_scalar, at::pow(at::Scalar(s), *a))
SCALAR(eq_scalar, at::eq(*a, s))
SCALAR(ne_scalar, at::ne(*a, s))
SCALAR(gt_scalar, at::gt(*a, s))
SCALAR(ge_scalar, at::ge(*a, s))
SCALAR(lt_scalar, at::lt(*a, s))
SCALAR(le_scalar, at::le(*a, s))
SCALAR(fill_like, at::full_like(*a, s))

HW_API Tensor hw_where(Tensor c, Tensor a, Tensor b) { HW_RETURN_TENSOR(at::where(*c, *a, *b)) }
// has_min / has_max select which bound applies (PyTorch's optional min / max).
HW_API Tensor hw_clamp(Tensor a, int has_min, double lo, int has_max, double hi) {
    HW_RETURN_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(lo) : c10::nullopt, has_max ? c10::optional<at::Scalar>(hi) : c10::nullopt))
}
HW_API Tensor hw_softmax(Tensor a, int64_t dim) { HW_RETURN_TENSOR(at::softmax(*a, dim)) }
HW_API Tensor hw_log_softmax(Tensor a, int64_t dim) { HW_RETURN_TENSOR(at::log_softmax(*a, dim)) }
HW_API Tensor hw_one_hot(Tensor a, int64_t num_classes) { HW_RETURN_TENSOR(at::one_hot(*a, num_classes)) }
HW_API Tensor hw_masked_fill(Tensor a, Tensor mask, double v) { HW_RETURN_TENSOR(a->masked_fill(*mask, v)) }
HW_API Tensor hw_gather(Tensor a, int64_t dim, Tensor index) { HW_RETURN_TENSOR(at::gather(*a, dim, *index)) }
HW_API Tensor hw_scatter_add(Tensor a, int64_t dim, Tensor index, Tensor src) { HW_RETURN_TENSOR(at::scatter_add(*a, dim, *index, *src)) }
HW_API Tensor hw_index_add(Tensor a, int64_t dim, Tensor index, Tensor src) { HW_RETURN_TENSOR(at::index_add(*a, dim, *index, *src)) }

// ---- in place (what optimizers and initialisers need) -----------------------------------
HW_API int hw_add_(Tensor a, Tensor b, double alpha) { HW_STATUS(a->add_(*b, alpha);) }
HW_API int hw_sub_(Tensor a, Tensor b, double alpha) { HW_STATUS(a->sub_(*b, alpha);) }
HW_API int hw_mul_(Tensor a, Tensor b) { HW_STATUS(a->mul_(*b);) }
HW_API int hw_div_(Tensor a, Tensor b) { HW_STATUS(a->div_(*b);) }
HW_API int hw_add_scalar_(Tensor a, double s) { HW_STATUS(a->add_(s);) }
HW_API int hw_mul_scalar_(Tensor a, double s) { HW_STATUS(a->mul_(s);) }
HW_API int hw_addmm_(Tensor self, Tensor a, Tensor b, double beta, double alpha) { HW_STATUS(self->addmm_(*a, *b, beta, alpha);) }
HW_API int hw_sigmoid_(Tensor a) { HW_STATUS(a->sigmoid_();) }
HW_API int hw_relu_(Tensor a) { HW_STATUS(a->relu_();) }
HW_API int hw_addcmul_(Tensor a, Tensor b, Tensor c, double value) { HW_STATUS(a->addcmul_(*b, *c, value);) }
HW_API int hw_addcdiv_(Tensor a, Tensor b, Tensor c, double value) { HW_STATUS(a->addcdiv_(*b, *c, value);) }
HW_API int hw_zero_(Tensor a) { HW_STATUS(a->zero_();) }
HW_API int hw_fill_(Tensor a, double v) { HW_STATUS(a->fill_(v);) }
HW_API int hw_copy_(Tensor a, Tensor src) { HW_STATUS(a->copy_(*src);) }
HW_API int hw_normal_(Tensor a, double mean, double std) { HW_STATUS(a->normal_(mean, std);) }
HW_API int hw_uniform_(Tensor a, double from, double to) { HW_STATUS(a->uniform_(from, to);) }
HW_API int hw_bernoulli_(Tensor a, double p) { HW_STATUS(a->bernoulli_(p);) }
HW_API int hw_clamp_(Tensor a, double lo, double hi) { HW_STATUS(a->clamp_(lo, hi);) }

// ---- shape ------------------------------------------------------------------------------
HW_API Tensor hw_reshape(Tensor a, const int64_t* s, int n) { HW_RETURN_TENSOR(a->reshape(hw_dims(s, n))) }
HW_API Tensor hw_view(Tensor a, const int64_t* s, int n) { HW_RETURN_TENSOR(a->view(hw_dims(s, n))) }
HW_API Tensor hw_expand(Tensor a, const int64_t* s, int n) { HW_RETURN_TENSOR(a->expand(hw_dims(s, n))) }
HW_API Tensor hw_permute(Tensor a, const int64_t* s, int n) { HW_RETURN_TENSOR(a->permute(hw_dims(s, n))) }
HW_API Tensor hw_transpose(Tensor a, int64_t d0, int64_t d1) { HW_RETURN_TENSOR(a->transpose(d0, d1)) }
HW_API Tensor hw_flatten(Tensor a, int64_t start, int64_t end) { HW_RETURN_TENSOR(a->flatten(start, end)) }
HW_API Tensor hw_squeeze(Tensor a) { HW_RETURN_TENSOR(a->squeeze()) }
HW_API Tensor hw_squeeze_dim(Tensor a, int64_t d) { HW_RETURN_TENSOR(a->squeeze(d)) }
HW_API Tensor hw_unsqueeze(Tensor a, int64_t d) { HW_RETURN_TENSOR(a->unsqueeze(d)) }
HW_API Tensor hw_narrow(Tensor a, int64_t dim, int64_t start, int64_t length) { HW_RETURN_TENSOR(a->narrow(dim, start, length)) }
HW_API Tensor hw_slice(Tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) { HW_RETURN_TENSOR(a->slice(dim, start, end, step)) }
HW_API Tensor hw_select(Tensor a, int64_t dim, int64_t index) { HW_RETURN_TENSOR(a->select(dim, index)) }
HW_API Tensor hw_index_select(Tensor a, int64_t dim, Tensor index) { HW_RETURN_TENSOR(a->index_select(dim, *index)) }
HW_API Tensor hw_unfold(Tensor a, int64_t dim, int64_t size, int64_t step) { HW_RETURN_TENSOR(a->unfold(dim, size, step)) }
HW_API Tensor hw_im2col(Tensor a, int64_t kh, int64_t kw, int64_t dh, int64_t dw, int64_t ph, int64_t pw, int64_t sh, int64_t sw) {
    HW_RETURN_TENSOR(at::im2col(*a, {kh, kw}, {dh, dw}, {ph, pw}, {sh, sw}))
}
HW_API Tensor hw_col2im(Tensor a, int64_t oh, int64_t ow, int64_t kh, int64_t kw, int64_t dh, int64_t dw, int64_t ph, int64_t pw, int64_t sh, int64_t sw) {
    HW_RETURN_TENSOR(at::col2im(*a, {oh, ow}, {kh, kw}, {dh, dw}, {ph, pw}, {sh, sw}))
}
HW_API Tensor hw_cat(const Tensor* ts, int n, int64_t dim) { HW_RETURN_TENSOR(at::cat(hw_list(ts, n), dim)) }
HW_API Tensor hw_stack(const Tensor* ts, int n, int64_t dim) { HW_RETURN_TENSOR(at::stack(hw_list(ts, n), dim)) }

// ---- reductions (n == 0 dims means over all elements) ------------------------------------
HW_API Tensor hw_sum(Tensor a, const int64_t* d, int n, int keepdim) { HW_RETURN_TENSOR(n == 0 ? a->sum() : a->sum(hw_dims(d, n), keepdim != 0)) }
HW_API Tensor hw_mean(Tensor a, const int64_t* d, int n, int keepdim) { HW_RETURN_TENSOR(n == 0 ? a->mean() : a->mean(hw_dims(d, n), keepdim != 0)) }
HW_API Tensor hw_prod(Tensor a) { HW_RETURN_TENSOR(a->prod()) }
HW_API Tensor hw_var(Tensor a, const int64_t* d, int n, int64_t correction, int keepdim) {
    HW_RETURN_TENSOR(at::var(*a, n == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(hw_dims(d, n)), c10::optional<int64_t>(correction), keepdim != 0))
}
HW_API Tensor hw_std(Tensor a, const int64_t* d, int n, int64_t correction, int keepdim) {
    HW_RETURN_TENSOR(at::std(*a, n == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(hw_dims(d, n)), c10::optional<int64_t>(correction), keepdim != 0))
}
HW_API Tensor hw_logsumexp(Tensor a, const int64_t* d, int n, int keepdim) { HW_RETURN_TENSOR(at::logsumexp(*a, hw_dims(d, n), keepdim != 0)) }
HW_API Tensor hw_max_all(Tensor a) { HW_RETURN_TENSOR(a->max()) }
HW_API Tensor hw_min_all(Tensor a) { HW_RETURN_TENSOR(a->min()) }
HW_API int hw_max_dim(Tensor a, int64_t dim, int keepdim, Tensor* values, Tensor* indices) {
    HW_STATUS(auto r = a->max(dim, keepdim != 0); *values = hw_wrap(std::get<0>(r)); *indices = hw_wrap(std::get<1>(r));)
}
HW_API int hw_min_dim(Tensor a, int64_t dim, int keepdim, Tensor* values, Tensor* indices) {
    HW_STATUS(auto r = a->min(dim, keepdim != 0); *values = hw_wrap(std::get<0>(r)); *indices = hw_wrap(std::get<1>(r));)
}
HW_API Tensor hw_argmax(Tensor a, int has_dim, int64_t dim, int keepdim) { HW_RETURN_TENSOR(has_dim ? a->argmax(dim, keepdim != 0) : a->argmax()) }
HW_API Tensor hw_argmin(Tensor a, int has_dim, int64_t dim, int keepdim) { HW_RETURN_TENSOR(has_dim ? a->argmin(dim, keepdim != 0) : a->argmin()) }
HW_API Tensor hw_norm(Tensor a, double p, const int64_t* d, int n, int keepdim) {
    HW_RETURN_TENSOR(n == 0 ? at::norm(*a, p) : at::norm(*a, p, hw_dims(d, n), keepdim != 0))
}
HW_API Tensor hw_all(Tensor a) { HW_RETURN_TENSOR(a->all()) }
HW_API Tensor hw_any(Tensor a) { HW_RETURN_TENSOR(a->any()) }
HW_API int hw_allclose(Tensor a, Tensor b, double rtol, double atol, int* out) { HW_STATUS(*out = at::allclose(*a, *b, rtol, atol) ? 1 : 0;) }

// ---- linear algebra ----------------------------------------------------------------------
HW_API Tensor hw_linalg_inv(Tensor a) { HW_RETURN_TENSOR(at::linalg_inv(*a)) }
HW_API Tensor hw_linalg_pinv(Tensor a) { HW_RETURN_TENSOR(at::linalg_pinv(*a)) }
HW_API Tensor hw_linalg_solve(Tensor a, Tensor b) { HW_RETURN_TENSOR(at::linalg_solve(*a, *b)) }
HW_API Tensor hw_linalg_det(Tensor a) { HW_RETURN_TENSOR(at::linalg_det(*a)) }
HW_API Tensor hw_linalg_eigvalsh(Tensor a) { HW_RETURN_TENSOR(at::linalg_eigvalsh(*a)) }
// has_ord = 0 gives the default norm (2-norm of the flattened vector / Frobenius).
HW_API Tensor hw_linalg_norm(Tensor a, int has_ord, double ord, const int64_t* d, int n, int keepdim) {
    HW_RETURN_TENSOR(at::linalg_norm(*a, has_ord ? c10::optional<at::Scalar>(ord) : c10::nullopt,
                                     n == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(hw_dims(d, n)), keepdim != 0, c10::nullopt))
}
