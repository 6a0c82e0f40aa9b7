// CS229 PS2 (001) Q4 / (000) Q2: L2-regularized linear regression, differentiated by libtorch's autograd.
// Not the hand-derived twin (Homework.Manual/Models/Ridge.cs, which also holds the closed forms).
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// J(theta) = 1/(2 sigma²)‖X theta − y‖² + lambda‖theta‖², 001 Q4(d) eq. (6) with a Gaussian likelihood;
/// theta is a leaf that requires grad.
/// </summary>
public sealed class Ridge : IDisposable
{
    /// <summary>The model with a copy of <paramref name="theta"/> (d), penalty <paramref name="lambda"/> ≥ 0 and noise level <paramref name="sigma"/> &gt; 0.</summary>
    public Ridge(torch.Tensor theta, double lambda, double sigma = 1)
    {
        if (theta.ndim != 1) throw new ArgumentException($"theta must be a vector (d); got shape {theta.ShapeText()}", nameof(theta));
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 penalty must be >= 0");
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the noise level sigma must be > 0");
        this.theta = theta.detach().clone().requires_grad_().DetachFromDisposeScope();
        this.lambda = lambda;
        this.sigma = sigma;
    }

    /// <summary>theta, (d), a leaf that requires grad.</summary>
    public torch.Tensor theta { get; }

    /// <summary>The L2 penalty lambda of eq. (6).</summary>
    public double lambda { get; }

    /// <summary>The noise standard deviation sigma of the likelihood.</summary>
    public double sigma { get; }

    /// <summary>Predictions X theta for X (n, d); returns (n).</summary>
    public torch.Tensor forward(torch.Tensor X) => X.matmul(theta);

    /// <summary>J(theta), eq. (6); a 0-dim tensor in the graph.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = forward(X) - y;
        return scope.MoveToOuter(r.dot(r) / (2 * sigma * sigma) + lambda * theta.dot(theta));
    }

    /// <summary>Frees theta.</summary>
    public void Dispose() => theta.Dispose();
}
