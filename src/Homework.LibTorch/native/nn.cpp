// nn entry points: the functional layers and losses torch.nn uses, plus the parameter
// plumbing modules need (set_data, zero_grad, generator state). Every op is ATen's own.
#include "shim.h"
#include <ATen/CPUGeneratorImpl.h>

// A null handle is PyTorch's None for optional tensor arguments.
static c10::optional<at::Tensor> hw_opt(Tensor t) { return t ? c10::optional<at::Tensor>(*t) : c10::nullopt; }

HW_API Tensor hw_linear(Tensor input, Tensor weight, Tensor bias) { HW_RETURN_TENSOR(at::linear(*input, *weight, hw_opt(bias))) }
HW_API Tensor hw_conv2d(Tensor input, Tensor weight, Tensor bias, int64_t stride, int64_t padding) {
    HW_RETURN_TENSOR(at::conv2d(*input, *weight, hw_opt(bias), {stride, stride}, {padding, padding}))
}
// Updates running_mean / running_var in place when training and they are given, exactly as
// torch.nn.functional.batch_norm: biased batch variance normalises, unbiased feeds the running estimate.
HW_API Tensor hw_batch_norm(Tensor input, Tensor weight, Tensor bias, Tensor running_mean, Tensor running_var,
                            int training, double momentum, double eps) {
    HW_RETURN_TENSOR(at::batch_norm(*input, hw_opt(weight), hw_opt(bias), hw_opt(running_mean), hw_opt(running_var),
                                    training != 0, momentum, eps, false))
}
HW_API Tensor hw_dropout(Tensor input, double p, int training) { HW_RETURN_TENSOR(at::dropout(*input, p, training != 0)) }
// Channel dropout (PyTorch's F.dropout2d on (N, C, H, W)): one Bernoulli draw per (n, c) plane.
HW_API Tensor hw_feature_dropout(Tensor input, double p, int training, int inplace) {
    HW_RETURN_TENSOR(inplace ? at::feature_dropout_(*input, p, training != 0) : at::feature_dropout(*input, p, training != 0))
}
// 2-d max pooling; kernel, stride, padding, dilation are (h, w) pairs. The indices variant also returns
// each maximum's flat position within its input plane (what max_unpool2d consumes).
HW_API Tensor hw_max_pool2d(Tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                            const int64_t* dilation, int ceil_mode) {
    HW_RETURN_TENSOR(at::max_pool2d(*input, hw_dims(kernel, 2), hw_dims(stride, 2), hw_dims(padding, 2), hw_dims(dilation, 2), ceil_mode != 0))
}
HW_API int hw_max_pool2d_with_indices(Tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                                      const int64_t* dilation, int ceil_mode, Tensor* values, Tensor* indices) {
    HW_STATUS(
        auto r = at::max_pool2d_with_indices(*input, hw_dims(kernel, 2), hw_dims(stride, 2), hw_dims(padding, 2), hw_dims(dilation, 2), ceil_mode != 0);
        *values = hw_wrap(std::get<0>(r));
        *indices = hw_wrap(std::get<1>(r));)
}

// Losses. reduction: 0 none, 1 mean, 2 sum (at::Reduction's numbering); nll_loss's ignore_index is PyTorch's -100.
HW_API Tensor hw_cross_entropy(Tensor input, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index, double label_smoothing) {
    HW_RETURN_TENSOR(at::cross_entropy_loss(*input, *target, hw_opt(weight), reduction, ignore_index, label_smoothing))
}
HW_API Tensor hw_nll_loss(Tensor input, Tensor target, Tensor weight, int64_t reduction) {
    HW_RETURN_TENSOR(at::nll_loss_nd(*input, *target, hw_opt(weight), reduction, -100))
}
HW_API Tensor hw_mse_loss(Tensor input, Tensor target, int64_t reduction) { HW_RETURN_TENSOR(at::mse_loss(*input, *target, reduction)) }
HW_API Tensor hw_binary_cross_entropy(Tensor input, Tensor target, Tensor weight, int64_t reduction) {
    HW_RETURN_TENSOR(at::binary_cross_entropy(*input, *target, hw_opt(weight), reduction))
}
HW_API Tensor hw_binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor weight, Tensor pos_weight, int64_t reduction) {
    HW_RETURN_TENSOR(at::binary_cross_entropy_with_logits(*input, *target, hw_opt(weight), hw_opt(pos_weight), reduction))
}

// Replaces a tensor's data (dtype / device conversion) while keeping its identity, as PyTorch's
// `param.data = new` in Module._apply: every C# reference to the parameter stays valid.
HW_API int hw_set_data(Tensor t, Tensor data) { HW_STATUS(t->set_data(*data);) }
// PyTorch 1.13's Module.zero_grad(set_to_none=False): detach the gradient and fill it with zeros.
HW_API int hw_zero_grad(Tensor t) {
    HW_STATUS(
        auto& g = t->mutable_grad();
        if (g.defined()) {
            if (g.grad_fn()) g = g.detach(); else g.requires_grad_(false);
            g.zero_();
        })
}

// The default CPU generator's state (a uint8 tensor), so a resumed run draws the same numbers.
HW_API Tensor hw_get_rng_state() {
    HW_TRY(nullptr,
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        return hw_wrap(gen.get_state());)
}
HW_API int hw_set_rng_state(Tensor state) {
    HW_STATUS(
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_state(*state);)
}
