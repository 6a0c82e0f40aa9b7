// The contract between a model's two twins and the checkers (tests, `homework gradcheck`).
// A check produces gradients three ways; judging them is the caller's job, not the check's.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.GradCheck;

/// <summary>
/// One gradient of one model computed three ways: by the hand-derived backward (Homework.Manual),
/// by libtorch's autograd on the twin (Homework.Torch), and by central differences.
/// </summary>
/// <param name="Model">The check's name, e.g. <c>QuadraticModel</c>.</param>
/// <param name="Parameter">Which gradient, e.g. <c>dtheta</c> or <c>dW1</c>.</param>
/// <param name="Manual">The hand-derived gradient.</param>
/// <param name="Autograd">The autograd gradient of the same scalar.</param>
/// <param name="FiniteDifference">Central differences of the same scalar, always in float64; null where
/// the check cannot perturb (e.g. a discrete input).</param>
public sealed record GradientComparison(string Model, string Parameter, torch.Tensor Manual, torch.Tensor Autograd, torch.Tensor? FiniteDifference);

/// <summary>A model (or layer, or loss) whose manual backward is compared with autograd.</summary>
public interface ITwinCheck
{
    /// <summary>Short unique name used by <c>homework gradcheck --model NAME</c> (the twins' class name).</summary>
    string Name { get; }

    /// <summary>Where the homework defines it, e.g. "000 Q1(e-g), eqs. (6)-(7)".</summary>
    string Source { get; }

    /// <summary>
    /// Builds small random inputs from <paramref name="seed"/> in <paramref name="dtype"/>, draws a random
    /// upstream gradient dY, and returns every gradient of (y * dY).sum() both ways plus central differences.
    /// The tensors returned are owned by the caller's dispose scope.
    /// </summary>
    IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed);
}
