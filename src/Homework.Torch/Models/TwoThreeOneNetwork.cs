// CS229 PS2 (000) Q3(a) / (001) Q5(a): the 2-3-1 sigmoid network with average squared loss, via libtorch's autograd.
// Not the hand-derived twin (Homework.Manual/Models/TwoThreeOneNetwork.cs).
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// The 2-3-1 sigmoid network of Q3 with l = 1/n Σ (o − y)². Same layout as the manual twin:
/// W1[i−1, j−1] = w^{[1]}_{i,j} (2, 3), b1 (3), w2 (3), b2 (1), all leaves that require grad.
/// </summary>
public sealed class TwoThreeOneNetwork : IDisposable
{
    /// <summary>The network with copies of the given weights, shapes (2, 3), (3), (3), (1).</summary>
    public TwoThreeOneNetwork(torch.Tensor W1, torch.Tensor b1, torch.Tensor w2, torch.Tensor b2)
    {
        this.W1 = Leaf(W1, [2, 3], nameof(W1));
        this.b1 = Leaf(b1, [3], nameof(b1));
        this.w2 = Leaf(w2, [3], nameof(w2));
        this.b2 = Leaf(b2, [1], nameof(b2));
    }

    /// <summary>w^{[1]}_{i,j} at [i−1, j−1], (2, 3).</summary>
    public torch.Tensor W1 { get; }

    /// <summary>The hidden intercepts w^{[1]}_{0,j}, (3).</summary>
    public torch.Tensor b1 { get; }

    /// <summary>w^{[2]}_j at [j−1], (3).</summary>
    public torch.Tensor w2 { get; }

    /// <summary>The output intercept w^{[2]}_0, (1).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>The weights in a fixed order (W1, b1, w2, b2).</summary>
    public IReadOnlyList<torch.Tensor> parameters() => [W1, b1, w2, b2];

    /// <summary>o for every row of X (n, 2); returns (n).</summary>
    public torch.Tensor forward(torch.Tensor X)
    {
        using var scope = torch.NewDisposeScope();
        var h = (X.matmul(W1) + b1).sigmoid();
        return scope.MoveToOuter((h.matmul(w2) + b2).sigmoid());
    }

    /// <summary>l = 1/n Σ (o − y)²; a 0-dim tensor in the graph.</summary>
    public torch.Tensor Loss(torch.Tensor X, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var r = forward(X) - y;
        return scope.MoveToOuter(r.dot(r) / (double)X.size(0));
    }

    private static torch.Tensor Leaf(torch.Tensor t, long[] shape, string name)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new ArgumentException($"{name} must have shape {Shapes.Format(shape)}; got {t.ShapeText()}", name);
        return t.detach().clone().requires_grad_().DetachFromDisposeScope();
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        W1.Dispose(); b1.Dispose(); w2.Dispose(); b2.Dispose();
    }
}
