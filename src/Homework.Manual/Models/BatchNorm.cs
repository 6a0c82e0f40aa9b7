// CS229 PS2 (001) Q6: batch normalization in training mode with the homework's hand-derived backward, every
// intermediate gradient it names. Not the autograd twin (Homework.Torch/Models/BatchNorm.cs); no running statistics.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// y_i = gamma ⊙ x̂_i + beta with x̂_i = (x_i − mu) / sqrt(v + eps), mu and v the batch mean and (biased)
/// variance, eqs. (7)-(10). The homework writes eps = 0; PyTorch's default is 1e-5. Batch statistics only
/// (training mode): no running averages are kept.
/// </summary>
public sealed class BatchNorm : IManualModel<BatchNorm.Cache, BatchNorm.Gradients>
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>.</summary>
    /// <param name="X">The batch, (m, d).</param>
    /// <param name="Mu">mu^{(B)}, (d).</param>
    /// <param name="V">v^{(B)}, (d).</param>
    /// <param name="XHat">x̂, (m, d).</param>
    /// <param name="InvStd">1 / sqrt(v + eps), (d).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor Mu, torch.Tensor V, torch.Tensor XHat, torch.Tensor InvStd);

    /// <summary>Every gradient Q6 asks for, of a scalar L.</summary>
    /// <param name="beta">dL/dbeta, (d).</param>
    /// <param name="gamma">dL/dgamma, (d).</param>
    /// <param name="XHat">dL/dx̂, (m, d).</param>
    /// <param name="V">dL/dv^{(B)}, (d).</param>
    /// <param name="Mu">dL/dmu^{(B)}, (d).</param>
    /// <param name="X">dL/dx, (m, d).</param>
    public readonly record struct Gradients(torch.Tensor beta, torch.Tensor gamma, torch.Tensor XHat, torch.Tensor V, torch.Tensor Mu, torch.Tensor X);

    /// <summary>gamma = 1, beta = 0 over <paramref name="num_features"/> features.</summary>
    public BatchNorm(long num_features, double eps = 1e-5, ScalarType dtype = ScalarType.Float64)
        : this(torch.ones([num_features], dtype), torch.zeros([num_features], dtype), eps) { }

    /// <summary>Copies of <paramref name="gamma"/> and <paramref name="beta"/> (d each); <paramref name="eps"/> ≥ 0.</summary>
    public BatchNorm(torch.Tensor gamma, torch.Tensor beta, double eps)
    {
        if (gamma.ndim != 1 || !gamma.shape.SequenceEqual(beta.shape))
            throw new ArgumentException($"gamma and beta must be vectors of one length d; got {gamma.ShapeText()} and {beta.ShapeText()}");
        if (eps < 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0 (0 is the homework's formula, 1e-5 PyTorch's default)");
        this.gamma = gamma.detach().clone().DetachFromDisposeScope();
        this.beta = beta.detach().clone().DetachFromDisposeScope();
        this.eps = eps;
    }

    /// <summary>The scale gamma, (d).</summary>
    public torch.Tensor gamma { get; }

    /// <summary>The shift beta, (d).</summary>
    public torch.Tensor beta { get; }

    /// <summary>Added to v under the square root; 0 in the homework.</summary>
    public double eps { get; }

    /// <summary>Normalizes the batch <paramref name="x"/> (m, d) with its own statistics; returns y (m, d).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(1) != gamma.size(0))
            throw new ArgumentException($"x must be (m, {gamma.size(0)}); got {x.ShapeText()}", nameof(x));
        if (x.size(0) < 2) throw new ArgumentException("batch normalization needs at least 2 examples in the batch (a batch of 1 has zero variance)", nameof(x));
        var mu = x.mean([0]); // (d)        eq. (7)
        var centered = x - mu; // (m, d)
        var v = (centered * centered).mean([0]); // (d)   eq. (8), biased: 1/m
        var invStd = (v + eps).rsqrt(); // (d)
        var xhat = centered * invStd; // (m, d)   eq. (9)
        return (gamma * xhat + beta, new Cache(x, mu, v, xhat, invStd)); // eq. (10)
    }

    // Backward, Q6(a)-(d), for dy_i = dL/dy_i (m, d); s = 1/sqrt(v + eps) (d); sums run over the batch i = 1..m.
    //   (a) dL/dbeta  = Σ_i dy_i                                       (d)    [y_i = gamma ⊙ x̂_i + beta]
    //       dL/dgamma = Σ_i dy_i ⊙ x̂_i                                 (d)
    //       dL/dx̂_i   = gamma ⊙ dy_i                                   (m, d)
    //   (b) dL/dv     = Σ_i dL/dx̂_i ⊙ (x_i − mu) ⊙ (−½)(v + eps)^{−3/2}  (d)    [v reaches L only through every x̂_i]
    //   (c) dL/dmu    = −s ⊙ Σ_i dL/dx̂_i                                (d)    [direct path; the path through v adds
    //                                                                           dL/dv ⊙ (−2/m) Σ_i (x_i − mu) = 0]
    //   (d) dL/dx_i   = s ⊙ dL/dx̂_i + 2 (x_i − mu)/m ⊙ dL/dv + dL/dmu / m  (m, d) [through x̂_i, v and mu]
    /// <summary>Every gradient of Q6 given dL/dy (m, d) and the forward cache.</summary>
    public Gradients Backward(torch.Tensor dy, Cache cache)
    {
        using var scope = torch.NewDisposeScope();
        var m = (double)cache.X.size(0);
        var centered = cache.X - cache.Mu; // (m, d)
        var dbeta = dy.sum(dim: 0);
        var dgamma = (dy * cache.XHat).sum(dim: 0);
        var dxhat = gamma * dy;
        var dv = (dxhat * centered).sum(dim: 0) * (-0.5 * cache.InvStd.pow(3));
        var dmu = -cache.InvStd * dxhat.sum(dim: 0);
        var dx = cache.InvStd * dxhat + 2.0 / m * centered * dv + dmu / m;
        var g = new Gradients(dbeta, dgamma, dxhat, dv, dmu, dx);
        scope.MoveToOuter(g.beta, g.gamma, g.XHat, g.V, g.Mu, g.X);
        return g;
    }

    /// <summary>gamma and beta by the autograd twin's names (its nn.BatchNorm1d: bn.weight, bn.bias).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["bn.weight"] = gamma, ["bn.bias"] = beta };

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor> { ["bn.weight"] = g.gamma, ["bn.bias"] = g.beta };

    /// <summary>One gradient step on gamma and beta, given their gradients.</summary>
    public void Step(Gradients g, double lr)
    {
        gamma.add_(g.gamma, alpha: -lr);
        beta.add_(g.beta, alpha: -lr);
    }

    /// <summary>Frees gamma and beta.</summary>
    public void Dispose()
    {
        gamma.Dispose();
        beta.Dispose();
    }
}
