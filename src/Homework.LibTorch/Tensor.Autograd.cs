// torch.Tensor autograd members: requires_grad, grad, backward, detach.
// The graph and derivatives are libtorch's; this file only exposes them.
namespace TorchSharp;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Whether autograd records operations on this tensor.</summary>
        public bool requires_grad
        {
            get => Keep(Native.hw_requires_grad(Ptr)) != 0;
            set => Ok(Native.hw_set_requires_grad(Ptr, value ? 1 : 0), this);
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
        public Tensor requires_grad_(bool value = true) { requires_grad = value; return this; }

        /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
        public bool is_leaf => Keep(Native.hw_is_leaf(Ptr)) != 0;

        /// <summary>
        /// The accumulated gradient, or null before any backward pass reached this tensor.
        /// Each read returns a new handle to the same gradient storage; setting replaces it.
        /// </summary>
        public Tensor? grad
        {
            get
            {
                Native.hw_clear_error();
                var g = Keep(Native.hw_grad(Ptr));
                if (g != 0) return new Tensor(g);
                var error = Native.LastError();
                return error.Length == 0 ? null : throw new TorchException(error);
            }
            set
            {
                var status = Native.hw_set_grad(Ptr, value?.Ptr ?? 0);
                GC.KeepAlive(value);
                Ok(status, this);
            }
        }

        /// <summary>Keeps <see cref="grad"/> for a non-leaf tensor.</summary>
        public void retain_grad() => Ok(Native.hw_retain_grad(Ptr), this);

        /// <summary>Backpropagates from this tensor; <paramref name="gradient"/> is required unless it is a scalar.</summary>
        public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
        {
            var status = Native.hw_backward(Ptr, gradient?.Ptr ?? 0, retain_graph ? 1 : 0, create_graph ? 1 : 0);
            GC.KeepAlive(gradient);
            Ok(status, this);
        }

        /// <summary>The same data, cut from the autograd graph.</summary>
        public Tensor detach() => W(Native.detach(Ptr), this);
    }
}
