// CS229 PS2 (000) Q1(a-d): least squares J(beta) = 1/(2n)‖X beta − y‖², its hand-derived gradient and closed forms.
// Not the autograd twin (Homework.Torch/Models/LeastSquares.cs) and not the plotting experiment.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// The linear model f(x) = beta^T x with the least-squares cost of eq. (1), J(beta) = 1/(2n)‖X beta − y‖²,
/// its gradient (eq. 3) and the zero-cost solutions of eq. (2). The cost is <see cref="SquaredError"/> with divisor 2n.
/// Autograd is never used. Its one parameter is named as the autograd twin's (beta).
/// </summary>
public sealed class LeastSquares : IManualModel<LeastSquares.Cache, LeastSquares.Gradients>
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>: the inputs X (n, d).</summary>
    public readonly record struct Cache(torch.Tensor X);

    /// <summary>Gradients of a scalar L with respect to beta and to the data.</summary>
    /// <param name="Beta">dL/dbeta, (d).</param>
    /// <param name="X">dL/dX, (n, d).</param>
    public readonly record struct Gradients(torch.Tensor Beta, torch.Tensor X);

    /// <summary>The model with beta = 0 in R^d, the zero initialization of Q1(d).</summary>
    public LeastSquares(long d, ScalarType dtype = ScalarType.Float64) => beta = torch.zeros([d], dtype).DetachFromDisposeScope();

    /// <summary>The model with a copy of <paramref name="beta"/> (d).</summary>
    public LeastSquares(torch.Tensor beta)
    {
        if (beta.ndim != 1) throw new ArgumentException($"beta must be a vector (d); got shape {beta.ShapeText()}", nameof(beta));
        this.beta = beta.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>beta, (d). Updated in place by <see cref="Step"/>.</summary>
    public torch.Tensor beta { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["beta"] = beta };

    /// <summary>Predictions f = X beta for X (n, d); returns (n).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X) => (X.matmul(beta), new Cache(X));

    /// <summary>J(beta) = 1/(2n)‖X beta − y‖², eq. (1); a 0-dim tensor.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(SquaredError.Forward(Forward(X).y, y, 2.0 * X.size(0)).loss);
    }

    // Backward of f = X beta for an upstream df = dL/df (n):
    //   dL/dbeta = X^T df        (d)      [f_i = x_i^T beta]
    //   dL/dX    = df beta^T     (n, d)   [f_i reads row i once, through beta]
    // For J = 1/(2n) r^T r with the residual r = X beta − y (SquaredError, divisor 2n), df = dJ/dr = r / n, so
    //   dJ/dbeta = (1/n) X^T (X beta − y)   (d)   [eq. (3)]
    /// <summary>dL/dbeta and dL/dX given dL/df (n) and the forward cache.</summary>
    public Gradients Backward(torch.Tensor df, Cache cache) => new(cache.X.T.matmul(df), df.outer(beta));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor> { ["beta"] = g.Beta };

    /// <summary>One gradient-descent step beta −= lr·dL/dbeta (eq. (3)'s step for L = J).</summary>
    public void Step(Gradients g, double lr) => beta.add_(g.Beta, alpha: -lr);

    /// <summary>
    /// The minimum-norm zero-cost solution rho = X^T (X X^T)^{-1} y of Q1(b), for n &lt; d with X X^T invertible.
    /// Solves (X X^T) v = y rather than forming the inverse.
    /// </summary>
    public static torch.Tensor MinNormSolution(torch.Tensor X, torch.Tensor y)
    {
        CheckUnderdetermined(X, y);
        using var scope = torch.NewDisposeScope();
        var v = torch.linalg.solve(X.matmul(X.T), y.unsqueeze(1)).squeeze(1); // (n)
        return scope.MoveToOuter(X.T.matmul(v)); // (d)
    }

    /// <summary>
    /// Another zero-cost solution, rho + zeta of eq. (2): <paramref name="z"/> (d) is projected onto the
    /// subspace orthogonal to every row of X, zeta = z − X^T (X X^T)^{-1} X z, so X zeta = 0.
    /// </summary>
    public static torch.Tensor ZeroCostSolution(torch.Tensor X, torch.Tensor y, torch.Tensor z)
    {
        CheckUnderdetermined(X, y);
        using var scope = torch.NewDisposeScope();
        var zeta = z - X.T.matmul(torch.linalg.solve(X.matmul(X.T), X.matmul(z).unsqueeze(1)).squeeze(1));
        return scope.MoveToOuter(MinNormSolution(X, y) + zeta);
    }

    private static void CheckUnderdetermined(torch.Tensor X, torch.Tensor y)
    {
        if (X.ndim != 2 || y.ndim != 1 || y.size(0) != X.size(0))
            throw new ArgumentException($"X must be (n, d) and y (n); got {X.ShapeText()} and {y.ShapeText()}");
        if (X.size(0) >= X.size(1))
            throw new ArgumentException($"the zero-cost solutions of eq. (2) need n < d; got n = {X.size(0)}, d = {X.size(1)} (use Ridge.Solve with lambda = 0 for the least-squares fit)");
    }

    /// <summary>Frees beta.</summary>
    public void Dispose() => beta.Dispose();
}
