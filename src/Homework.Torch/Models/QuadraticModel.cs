// CS229 PS2 (000) Q1(e-g): the quadratically parameterized model, differentiated by libtorch's autograd.
// Not the hand-derived twin (Homework.Manual/Models/QuadraticModel.cs) and not the training experiment.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// f_{theta,phi}(x) = x^T (theta ⊙ theta − phi ⊙ phi) (eq. 5) with cost J = 1/(4n) Σ (f(x_i) − y_i)^2;
/// theta and phi are leaf tensors that require grad, and <see cref="Step"/> takes its gradient from backward().
/// </summary>
public sealed class QuadraticModel : IDisposable
{
    /// <summary>The model with theta = phi = <paramref name="alpha"/>·1 in R^d, the initialization of Q1(f).</summary>
    public QuadraticModel(long d, double alpha, ScalarType dtype = ScalarType.Float64)
        : this(torch.full([d], alpha, dtype), torch.full([d], alpha, dtype)) { }

    /// <summary>The model with copies of the given parameters (each of shape (d)).</summary>
    public QuadraticModel(torch.Tensor theta, torch.Tensor phi)
    {
        if (theta.ndim != 1 || !theta.shape.SequenceEqual(phi.shape))
            throw new ArgumentException($"theta and phi must be vectors of one length d; got {theta.ShapeText()} and {phi.ShapeText()}");
        this.theta = theta.detach().clone().requires_grad_().DetachFromDisposeScope();
        this.phi = phi.detach().clone().requires_grad_().DetachFromDisposeScope();
    }

    /// <summary>theta, (d), a leaf that requires grad.</summary>
    public torch.Tensor theta { get; }

    /// <summary>phi, (d), a leaf that requires grad.</summary>
    public torch.Tensor phi { get; }

    /// <summary>The parameters by name, the keys a checkpoint uses.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["theta"] = theta, ["phi"] = phi };

    /// <summary>f(X) = X (theta^2 − phi^2) for every row of <paramref name="X"/> (n, d); returns (n).</summary>
    public torch.Tensor forward(torch.Tensor X) => X.matmul(theta * theta - phi * phi);

    /// <summary>J(theta, phi) = 1/(4n) Σ_i (f(x_i) − y_i)^2 over X (n, d), y (n); a 0-dim tensor in the graph.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = forward(X) - y;
        return scope.MoveToOuter(r.dot(r) / (4.0 * X.size(0)));
    }

    /// <summary>One gradient step theta −= lr·dJ/dtheta, phi −= lr·dJ/dphi on the batch (X, y), gradients by autograd.</summary>
    public void Step(torch.Tensor X, torch.Tensor y, double lr)
    {
        using var scope = torch.NewDisposeScope();
        Loss(X, y).backward();
        using var noGrad = torch.no_grad();
        foreach (var p in new[] { theta, phi })
        {
            var g = p.grad!;
            p.add_(g, alpha: -lr);
            p.grad = null;
        }
    }

    /// <summary>Frees the parameters.</summary>
    public void Dispose()
    {
        theta.Dispose();
        phi.Dispose();
    }
}
