// The squared-error loss L = Σ (f − y)² / divisor with its hand-derived gradient: the cost of QuadraticModel (divisor
// 4n, 000 Q1), LeastSquares (2n, 000 eq. (1)) and TwoThreeOneNetwork (n, 000 Q3). Not a model: no parameters.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>L = Σ_i (f_i − y_i)² / divisor for predictions f and targets y, both (n).</summary>
public static class SquaredError
{
    /// <summary>What the backward pass needs: the residuals r = f − y (n) and the divisor.</summary>
    public readonly record struct Cache(torch.Tensor Residual, double Divisor);

    /// <summary>The loss (0-dim) of <paramref name="f"/> (n) against <paramref name="y"/> (n), divided by <paramref name="divisor"/> &gt; 0.</summary>
    public static (torch.Tensor loss, Cache cache) Forward(torch.Tensor f, torch.Tensor y, double divisor)
    {
        if (f.ndim != 1 || !y.shape.SequenceEqual(f.shape))
            throw new ArgumentException($"predictions and targets must both be (n); got {f.ShapeText()} and {y.ShapeText()}", nameof(y));
        if (!(divisor > 0)) throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "the divisor must be > 0");
        var r = f - y;                                            // (n)
        return (r.dot(r) / divisor, new Cache(r, divisor));
    }

    // Backward of L = rᵀr / c, r = f − y:  dL/df = 2 r / c, scaled by the upstream dL   (n)
    /// <summary>∂L/∂f (n) scaled by the upstream <paramref name="dLoss"/> (0-dim).</summary>
    public static torch.Tensor Backward(torch.Tensor dLoss, Cache cache) => 2 * cache.Residual / cache.Divisor * dLoss;
}
