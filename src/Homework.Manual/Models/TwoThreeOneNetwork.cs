// CS229 PS2 (000) Q3(a) / (001) Q5(a): the 2-3-1 sigmoid network with average squared loss, hand-derived gradients.
// Not the autograd twin (Homework.Torch/Models/TwoThreeOneNetwork.cs) and not the step/linear-activation parts (b)-(c).
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// Inputs x = (x_1, x_2), hidden h_j = σ(w^{[1]}_{0,j} + Σ_i w^{[1]}_{i,j} x_i) for j = 1..3, output
/// o = σ(w^{[2]}_0 + Σ_j w^{[2]}_j h_j), loss l = 1/n Σ (o − y)² (<see cref="SquaredError"/> with divisor n). Layout: <see cref="W1"/>[i−1, j−1] = w^{[1]}_{i,j} (2, 3),
/// <see cref="b1"/>[j−1] = w^{[1]}_{0,j} (3), <see cref="w2"/>[j−1] = w^{[2]}_j (3), <see cref="b2"/>[0] = w^{[2]}_0 (1).
/// </summary>
public sealed class TwoThreeOneNetwork : IManualModel<TwoThreeOneNetwork.Cache, TwoThreeOneNetwork.Gradients>
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>.</summary>
    /// <param name="X">Inputs, (n, 2).</param>
    /// <param name="H">Hidden activations h, (n, 3).</param>
    /// <param name="O">Outputs o, (n).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor H, torch.Tensor O);

    /// <summary>Gradients of a scalar L.</summary>
    /// <param name="W1">dL/dw^{[1]}_{i,j}, (2, 3).</param>
    /// <param name="b1">dL/dw^{[1]}_{0,j}, (3).</param>
    /// <param name="w2">dL/dw^{[2]}_j, (3).</param>
    /// <param name="b2">dL/dw^{[2]}_0, (1).</param>
    /// <param name="X">dL/dX, (n, 2).</param>
    public readonly record struct Gradients(torch.Tensor W1, torch.Tensor b1, torch.Tensor w2, torch.Tensor b2, torch.Tensor X);

    /// <summary>The network with copies of the given weights, shapes (2, 3), (3), (3), (1).</summary>
    public TwoThreeOneNetwork(torch.Tensor W1, torch.Tensor b1, torch.Tensor w2, torch.Tensor b2)
    {
        CheckShape(W1, [2, 3], nameof(W1)); CheckShape(b1, [3], nameof(b1)); CheckShape(w2, [3], nameof(w2)); CheckShape(b2, [1], nameof(b2));
        this.W1 = W1.detach().clone().DetachFromDisposeScope();
        this.b1 = b1.detach().clone().DetachFromDisposeScope();
        this.w2 = w2.detach().clone().DetachFromDisposeScope();
        this.b2 = b2.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>w^{[1]}_{i,j} at [i−1, j−1], (2, 3).</summary>
    public torch.Tensor W1 { get; }

    /// <summary>The hidden intercepts w^{[1]}_{0,j}, (3).</summary>
    public torch.Tensor b1 { get; }

    /// <summary>w^{[2]}_j at [j−1], (3).</summary>
    public torch.Tensor w2 { get; }

    /// <summary>The output intercept w^{[2]}_0, (1).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>o for every row of X (n, 2); returns (n).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X)
    {
        var h = (X.matmul(W1) + b1).sigmoid(); // (n, 3)
        var o = (h.matmul(w2) + b2).sigmoid(); // (n)
        return (o, new Cache(X, h, o));
    }

    // Backward for an upstream do = dL/do (n). With z2 = h w2 + b2, z1 = X W1 + b1 and σ' = σ(1 − σ):
    //   dz2 = do ⊙ o (1 − o)                   (n)
    //   dw2 = h^T dz2,  db2 = Σ_i dz2_i         (3), (1)
    //   dh  = dz2 w2^T                          (n, 3)   [outer product: every h_j feeds o]
    //   dz1 = dh ⊙ h (1 − h)                    (n, 3)
    //   dW1 = X^T dz1,  db1 = Σ_i dz1_i         (2, 3), (3)
    //   dX  = dz1 W1^T                          (n, 2)
    /// <summary>Gradients of a scalar L given dL/do (n) and the forward cache.</summary>
    public Gradients Backward(torch.Tensor dO, Cache cache)
    {
        using var scope = torch.NewDisposeScope();
        var dz2 = dO * cache.O * (1 - cache.O);
        var dz1 = dz2.outer(w2) * cache.H * (1 - cache.H);
        var g = new Gradients(cache.X.T.matmul(dz1), dz1.sum(dim: 0), cache.H.T.matmul(dz2), dz2.sum().reshape(1), dz1.matmul(W1.T));
        scope.MoveToOuter(g.W1, g.b1, g.w2, g.b2, g.X);
        return g;
    }

    /// <summary>l = 1/n Σ (o − y)² on X (n, 2), y (n); a 0-dim tensor.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = Forward(X).y - y;
        return scope.MoveToOuter(r.dot(r) / (double)X.size(0));
    }

    // The answer to Q3(a), one weight written out per example. w^{[1]}_{1,2} reaches l only through h_2:
    //   dl/dw^{[1]}_{1,2} = 2/n Σ_i (o_i − y_i) · o_i (1 − o_i) · w^{[2]}_2 · h_{2,i} (1 − h_{2,i}) · x_{1,i}
    //                       [dl/do]           [do/dz2]        [dz2/dh_2] [dh_2/dz1_2]          [dz1_2/dw]
    // so gradient descent updates w^{[1]}_{1,2} := w^{[1]}_{1,2} − alpha · (that sum).
    /// <summary>dl/dw^{[1]}_{1,2} by the per-example formula of Q3(a); a 0-dim tensor.</summary>
    public torch.Tensor GradW12(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var (o, cache) = Forward(X);
        var h2 = cache.H.select(1, 1); // (n): h_2
        var x1 = X.select(1, 0); // (n): x_1
        var terms = (o - y) * o * (1 - o) * w2[1] * h2 * (1 - h2) * x1;
        return scope.MoveToOuter(2 * terms.sum() / (double)X.size(0));
    }

    /// <summary>The weights by the autograd twin's names (W1, b1, w2, b2), in the same layout.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["W1"] = W1, ["b1"] = b1, ["w2"] = w2, ["b2"] = b2 };

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor> { ["W1"] = g.W1, ["b1"] = g.b1, ["w2"] = g.w2, ["b2"] = g.b2 };

    /// <summary>One gradient-descent step with learning rate <paramref name="lr"/> on every weight (alpha in Q3(a)'s update).</summary>
    public void Step(Gradients g, double lr)
    {
        W1.add_(g.W1, alpha: -lr); b1.add_(g.b1, alpha: -lr); w2.add_(g.w2, alpha: -lr); b2.add_(g.b2, alpha: -lr);
    }

    private static void CheckShape(torch.Tensor t, long[] shape, string name)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new ArgumentException($"{name} must have shape {Shapes.Format(shape)}; got {t.ShapeText()}", name);
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        W1.Dispose(); b1.Dispose(); w2.Dispose(); b2.Dispose();
    }
}
