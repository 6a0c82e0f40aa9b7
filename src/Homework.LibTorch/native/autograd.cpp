// Autograd entry points: requires_grad, .grad, backward and autograd.grad.
// The graph and every derivative are libtorch's; nothing is differentiated here.
#include "shim.h"
#include <torch/csrc/autograd/autograd.h>

HW_API int hw_set_requires_grad(Tensor t, int value) { HW_STATUS(t->set_requires_grad(value != 0);) }
// Returns null with no error set when the gradient is undefined (PyTorch's None).
HW_API Tensor hw_grad(Tensor t) {
    HW_TRY(nullptr, const auto& g = t->grad(); return g.defined() ? hw_wrap(g) : nullptr;)
}
HW_API int hw_set_grad(Tensor t, Tensor g) { HW_STATUS(t->mutable_grad() = g ? *g : at::Tensor();) }
HW_API int hw_retain_grad(Tensor t) { HW_STATUS(t->retain_grad();) }
HW_API int hw_backward(Tensor t, Tensor grad, int retain_graph, int create_graph) {
    HW_STATUS(t->backward(grad ? *grad : at::Tensor(), retain_graph != 0, create_graph != 0);)
}
// Gradients of outputs w.r.t. inputs; results[i] is null when input i is unused and allow_unused.
HW_API int hw_autograd_grad(const Tensor* outputs, int n_out, const Tensor* inputs, int n_in, const Tensor* grad_outputs, int n_grad,
                            int retain_graph, int create_graph, int allow_unused, Tensor* results) {
    HW_STATUS(
        std::vector<at::Tensor> go;
        for (int i = 0; i < n_grad; i++) go.push_back(grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
        auto r = torch::autograd::grad(hw_list(outputs, n_out), hw_list(inputs, n_in), go,
                                       retain_graph != 0, create_graph != 0, allow_unused != 0);
        for (int i = 0; i < n_in; i++) results[i] = r[i].defined() ? hw_wrap(r[i]) : nullptr;)
}
