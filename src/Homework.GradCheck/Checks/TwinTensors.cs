// Small plumbing shared by the deep-learning twin checks: float64 draws handed to each twin, leaves for autograd.
// Not a checker: no comparison or tolerance lives here.
using Homework.Common;
using Homework.Manual;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

internal static class TwinTensors
{
    /// <summary>A copy of a float64 draw in <paramref name="dtype"/>, for the manual twin (never requires grad).</summary>
    public static torch.Tensor Copy(torch.Tensor draw, ScalarType dtype) => draw.to(dtype).clone();

    /// <summary>A leaf copy of a float64 draw in <paramref name="dtype"/> that requires grad, for the autograd twin.</summary>
    public static torch.Tensor Leaf(torch.Tensor draw, ScalarType dtype) => draw.to(dtype).clone().requires_grad_();

    /// <summary>Overwrites a module parameter with <paramref name="value"/> (converted to its dtype).</summary>
    public static void Load(Parameter parameter, torch.Tensor value)
    {
        using var noGrad = torch.no_grad();
        parameter.copy_(value);
    }

    /// <summary>Autograd's gradients of (y * dY).sum() with respect to <paramref name="inputs"/>.</summary>
    public static IList<torch.Tensor> Grad(torch.Tensor y, torch.Tensor dY, params torch.Tensor[] inputs) =>
        torch.autograd.grad([(y * dY.to(y.dtype)).sum()], inputs);

    /// <summary>One-hot rows (N, K), float64, of random class indices.</summary>
    public static torch.Tensor OneHot(long n, long classes) => torch.nn.functional.one_hot(torch.randint(classes, [n]), classes).to(ScalarType.Float64);

    /// <summary>A 0/1 dropout mask that keeps each unit with probability 1 - <paramref name="p"/>, float64.</summary>
    public static torch.Tensor KeepMask(long[] shape, double p) => torch.rand(shape, ScalarType.Float64).gt(p).to(ScalarType.Float64);

    /// <summary>Central differences (float64) of <paramref name="f"/> with respect to each of <paramref name="inputs"/>, perturbed in place.</summary>
    public static torch.Tensor[] CentralDifferences(Func<torch.Tensor> f, params torch.Tensor[] inputs) =>
        [.. inputs.Select(x => CentralDifference.Gradient(f, x))];

    /// <summary>Which of <paramref name="count"/> shapes a seed uses (seeds may be negative).</summary>
    public static int ShapeIndex(long seed, int count) => (int)((seed % count + count) % count);

    /// <summary>Sets the parameter <paramref name="name"/> of <paramref name="model"/> by copying into its view, as the contract allows.</summary>
    public static void SetParameter(IManualModel model, string name, torch.Tensor value)
    {
        if (!model.Parameters.TryGetValue(name, out var parameter))
            throw new ContractException($"Parameters has no '{name}' (it has {string.Join(", ", model.Parameters.Keys.Select(k => $"'{k}'"))}); name the parameters as the autograd twin's state_dict does");
        if (!parameter.shape.SequenceEqual(value.shape))
            throw new ContractException($"parameter '{name}' is {parameter.ShapeText()} but the check expected {value.ShapeText()}");
        using var noGrad = torch.no_grad();
        parameter.copy_(value);
    }

    /// <summary><paramref name="gradient"/>, or a <see cref="ContractException"/> naming it when a backward returned null.</summary>
    public static torch.Tensor Returned(torch.Tensor? gradient, string name) =>
        gradient ?? throw new ContractException($"Backward returned null for {name}; return a tensor of {name}'s shape");
}
