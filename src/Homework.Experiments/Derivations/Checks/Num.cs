// Small float64 plumbing shared by the derivations' witnesses: draws, tensors to numbers, autograd of a scalar.
// Not a check: no tolerance or verdict lives here.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

internal static class Num
{
    /// <summary>A float64 tensor's elements.</summary>
    public static double[] D(torch.Tensor t) { using var d = t.to(ScalarType.Float64).contiguous(); return d.data<double>().ToArray(); }

    /// <summary>A float64 vector of <paramref name="values"/>.</summary>
    public static torch.Tensor T(double[] values) => torch.tensor(values, dtype: ScalarType.Float64);

    /// <summary>A float64 matrix of <paramref name="values"/>.</summary>
    public static torch.Tensor T(double[,] values) =>
        torch.tensor(values.Cast<double>().ToArray(), [values.GetLength(0), values.GetLength(1)], ScalarType.Float64);

    /// <summary>A float64 normal draw of <paramref name="shape"/> (seed set by the caller).</summary>
    public static torch.Tensor Randn(params long[] shape) => torch.randn(shape, ScalarType.Float64);

    /// <summary>Autograd's gradient of the scalar <paramref name="f"/>(x) at a copy of <paramref name="x"/>.</summary>
    public static torch.Tensor Grad(Func<torch.Tensor, torch.Tensor> f, torch.Tensor x)
    {
        var leaf = x.detach().clone().requires_grad_();
        return torch.autograd.grad([f(leaf)], [leaf])[0].detach();
    }

    /// <summary>The n zeros a residual must equal.</summary>
    public static double[] Zeros(long n) => new double[n];

    /// <summary>The orthogonal projector onto the null space of the rows of <paramref name="x"/> (n &lt; d, XXᵀ invertible): I − Xᵀ(XXᵀ)⁻¹X.</summary>
    public static torch.Tensor NullProjector(torch.Tensor x) =>
        torch.eye(x.size(1), dtype: ScalarType.Float64) - x.T.matmul(torch.linalg.solve(x.matmul(x.T), x));

    /// <summary>The minimum-norm interpolant ρ = Xᵀ(XXᵀ)⁻¹y.</summary>
    public static torch.Tensor MinNorm(torch.Tensor x, torch.Tensor y) => x.T.matmul(torch.linalg.solve(x.matmul(x.T), y.unsqueeze(1))).squeeze(1);

    /// <summary>The log density of N(mean, cov) at <paramref name="v"/>, from the general formula −½(v−m)ᵀΣ⁻¹(v−m) − ½ log det(2πΣ); a tensor, so autograd sees it.</summary>
    public static torch.Tensor GaussianLogDensity(torch.Tensor v, torch.Tensor mean, torch.Tensor cov)
    {
        var r = (v - mean).unsqueeze(1);
        return -0.5 * r.T.matmul(torch.linalg.inv(cov)).matmul(r).squeeze() - 0.5 * torch.linalg.det(cov * (2 * Math.PI)).log();
    }
}
