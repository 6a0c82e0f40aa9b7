// The third witness: central differences of a scalar function, as in the TDT4265 appendix.
// It perturbs one element at a time, so it is meant for the small inputs of gradient checks.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.GradCheck;

/// <summary>Numerical gradients by central differences, (f(x + h) - f(x - h)) / 2h per element.</summary>
public static class CentralDifference
{
    /// <summary>
    /// The gradient of <paramref name="f"/> (which must return a one-element tensor and read
    /// <paramref name="x"/>) with respect to <paramref name="x"/>, a contiguous float64 CPU tensor that is
    /// perturbed in place and restored. Runs under no_grad. Error is O(h^2) truncation plus O(eps/h) round-off.
    /// </summary>
    public static torch.Tensor Gradient(Func<torch.Tensor> f, torch.Tensor x, double h = 1e-6)
    {
        if (x.dtype != ScalarType.Float64) throw new ArgumentException($"central differences run in float64; got {x.dtype}", nameof(x));
        using var noGrad = torch.no_grad();
        var n = (int)x.numel();
        var grad = new double[n];
        using var flat = x.view(-1); // shares x's storage, so writing an element perturbs x
        for (var i = 0; i < n; i++)
        {
            using var element = flat[i];
            var original = element.item<double>();
            element.fill_(original + h);
            var plus = Eval(f);
            element.fill_(original - h);
            var minus = Eval(f);
            element.fill_(original);
            grad[i] = (plus - minus) / (2 * h);
        }
        return torch.tensor(grad, x.shape, ScalarType.Float64);
    }

    private static double Eval(Func<torch.Tensor> f)
    {
        using var scope = torch.NewDisposeScope();
        return f().item<double>();
    }
}
