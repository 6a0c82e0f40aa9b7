// Your batch normalization: CS229 F2020 PS2 (001) Q6, in training mode. For a batch x (m, d): μ = 1/m Σ_i x_i (eq. (7)),
// v = 1/m Σ_i (x_i − μ)² (eq. (8)), x̂_i = (x_i − μ)/sqrt(v + eps) (eq. (9), where the homework writes eps = 0) and
// y_i = γ ⊙ x̂_i + β (eq. (10)).
// Write Backward, every gradient Q6(a)-(d) asks for, then check it against autograd and central differences:
//     homework check MyBatchNorm.cs
// The check runs float64 at three seeds, each with its own shape (m, d) = (6, 4), (5, 3), (3, 7), once with eps = 0 and
// once with PyTorch's eps = 1e-5: against autograd on the homework's equations (x̂, v and μ as graph nodes, each
// intermediate's gradient taken with what feeds it held fixed, as Q6's chain rule does) and against nn.BatchNorm1d.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using BatchNorm = Homework.Manual.Models.BatchNorm;

public sealed class MyBatchNorm : IManualModel<BatchNorm.Cache, BatchNorm.Gradients>
{
    public MyBatchNorm(Tensor gamma, Tensor beta, double eps)
    {
        this.gamma = gamma.clone().DetachFromDisposeScope();   // (d)
        this.beta = beta.clone().DetachFromDisposeScope();     // (d)
        this.eps = eps;
    }

    public Tensor gamma { get; }
    public Tensor beta { get; }
    public double eps { get; }

    // Named as the autograd twin's nn.BatchNorm1d: bn.weight = γ (d), bn.bias = β (d).
    public IReadOnlyDictionary<string, Tensor> Parameters => new Dictionary<string, Tensor> { ["bn.weight"] = gamma, ["bn.bias"] = beta };

    // y (m, d) of the batch x (m, d) with its own statistics; the cache keeps x, μ, v, x̂ and s = 1/sqrt(v + eps).
    public (Tensor y, BatchNorm.Cache cache) Forward(Tensor x)
    {
        var mu = x.mean([0]);                                 // (d)     eq. (7)
        var v = (x - mu).pow(2).mean([0]);                    // (d)     eq. (8): 1/m, not 1/(m − 1)
        var s = (v + eps).rsqrt();                            // (d)
        var xhat = (x - mu) * s;                              // (m, d)  eq. (9)
        return (gamma * xhat + beta, new BatchNorm.Cache(x, mu, v, xhat, s));   // (m, d)  eq. (10)
    }

    // dy = dL/dy (m, d); return dL/dβ, dL/dγ, dL/dx̂, dL/dv, dL/dμ and dL/dx. Sums over the batch run along dim 0: write
    // .sum(dim: 0), since a bare .sum(0) takes the 0 for a dtype and sums every element.
    public BatchNorm.Gradients Backward(Tensor dy, BatchNorm.Cache cache)
    {
        var (x, mu, v, xhat, s) = (cache.X, cache.Mu, cache.V, cache.XHat, cache.InvStd);   // (m, d), (d), (d), (m, d), (d)
        var m = x.size(0);
        // var dbeta = ...                                    // (d)     Q6(a)
        // var dgamma = ...                                   // (d)     Q6(a)
        // var dxhat = ...                                    // (m, d)  Q6(a)
        // var dv = ...                                       // (d)     Q6(b)
        // var dmu = ...                                      // (d)     Q6(c)
        // var dx = ...                                       // (m, d)  Q6(d)
        throw new NotImplementedException("write Backward: dbeta, dgamma, dxhat, dv, dmu and dx");
        // return new BatchNorm.Gradients(dbeta, dgamma, dxhat, dv, dmu, dx);
    }

    public IReadOnlyDictionary<string, Tensor> Named(BatchNorm.Gradients g) => new Dictionary<string, Tensor> { ["bn.weight"] = g.gamma, ["bn.bias"] = g.beta };

    public void Step(BatchNorm.Gradients g, double lr)
    {
        gamma.sub_(lr * g.gamma);
        beta.sub_(lr * g.beta);
    }

    public void Dispose()
    {
        gamma.Dispose();
        beta.Dispose();
    }
}
