// Your 2-3-1 network: CS229 PS2 (000) Q3(a) / (001) Q5(a). Inputs x (2), hidden h_j = σ(w^{[1]}_{0,j} + Σ_i w^{[1]}_{i,j} x_i)
// for j = 1..3, output o = σ(w^{[2]}_0 + Σ_j w^{[2]}_j h_j), loss l = 1/n Σ_i (o_i − y_i)².
// Write Backward (every weight's gradient, and dX) and GradW12 (Q3(a)'s dl/dw^{[1]}_{1,2}, one sum over the examples),
// then check them against autograd and central differences:
//     homework check MyTwoThreeOneNetwork.cs
// The check runs float64 at three seeds, each with its own batch n = 6, 5, 1. The loss's own gradient, dl/do = 2 (o − y) / n,
// reaches Backward as dO: Backward is the network's part only.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using TwoThreeOneNetwork = Homework.Manual.Models.TwoThreeOneNetwork;

/// <summary>Layout: W1[i−1, j−1] = w^{[1]}_{i,j} (2, 3), b1[j−1] = w^{[1]}_{0,j} (3), w2[j−1] = w^{[2]}_j (3), b2[0] = w^{[2]}_0 (1).</summary>
public sealed class MyTwoThreeOneNetwork : IManualModel<TwoThreeOneNetwork.Cache, TwoThreeOneNetwork.Gradients>
{
    public MyTwoThreeOneNetwork(Tensor W1, Tensor b1, Tensor w2, Tensor b2)
    {
        this.W1 = W1.clone().DetachFromDisposeScope();
        this.b1 = b1.clone().DetachFromDisposeScope();
        this.w2 = w2.clone().DetachFromDisposeScope();
        this.b2 = b2.clone().DetachFromDisposeScope();
    }

    public Tensor W1 { get; }   // (2, 3)
    public Tensor b1 { get; }   // (3)
    public Tensor w2 { get; }   // (3)
    public Tensor b2 { get; }   // (1)

    public IReadOnlyDictionary<string, Tensor> Parameters => new Dictionary<string, Tensor> { ["W1"] = W1, ["b1"] = b1, ["w2"] = w2, ["b2"] = b2 };

    public (Tensor y, TwoThreeOneNetwork.Cache cache) Forward(Tensor X)
    {
        var h = (X.matmul(W1) + b1).sigmoid();               // (n, 3)
        var o = (h.matmul(w2) + b2).sigmoid();               // (n)
        return (o, new TwoThreeOneNetwork.Cache(X, h, o));
    }

    // dO = dL/do (n); return dL/dW1, dL/db1, dL/dw2, dL/db2 and dL/dX.
    public TwoThreeOneNetwork.Gradients Backward(Tensor dO, TwoThreeOneNetwork.Cache cache)
    {
        var (X, h, o) = (cache.X, cache.H, cache.O);          // (n, 2), (n, 3), (n)
        // dW1 = ...                                          // (2, 3)
        // db1 = ...                                          // (3)
        // dw2 = ...                                          // (3)
        // db2 = ...                                          // (1)
        // dX  = ...                                          // (n, 2)
        throw new NotImplementedException("write Backward: dW1, db1, dw2, db2 and dX");
        // return new TwoThreeOneNetwork.Gradients(dW1, db1, dw2, db2, dX);
    }

    // Q3(a): dl/dw^{[1]}_{1,2} for l = 1/n Σ_i (o_i − y_i)² on X (n, 2), y (n); a 0-dim tensor.
    public Tensor GradW12(Tensor X, Tensor y)
    {
        var (o, cache) = Forward(X);
        var h2 = cache.H.select(1, 1);                        // (n): h_2
        var x1 = X.select(1, 0);                              // (n): x_1
        throw new NotImplementedException("write GradW12: Q3(a)'s sum over the examples");
    }

    public IReadOnlyDictionary<string, Tensor> Named(TwoThreeOneNetwork.Gradients g) =>
        new Dictionary<string, Tensor> { ["W1"] = g.W1, ["b1"] = g.b1, ["w2"] = g.w2, ["b2"] = g.b2 };

    public void Step(TwoThreeOneNetwork.Gradients g, double lr)
    {
        W1.add_(g.W1, alpha: -lr); b1.add_(g.b1, alpha: -lr); w2.add_(g.w2, alpha: -lr); b2.add_(g.b2, alpha: -lr);
    }

    public void Dispose()
    {
        W1.Dispose(); b1.Dispose(); w2.Dispose(); b2.Dispose();
    }
}
