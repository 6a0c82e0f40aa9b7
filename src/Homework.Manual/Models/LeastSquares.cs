// CS229 PS2 (000) Q1(a-d): least squares J(beta) = 1/(2n)‖X beta − y‖², its hand-derived gradient and closed forms.
// Not the autograd twin (Homework.Torch/Models/LeastSquares.cs) and not the plotting experiment.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// The linear model f(x) = beta^T x with the least-squares cost of eq. (1), J(beta) = 1/(2n)‖X beta − y‖²,
/// its gradient (eq. 3) and the zero-cost solutions of eq. (2). Autograd is never used.
/// </summary>
public sealed class LeastSquares : IDisposable
{
    /// <summary>Gradients of J with respect to beta and to the data.</summary>
    /// <param name="Beta">dJ/dbeta, (d).</param>
    /// <param name="X">dJ/dX, (n, d).</param>
    public readonly record struct Gradients(torch.Tensor Beta, torch.Tensor X);

    /// <summary>The model with beta = 0 in R^d, the zero initialization of Q1(d).</summary>
    public LeastSquares(long d, ScalarType dtype = ScalarType.Float64) : this(torch.zeros([d], dtype)) { }

    /// <summary>The model with a copy of <paramref name="beta"/> (d).</summary>
    public LeastSquares(torch.Tensor beta)
    {
        if (beta.ndim != 1) throw new ArgumentException($"beta must be a vector (d); got shape {beta.ShapeText()}", nameof(beta));
        this.beta = beta.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>beta, (d). Updated in place by <see cref="Step"/>.</summary>
    public torch.Tensor beta { get; }

    /// <summary>Predictions X beta for X (n, d); returns (n).</summary>
    public torch.Tensor Forward(torch.Tensor X) => X.matmul(beta);

    /// <summary>J(beta) = 1/(2n)‖X beta − y‖², eq. (1); a 0-dim tensor.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = Forward(X) - y; // (n)
        return scope.MoveToOuter(r.dot(r) / (2.0 * X.size(0)));
    }

    // With the residual r = X beta − y (n), J = 1/(2n) r^T r and dJ/dr = r / n:
    //   dJ/dbeta = X^T dJ/dr = (1/n) X^T (X beta − y)   (d)      [eq. (3)]
    //   dJ/dX    = dJ/dr beta^T = (1/n) r beta^T         (n, d)   [r_i reads row i once, through beta]
    /// <summary>dJ/dbeta (eq. 3) and dJ/dX on (X, y).</summary>
    public Gradients Backward(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var dr = (Forward(X) - y) / (double)X.size(0); // (n)
        return new Gradients(scope.MoveToOuter(X.T.matmul(dr)), scope.MoveToOuter(dr.outer(beta)));
    }

    /// <summary>One gradient-descent step of eq. (3): beta −= (lr/n) X^T (X beta − y).</summary>
    public void Step(torch.Tensor X, torch.Tensor y, double lr)
    {
        using var scope = torch.NewDisposeScope();
        beta.add_(Backward(X, y).Beta, alpha: -lr);
    }

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
