// torch.Tensor autograd members: requires_grad, grad, backward, detach.
// The graph and derivatives are libtorch's; this file only exposes them.
namespace Homework.LibTorch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Whether autograd records operations on this tensor.</summary>
        public bool requires_grad
        {
            get => Native.hw_requires_grad(Handle) != 0;
            set => Native.Check(Native.hw_set_requires_grad(Handle, value ? 1 : 0));
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
        public Tensor requires_grad_(bool value = true) { requires_grad = value; return this; }

        /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
        public bool is_leaf => Native.hw_is_leaf(Handle) != 0;

        /// <summary>
        /// The accumulated gradient, or null before any backward pass reached this tensor.
        /// Each read returns a new handle to the same gradient storage; setting replaces it.
        /// </summary>
        public Tensor? grad
        {
            get
            {
                Native.hw_clear_error();
                var g = Native.hw_grad(Handle);
                if (g != 0) return new Tensor(g);
                var error = Native.LastError();
                return error.Length == 0 ? null : throw new TorchException(error);
            }
            set
            {
                Native.Check(Native.hw_set_grad(Handle, value?.Handle.DangerousGetHandle() ?? 0));
                GC.KeepAlive(value);
            }
        }

        /// <summary>Keeps <see cref="grad"/> for a non-leaf tensor.</summary>
        public void retain_grad() => Native.Check(Native.hw_retain_grad(Handle));

        /// <summary>Backpropagates from this tensor; <paramref name="gradient"/> is required unless it is a scalar.</summary>
        public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
        {
            Native.Check(Native.hw_backward(Handle, gradient?.Handle.DangerousGetHandle() ?? 0, retain_graph ? 1 : 0, create_graph ? 1 : 0));
            GC.KeepAlive(gradient);
        }

        /// <summary>The same data, cut from the autograd graph.</summary>
        public Tensor detach() => W(Native.detach(Handle));
    }
}
