// A reference gradient-descent step for tests: the gradient by autograd, then p ← p − lr·g on each leaf given. An
// independent route for a manual model's hand-written step to agree with; the project's own training uses optim.SGD.
using TorchSharp;

namespace Homework.TestSupport;

/// <summary>Plain gradient descent on leaf tensors, gradients by autograd.</summary>
public static class GradientDescent
{
    /// <summary>One step of <paramref name="lr"/> on <paramref name="cost"/> (a 0-dim tensor of <paramref name="leaves"/>), clearing the gradients after.</summary>
    public static void Step(Func<torch.Tensor> cost, double lr, params torch.Tensor[] leaves)
    {
        using var scope = torch.NewDisposeScope();
        cost().backward();
        using var noGrad = torch.no_grad();
        foreach (var p in leaves)
        {
            p.add_(p.grad!, alpha: -lr);
            p.grad = null;
        }
    }
}
