// torch.linalg and torch.autograd: the linear algebra the CS229 problems use, and autograd.grad.
namespace TorchSharp;

public static partial class torch
{
    /// <summary>Linear algebra (LAPACK through libtorch).</summary>
    public static class linalg
    {
        /// <summary>Inverse of a square matrix.</summary>
        public static Tensor inv(Tensor a) => Tensor.W(Native.hw_linalg_inv(a.Ptr), a);
        /// <summary>Moore-Penrose pseudo-inverse (SVD based).</summary>
        public static Tensor pinv(Tensor a) => Tensor.W(Native.hw_linalg_pinv(a.Ptr), a);
        /// <summary>The X with A X = B.</summary>
        public static Tensor solve(Tensor a, Tensor b) => Tensor.W(Native.hw_linalg_solve(a.Ptr, b.Ptr), a, b);
        /// <summary>Determinant.</summary>
        public static Tensor det(Tensor a) => Tensor.W(Native.hw_linalg_det(a.Ptr), a);
        /// <summary>Eigenvalues of a symmetric matrix, ascending.</summary>
        public static Tensor eigvalsh(Tensor a) => Tensor.W(Native.hw_linalg_eigvalsh(a.Ptr), a);
        /// <summary>Vector or matrix norm; no <paramref name="ord"/> gives the 2-norm / Frobenius norm.</summary>
        public static unsafe Tensor norm(Tensor a, double? ord = null, long[]? dims = null, bool keepdim = false)
        {
            fixed (long* d = dims) return Tensor.W(Native.hw_linalg_norm(a.Ptr, ord.HasValue ? 1 : 0, ord ?? 0, d, dims?.Length ?? 0, keepdim ? 1 : 0), a);
        }
    }

    /// <summary>Functional autograd.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, without touching <c>.grad</c>.
        /// With <paramref name="allow_unused"/>, an input the outputs do not depend on gets zeros (PyTorch's materialize_grads).
        /// </summary>
        public static unsafe IList<Tensor> grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor>? grad_outputs = null,
            bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            var o = outputs.Select(t => t.Ptr).ToArray();
            var i = inputs.Select(t => t.Ptr).ToArray();
            var g = (grad_outputs ?? []).Select(t => t.Ptr).ToArray();
            var r = new nint[i.Length];
            fixed (nint* po = o, pi = i, pg = g, pr = r)
                Native.Check(Native.hw_autograd_grad(po, o.Length, pi, i.Length, pg, g.Length, retain_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr));
            GC.KeepAlive(outputs); GC.KeepAlive(inputs); GC.KeepAlive(grad_outputs);
            return r.Select((h, k) => h != 0 ? new Tensor(h) : zeros_like(inputs[k])).ToArray();
        }
    }
}
