// Your SigmoidMlp: CS229 W2025 PS2 (000) Q4, the "Linear Layer NN" a = σ(W1ᵀx + b1), logits = W2ᵀa + b2, trained on the
// mean cross entropy plus lambda(‖W1‖² + ‖W2‖²) (Q4c; the biases are not regularised). Rows are examples: X (B, d).
// Write Backward (Q4(a), eqs. (10)-(11)) and PenaltyGradient, then check them against autograd and central differences:
//     homework check MySigmoidMlp.cs
// The check runs float64 at three seeds, each with its own shape (B, d, m, k) = (5, 6, 4, 3), (3, 4, 5, 2), (1, 7, 3, 4),
// on the logits with a random upstream gradient and on J_MB (the cross entropy's gradient reaches Backward as dlogits).
// SigmoidMlp.Gradients keeps the factors of the weight gradients (dW1 = Xᵀ dz, dW2 = aᵀ dlogits; its properties form
// them): your Backward finds dz, the gradient at the hidden pre-activations z = X W1 + b1, and hands over the factors.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using SigmoidMlp = Homework.Manual.Models.SigmoidMlp;

public sealed class MySigmoidMlp : IManualModel<SigmoidMlp.Cache, SigmoidMlp.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;

    public MySigmoidMlp(Tensor W1, Tensor b1, Tensor W2, Tensor b2, double lambda)
    {
        this.W1 = W1.clone().DetachFromDisposeScope();   // (d, m)
        this.b1 = b1.clone().DetachFromDisposeScope();   // (m)
        this.W2 = W2.clone().DetachFromDisposeScope();   // (m, k)
        this.b2 = b2.clone().DetachFromDisposeScope();   // (k)
        this.lambda = lambda;
        parameters = new()
        {
            ["fc1.weight"] = this.W1.T.DetachFromDisposeScope(), ["fc1.bias"] = this.b1,
            ["fc2.weight"] = this.W2.T.DetachFromDisposeScope(), ["fc2.bias"] = this.b2,
        };
    }

    public Tensor W1 { get; }
    public Tensor b1 { get; }
    public Tensor W2 { get; }
    public Tensor b2 { get; }
    public double lambda { get; }   // the L2 strength of Q4(c)

    // Named as the autograd twin's nn.Linear layers: fc1.weight (m, d), fc1.bias (m), fc2.weight (k, m), fc2.bias (k).
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    // The logits (B, k) of X (B, d); the cache keeps X and the hidden activations a = σ(X W1 + b1), (B, m).
    public (Tensor y, SigmoidMlp.Cache cache) Forward(Tensor X)
    {
        var a = (X.matmul(W1) + b1).sigmoid();               // (B, m)
        return (a.matmul(W2) + b2, new SigmoidMlp.Cache(X, a));  // (B, k)
    }

    // dlogits = dL/dlogits (B, k). Find dz = dL/dz (B, m) at z = X W1 + b1 (σ'(z) = σ(z)(1 − σ(z))), then return
    // new SigmoidMlp.Gradients(X, a, dz, dlogits, W1): dW1 = Xᵀ dz, db1 = Σ_rows dz, dW2 = aᵀ dlogits, db2 = Σ_rows dlogits, dX = dz W1ᵀ.
    public SigmoidMlp.Gradients Backward(Tensor dlogits, SigmoidMlp.Cache cache)
    {
        var (X, a) = (cache.X, cache.A);                      // (B, d), (B, m)
        // var da = ...                                       // (B, m)
        // var dz = ...                                       // (B, m)
        throw new NotImplementedException("write Backward: dz");
        // return new SigmoidMlp.Gradients(X, a, dz, dlogits, W1);
    }

    // The gradients of lambda(‖W1‖² + ‖W2‖²) with respect to W1 (d, m) and W2 (m, k).
    public (Tensor W1, Tensor W2) PenaltyGradient()
    {
        throw new NotImplementedException("write PenaltyGradient");
    }

    public IReadOnlyDictionary<string, Tensor> Named(SigmoidMlp.Gradients g) => new Dictionary<string, Tensor>
    {
        ["fc1.weight"] = g.W1.T, ["fc1.bias"] = g.b1, ["fc2.weight"] = g.W2.T, ["fc2.bias"] = g.b2,
    };

    public void Step(SigmoidMlp.Gradients g, double lr)
    {
        var (p1, p2) = PenaltyGradient();
        W1.sub_(lr * (g.W1 + p1));
        b1.sub_(lr * g.b1);
        W2.sub_(lr * (g.W2 + p2));
        b2.sub_(lr * g.b2);
    }

    public void Dispose()
    {
        parameters["fc1.weight"].Dispose();
        parameters["fc2.weight"].Dispose();
        W1.Dispose(); b1.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
