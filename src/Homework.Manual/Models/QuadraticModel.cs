// CS229 PS2 (000) Q1(e-g): the quadratically parameterized model f(x) = x^T (theta^2 - phi^2), hand-derived gradients.
// Not the autograd twin (Homework.Torch/Models/QuadraticModel.cs) and not the training experiment.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// f_{theta,phi}(x) = x^T (theta ⊙ theta − phi ⊙ phi) (eq. 5) with cost J = 1/(4n) Σ (f(x_i) − y_i)^2,
/// trained by gradient descent with the hand-derived gradients of eqs. (6)-(7) (the cost is <see cref="SquaredError"/> with
/// divisor 4n). Autograd is never used. Parameters are named as the autograd twin's (theta, phi).
/// </summary>
public sealed class QuadraticModel : IManualModel<QuadraticModel.Cache, QuadraticModel.Gradients>
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>.</summary>
    /// <param name="X">The inputs, (n, d).</param>
    /// <param name="Beta">The effective linear weights theta^2 − phi^2, (d).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor Beta);

    /// <summary>Gradients of a scalar L with respect to the parameters and the input.</summary>
    /// <param name="Theta">dL/dtheta, (d).</param>
    /// <param name="Phi">dL/dphi, (d).</param>
    /// <param name="X">dL/dX, (n, d).</param>
    public readonly record struct Gradients(torch.Tensor Theta, torch.Tensor Phi, torch.Tensor X);

    /// <summary>The model with theta = phi = <paramref name="alpha"/>·1 in R^d, the initialization of Q1(f).</summary>
    public QuadraticModel(long d, double alpha, ScalarType dtype = ScalarType.Float64)
    {
        theta = torch.full([d], alpha, dtype).DetachFromDisposeScope();
        phi = torch.full([d], alpha, dtype).DetachFromDisposeScope();
    }

    /// <summary>The model with copies of the given parameters (each of shape (d)).</summary>
    public QuadraticModel(torch.Tensor theta, torch.Tensor phi)
    {
        if (theta.ndim != 1 || !theta.shape.SequenceEqual(phi.shape))
            throw new ArgumentException($"theta and phi must be vectors of one length d; got {theta.ShapeText()} and {phi.ShapeText()}");
        this.theta = theta.detach().clone().DetachFromDisposeScope();
        this.phi = phi.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>theta, (d). Updated in place by <see cref="Step"/>.</summary>
    public torch.Tensor theta { get; }

    /// <summary>phi, (d). Updated in place by <see cref="Step"/>.</summary>
    public torch.Tensor phi { get; }

    /// <summary>The parameters by name, the keys a checkpoint uses.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["theta"] = theta, ["phi"] = phi };

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor> { ["theta"] = g.Theta, ["phi"] = g.Phi };

    /// <summary>f(X) = X (theta^2 − phi^2), eq. (5) for every row of <paramref name="X"/> (n, d); returns (n).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X)
    {
        var beta = theta * theta - phi * phi; // (d)
        return (X.matmul(beta), new Cache(X, beta)); // (n)
    }

    // Backward of f = X beta, beta = theta ⊙ theta − phi ⊙ phi, for an upstream df = dL/df (n):
    //   dL/dbeta  = X^T df                        (d)      [f is linear in beta]
    //   dL/dtheta = dL/dbeta ⊙ dbeta/dtheta = 2 theta ⊙ X^T df   (d)
    //   dL/dphi   = dL/dbeta ⊙ dbeta/dphi   = −2 phi ⊙ X^T df    (d)
    //   dL/dX     = df beta^T                     (n, d)   [row i of X meets beta once]
    /// <summary>Gradients of a scalar L given dL/df (n) and the cache of the forward pass that produced f.</summary>
    public Gradients Backward(torch.Tensor df, Cache cache)
    {
        var dbeta = cache.X.T.matmul(df); // (d)
        return new Gradients(2 * theta * dbeta, -2 * phi * dbeta, df.outer(cache.Beta));
    }

    /// <summary>J(theta, phi) = 1/(4n) Σ_i (f(x_i) − y_i)^2 over the rows of X (n, d) and y (n): <see cref="SquaredError"/> with divisor 4n; a 0-dim tensor.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(SquaredError.Forward(Forward(X).y, y, 4.0 * X.size(0)).loss);
    }

    // Eqs. (6)-(7) in matrix form. With residuals r_i = x_i^T (theta^2 − phi^2) − y_i, r = X beta − y (n):
    //   J = 1/(4n) r^T r, so dJ/df = r / (2n); Backward then gives
    //   dJ/dtheta =  2 theta ⊙ X^T r / (2n) =  (1/n) Σ_i r_i (theta ⊙ x_i)   (eq. 6)
    //   dJ/dphi   = −2 phi   ⊙ X^T r / (2n) = −(1/n) Σ_i r_i (phi ⊙ x_i)     (eq. 7)
    /// <summary>(dJ/dtheta, dJ/dphi) of eqs. (6)-(7) on the batch (X, y).</summary>
    public (torch.Tensor dtheta, torch.Tensor dphi) LossGradient(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var (f, _) = Forward(X);
        var xr = X.T.matmul(f - y) / (double)X.size(0); // (d): (1/n) Σ_i r_i x_i
        return (scope.MoveToOuter(theta * xr), scope.MoveToOuter(-(phi * xr)));
    }

    /// <summary>
    /// One gradient-descent step theta −= lr·dL/dtheta, phi −= lr·dL/dphi from <see cref="Backward"/>'s gradients, both taken at
    /// the old parameters. For J on the whole training set it is GD (Q1f); on a sampled batch SGD (Q1g).
    /// </summary>
    public void Step(Gradients g, double lr)
    {
        theta.add_(g.Theta, alpha: -lr);
        phi.add_(g.Phi, alpha: -lr);
    }

    /// <summary>Frees the parameters.</summary>
    public void Dispose()
    {
        theta.Dispose();
        phi.Dispose();
    }
}
