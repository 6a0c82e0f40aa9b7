// CS229 PS2 (001) Q6: batch normalization in training mode, differentiated by libtorch's autograd, both as
// nn.BatchNorm1d and as the homework's eqs. (7)-(10) written out. Not the hand-derived twin (Homework.Manual/Models/BatchNorm.cs).
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// Batch normalization of a batch x (m, d) by nn.BatchNorm1d (<see cref="bn"/>, training mode: batch statistics).
/// <see cref="Steps"/> builds the same eqs. (7)-(10) from tensor ops so that autograd can report the gradient of
/// every intermediate the homework names (mu, v, x̂), which the fused nn.BatchNorm1d kernel does not expose.
/// </summary>
public sealed class BatchNorm : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>gamma = 1, beta = 0 over <paramref name="num_features"/> features; <paramref name="eps"/> 0 is the homework's formula.</summary>
    public BatchNorm(long num_features, double eps = 1e-5, ScalarType dtype = ScalarType.Float32) : base(nameof(BatchNorm))
    {
        bn = torch.nn.BatchNorm1d(num_features, eps, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The layer: weight = gamma, bias = beta, running statistics as buffers.</summary>
    public readonly BatchNorm1d bn;

    /// <summary>Copies gamma and beta (d each) into bn.weight and bn.bias.</summary>
    public void Load(torch.Tensor gamma, torch.Tensor beta)
    {
        using var noGrad = torch.no_grad();
        bn.weight!.copy_(gamma);
        bn.bias!.copy_(beta);
    }

    /// <summary>y (m, d) for the batch x (m, d); in training mode also updates the running statistics.</summary>
    public override torch.Tensor forward(torch.Tensor x) => bn.forward(x);

    /// <summary>The intermediates of eqs. (7)-(10), all nodes of the autograd graph.</summary>
    /// <param name="Mu">mu^{(B)} = mean_i x_i, (d).</param>
    /// <param name="V">v^{(B)} = mean_i (x_i − mu)², (d).</param>
    /// <param name="XHat">x̂ = (x − mu) / sqrt(v + eps), (m, d).</param>
    /// <param name="Y">y = gamma ⊙ x̂ + beta, (m, d).</param>
    public readonly record struct Intermediates(torch.Tensor Mu, torch.Tensor V, torch.Tensor XHat, torch.Tensor Y);

    /// <summary>Eqs. (7)-(10) as separate graph nodes; v is computed from mu so that dL/dmu includes the path through v.</summary>
    public static Intermediates Steps(torch.Tensor x, torch.Tensor gamma, torch.Tensor beta, double eps)
    {
        var mu = x.mean([0]);
        var centered = x - mu;
        var v = (centered * centered).mean([0]);
        var xhat = centered / (v + eps).sqrt();
        return new Intermediates(mu, v, xhat, gamma * xhat + beta);
    }
}
