// CS229 PS2 (000) Q1(e-g): the quadratically parameterized model, differentiated by libtorch's autograd.
// Not the hand-derived twin (Homework.Manual/Models/QuadraticModel.cs) and not the training experiment.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// f_{theta,phi}(x) = x^T (theta ⊙ theta − phi ⊙ phi) (eq. 5) with cost J = 1/(4n) Σ (f(x_i) − y_i)^2;
/// theta and phi are the module's parameters, trained by optim.SGD on <see cref="Loss"/>.
/// </summary>
public sealed class QuadraticModel : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>The model with theta = phi = <paramref name="alpha"/>·1 in R^d, the initialization of Q1(f).</summary>
    public QuadraticModel(long d, double alpha, ScalarType dtype = ScalarType.Float64)
        : this(torch.full([d], alpha, dtype), torch.full([d], alpha, dtype)) { }

    /// <summary>The model with copies of the given parameters (each of shape (d)).</summary>
    public QuadraticModel(torch.Tensor theta, torch.Tensor phi) : base(nameof(QuadraticModel))
    {
        if (theta.ndim != 1 || !theta.shape.SequenceEqual(phi.shape))
            throw new ArgumentException($"theta and phi must be vectors of one length d; got {theta.ShapeText()} and {phi.ShapeText()}");
        this.theta = new TorchSharp.Modules.Parameter(theta.detach().clone().DetachFromDisposeScope());
        this.phi = new TorchSharp.Modules.Parameter(phi.detach().clone().DetachFromDisposeScope());
        RegisterComponents();
    }

    /// <summary>theta, (d).</summary>
    public readonly TorchSharp.Modules.Parameter theta;

    /// <summary>phi, (d).</summary>
    public readonly TorchSharp.Modules.Parameter phi;

    /// <summary>f(X) = X (theta^2 − phi^2) for every row of <paramref name="X"/> (n, d); returns (n).</summary>
    public override torch.Tensor forward(torch.Tensor X) => X.matmul(theta * theta - phi * phi);

    /// <summary>J(theta, phi) = 1/(4n) Σ_i (f(x_i) − y_i)^2 over X (n, d), y (n); a 0-dim tensor in the graph.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = forward(X) - y;
        return scope.MoveToOuter(r.dot(r) / (4.0 * X.size(0)));
    }
}
