// CS229 PS2 (001) Q4 / (000) Q2: L2-regularized linear regression, its hand-derived gradient and closed forms.
// Not the autograd twin (Homework.Torch/Models/Ridge.cs) and not the double-descent experiment.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// Linear regression with a Gaussian likelihood y = theta^T x + eps, eps ~ N(0, sigma²), and an L2 penalty,
/// scaled as 001 Q4(d) eq. (6): J(theta) = −log p(y | X, theta) + lambda‖theta‖² = 1/(2 sigma²)‖X theta − y‖² + lambda‖theta‖²
/// (the constant of the log-likelihood dropped). 000 Q2's J_lambda = ½‖X beta − y‖² + (lambda/2)‖beta‖² is sigma = 1
/// with lambda halved. The data term is <see cref="SquaredError"/> with divisor 2 sigma²; the penalty is applied by
/// <see cref="Step"/>. Autograd is never used. Its one parameter is named as the autograd twin's (theta).
/// </summary>
public sealed class Ridge : IManualModel<Ridge.Cache, Ridge.Gradients>
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>: the inputs X (n, d).</summary>
    public readonly record struct Cache(torch.Tensor X);

    /// <summary>Gradients of a scalar L with respect to theta and to the data.</summary>
    /// <param name="Theta">dL/dtheta, (d).</param>
    /// <param name="X">dL/dX, (n, d).</param>
    public readonly record struct Gradients(torch.Tensor Theta, torch.Tensor X);

    /// <summary>The model with a copy of <paramref name="theta"/> (d), penalty <paramref name="lambda"/> ≥ 0 and noise level <paramref name="sigma"/> &gt; 0.</summary>
    public Ridge(torch.Tensor theta, double lambda, double sigma = 1)
    {
        if (theta.ndim != 1) throw new ArgumentException($"theta must be a vector (d); got shape {theta.ShapeText()}", nameof(theta));
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 penalty must be >= 0");
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the noise level sigma must be > 0");
        this.theta = theta.detach().clone().DetachFromDisposeScope();
        this.lambda = lambda;
        this.sigma = sigma;
    }

    /// <summary>theta, (d). Updated in place by <see cref="Step"/>.</summary>
    public torch.Tensor theta { get; }

    /// <summary>The L2 penalty lambda of eq. (6).</summary>
    public double lambda { get; }

    /// <summary>The noise standard deviation sigma of the likelihood.</summary>
    public double sigma { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["theta"] = theta };

    /// <summary>Predictions f = X theta for X (n, d); returns (n).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X) => (X.matmul(theta), new Cache(X));

    /// <summary>J(theta) = 1/(2 sigma²)‖X theta − y‖² + lambda‖theta‖², eq. (6); a 0-dim tensor.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(SquaredError.Forward(Forward(X).y, y, 2 * sigma * sigma).loss + lambda * theta.dot(theta));
    }

    // With r = X theta − y (n), J = 1/(2 sigma²) r^T r + lambda theta^T theta:
    //   dJ/dr     = r / sigma²                                       (n)      [SquaredError's backward, divisor 2 sigma²]
    //   dJ/dtheta = X^T dJ/dr + 2 lambda theta                        (d)      [data term (Backward) + penalty term (Step)]
    //   dJ/dX     = dJ/dr theta^T                                     (n, d)
    // Setting dJ/dtheta = 0: (X^T X + 2 sigma² lambda I) theta = X^T y, the closed form of Solve.
    /// <summary>The data term's gradients dL/dtheta = Xᵀ df and dL/dX = df thetaᵀ, given dL/df (n) and the forward cache.</summary>
    public Gradients Backward(torch.Tensor df, Cache cache) => new(cache.X.T.matmul(df), df.outer(theta));

    /// <summary>The penalty term's gradient d(lambda‖theta‖²)/dtheta = 2 lambda theta, (d).</summary>
    public torch.Tensor PenaltyGradient() => 2 * lambda * theta;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor> { ["theta"] = g.Theta };

    /// <summary>One gradient-descent step theta −= lr·(dL/dtheta + 2 lambda theta): the data term's gradient plus the penalty's.</summary>
    public void Step(Gradients g, double lr)
    {
        using var scope = torch.NewDisposeScope();
        theta.add_(g.Theta + PenaltyGradient(), alpha: -lr);
    }

    /// <summary>
    /// The minimizer of eq. (6): (X^T X + 2 sigma² lambda I)^{-1} X^T y. For lambda = 0 the matrix may be
    /// singular, and the minimizer is defined as (X^T X)^+ X^T y (000 eq. 9). With sigma = 1 and lambda
    /// replaced by lambda/2 this is 000 eq. (8), (X^T X + lambda I)^{-1} X^T y.
    /// </summary>
    public static torch.Tensor Solve(torch.Tensor X, torch.Tensor y, double lambda, double sigma = 1)
    {
        if (X.ndim != 2 || y.ndim != 1 || y.size(0) != X.size(0))
            throw new ArgumentException($"X must be (n, d) and y (n); got {X.ShapeText()} and {y.ShapeText()}");
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 penalty must be >= 0");
        using var scope = torch.NewDisposeScope();
        var xty = X.T.matmul(y); // (d)
        var gram = X.T.matmul(X); // (d, d)
        var solution = lambda == 0
            ? torch.linalg.pinv(gram).matmul(xty)
            : torch.linalg.solve(gram + 2 * sigma * sigma * lambda * torch.eye(X.size(1), dtype: X.dtype), xty.unsqueeze(1)).squeeze(1);
        return scope.MoveToOuter(solution);
    }

    /// <summary>
    /// The lambda of eq. (5) that makes L2 regularization the MAP estimate under the prior theta ~ N(0, eta² I):
    /// −log p(theta) = ‖theta‖² / (2 eta²) + const, so lambda = 1 / (2 eta²) (001 Q4(b)).
    /// </summary>
    public static double LambdaOpt(double eta) => eta > 0 ? 1 / (2 * eta * eta) : throw new ArgumentOutOfRangeException(nameof(eta), eta, "the prior's standard deviation eta must be > 0");

    /// <summary>Frees theta.</summary>
    public void Dispose() => theta.Dispose();
}
