// CS229 PS2 (000) Q1(a-d): least squares J(beta) = 1/(2n)‖X beta − y‖², differentiated by libtorch's autograd.
// Not the hand-derived twin (Homework.Manual/Models/LeastSquares.cs, which also holds the closed forms).
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>The linear model f(x) = beta^T x with the cost of eq. (1); beta is the module's parameter, trained by optim.SGD on <see cref="Loss"/>.</summary>
public sealed class LeastSquares : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>The model with beta = 0 in R^d, the zero initialization of Q1(d).</summary>
    public LeastSquares(long d, ScalarType dtype = ScalarType.Float64) : this(torch.zeros([d], dtype)) { }

    /// <summary>The model with a copy of <paramref name="beta"/> (d).</summary>
    public LeastSquares(torch.Tensor beta) : base(nameof(LeastSquares))
    {
        if (beta.ndim != 1) throw new ArgumentException($"beta must be a vector (d); got shape {beta.ShapeText()}", nameof(beta));
        this.beta = new TorchSharp.Modules.Parameter(beta.detach().clone().DetachFromDisposeScope());
        RegisterComponents();
    }

    /// <summary>beta, (d).</summary>
    public readonly TorchSharp.Modules.Parameter beta;

    /// <summary>Predictions X beta for X (n, d); returns (n).</summary>
    public override torch.Tensor forward(torch.Tensor X) => X.matmul(beta);

    /// <summary>J(beta) = 1/(2n)‖X beta − y‖², eq. (1); a 0-dim tensor in the graph.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = forward(X) - y;
        return scope.MoveToOuter(r.dot(r) / (2.0 * X.size(0)));
    }
}
