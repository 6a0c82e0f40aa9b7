// Small tools the checks share: seeded float64 inputs cast to the run's dtype, autograd leaves, and the
// weighted scalar (y * dY).sum() every check differentiates. Not a checker: judging is GradCheckRow's job.
using Homework.LibTorch;

namespace Homework.GradCheck;

/// <summary>Helpers for writing an <see cref="ITwinCheck"/>.</summary>
public static class GradCheckKit
{
    /// <summary>A copy of <paramref name="t"/> in <paramref name="dtype"/> that is an autograd leaf requiring grad (the source is untouched).</summary>
    public static torch.Tensor Leaf(torch.Tensor t, ScalarType dtype) => t.detach().to(dtype).clone().requires_grad_();

    /// <summary>A copy of <paramref name="t"/> in <paramref name="dtype"/>, outside any graph.</summary>
    public static torch.Tensor Plain(torch.Tensor t, ScalarType dtype) => t.detach().to(dtype).clone();

    /// <summary>(y * dY).sum(): the scalar whose gradients a check compares; dY is cast to y's dtype.</summary>
    public static torch.Tensor Weighted(torch.Tensor y, torch.Tensor dY)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter((y * dY.to(y.dtype)).sum());
    }

    /// <summary>d(<paramref name="scalar"/>)/d(each of <paramref name="inputs"/>) by autograd, as float64 tensors.</summary>
    public static IList<torch.Tensor> Autograd(torch.Tensor scalar, params torch.Tensor[] inputs) =>
        torch.autograd.grad([scalar], inputs, allow_unused: true).Select(g => g.to(ScalarType.Float64)).ToArray();

    /// <summary>Central differences of <paramref name="f"/> with respect to each of <paramref name="inputs"/> (float64, perturbed in place).</summary>
    public static IList<torch.Tensor> FiniteDifferences(Func<torch.Tensor> f, params torch.Tensor[] inputs) =>
        inputs.Select(x => CentralDifference.Gradient(f, x)).ToArray();

    /// <summary>A comparison with every tensor in float64 (the manual gradient may have been computed in float32).</summary>
    public static GradientComparison Compare(string model, string parameter, torch.Tensor manual, torch.Tensor autograd, torch.Tensor? finiteDifference) =>
        new(model, parameter, manual.to(ScalarType.Float64), autograd.to(ScalarType.Float64), finiteDifference?.to(ScalarType.Float64));
}
