// CS229 PS2 (000) Q4(e): the CNN Conv2d(32 filters 3×3, padding 1, stride 1) → ReLU → flatten → linear → softmax,
// with convolution forward and backward written via im2col/col2im. Not the autograd twin (Homework.Torch/Models/Cnn.cs).
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// a1 = ReLU(Conv2D(x)), a2 = Flatten(a1), logits = W2^T a2 + b2 for images x (N, C, H, W) (C = 1 in the homework).
/// Weights: <see cref="conv_weight"/> (F, C, 3, 3) and <see cref="conv_bias"/> (F) in PyTorch's layout (F = 32);
/// <see cref="W2"/> (F·H·W, k) and <see cref="b2"/> (k) in the homework's layout. Flatten is channel-major, as torch.flatten.
/// </summary>
public sealed class Cnn : IManualModel<Cnn.Cache, Cnn.Gradients>
{
    private static readonly (long h, long w) Kernel = (3, 3), One = (1, 1);
    private readonly Dictionary<string, torch.Tensor> parameters;

    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward(torch.Tensor, Cache)"/>.</summary>
    /// <param name="X">Images, (N, C, H, W).</param>
    /// <param name="Cols">im2col(X): each 3×3 patch as a column, (N, C·9, H·W).</param>
    /// <param name="Active">1 where the convolution output is positive (ReLU passes), else 0, (N, F, H·W).</param>
    /// <param name="A2">Flattened activations, (N, F·H·W).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor Cols, torch.Tensor Active, torch.Tensor A2);

    /// <summary>Gradients of a scalar L.</summary>
    /// <param name="conv_weight">(F, C, 3, 3).</param>
    /// <param name="conv_bias">(F).</param>
    /// <param name="W2">(F·H·W, k).</param>
    /// <param name="b2">(k).</param>
    /// <param name="X">(N, C, H, W); null when not asked for (training never needs it).</param>
    public readonly record struct Gradients(torch.Tensor conv_weight, torch.Tensor conv_bias, torch.Tensor W2, torch.Tensor b2, torch.Tensor? X);

    /// <summary>The network with copies of the given weights.</summary>
    public Cnn(torch.Tensor conv_weight, torch.Tensor conv_bias, torch.Tensor W2, torch.Tensor b2)
    {
        if (conv_weight.ndim != 4 || conv_weight.size(2) != 3 || conv_weight.size(3) != 3 || !conv_bias.shape.SequenceEqual([conv_weight.size(0)]))
            throw new ArgumentException($"need conv_weight (F, C, 3, 3) and conv_bias (F); got {conv_weight.ShapeText()} and {conv_bias.ShapeText()}");
        if (W2.ndim != 2 || W2.size(0) % conv_weight.size(0) != 0 || !b2.shape.SequenceEqual([W2.size(1)]))
            throw new ArgumentException($"need W2 (F·H·W, k) with F = {conv_weight.size(0)} and b2 (k); got {W2.ShapeText()} and {b2.ShapeText()}");
        this.conv_weight = conv_weight.detach().clone().DetachFromDisposeScope();
        this.conv_bias = conv_bias.detach().clone().DetachFromDisposeScope();
        this.W2 = W2.detach().clone().DetachFromDisposeScope();
        this.b2 = b2.detach().clone().DetachFromDisposeScope();
        // The autograd twin's nn.Conv2d and nn.Linear; fc.weight (k, F·H·W) is the transposed view of W2.
        parameters = new()
        {
            ["conv.weight"] = this.conv_weight, ["conv.bias"] = this.conv_bias, ["fc.weight"] = this.W2.T.DetachFromDisposeScope(), ["fc.bias"] = this.b2,
        };
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>The 3×3 filters, (F, C, 3, 3).</summary>
    public torch.Tensor conv_weight { get; }

    /// <summary>The filter biases, (F).</summary>
    public torch.Tensor conv_bias { get; }

    /// <summary>W^{[2]}, (F·H·W, k).</summary>
    public torch.Tensor W2 { get; }

    /// <summary>b^{[2]}, (k).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>Logits for images X (N, C, H, W); returns (N, k).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X)
    {
        var (n, filters) = (X.size(0), conv_weight.size(0));
        if (X.ndim != 4 || X.size(1) != conv_weight.size(1) || filters * X.size(2) * X.size(3) != W2.size(0))
            throw new ArgumentException($"X must be (N, {conv_weight.size(1)}, H, W) with {filters}·H·W = {W2.size(0)}; got {X.ShapeText()}", nameof(X));
        var cols = torch.nn.functional.unfold(X, Kernel, One, One, One); // (N, C·9, L), L = H·W: padding 1 keeps the size
        var z = conv_weight.reshape(filters, -1).matmul(cols) + conv_bias.unsqueeze(1); // (N, F, L): one matmul per image
        var active = z.gt(0).to(z.dtype); // (N, F, L)
        var a2 = (z * active).reshape(n, -1); // (N, F·L): ReLU, then flatten channel-major
        return (a2.matmul(W2) + b2, new Cache(X, cols, active, a2)); // (N, k)
    }

    // Backward for dlogits = dL/dlogits (N, k). With Wc = conv_weight as (F, C·9), z_n = Wc cols_n + bias (F, L):
    //   dW2 = a2^T dlogits                 (F·L, k)    db2 = Σ_n dlogits_n            (k)
    //   da2 = dlogits W2^T                 (N, F·L)    then unflatten to (N, F, L)
    //   dz  = da2 ⊙ [z > 0]                (N, F, L)   [ReLU passes the gradient where it passed the value]
    //   dWc = Σ_n dz_n cols_n^T            (F, C·9)    [each output pixel is a dot product of a filter with a patch]
    //   dbias = Σ_{n, pixels} dz           (F)
    //   dcols = Wc^T dz_n                  (N, C·9, L) [gradient of every patch copy]
    //   dX  = col2im(dcols)                (N, C, H, W) [adjoint of im2col: overlapping patch copies are summed back]
    /// <summary>
    /// Gradients of a scalar L given dL/dlogits (N, k) and the forward cache. dX needs a (C·9, L) matmul per image and
    /// a col2im, so it is computed only with <paramref name="inputGradient"/>.
    /// </summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache, bool inputGradient)
    {
        using var scope = torch.NewDisposeScope();
        var x = cache.X;
        var wc = conv_weight.reshape(conv_weight.size(0), -1); // (F, C·9)
        var dz = dlogits.matmul(W2.T).reshape(cache.Active.shape) * cache.Active; // (N, F, L)
        var dwc = dz.matmul(cache.Cols.transpose(1, 2)).sum(dim: 0); // (F, C·9)
        var g = new Gradients(
            dwc.reshape(conv_weight.shape), dz.sum([0, 2]),
            cache.A2.T.matmul(dlogits), dlogits.sum(dim: 0),
            inputGradient ? torch.nn.functional.fold(wc.T.matmul(dz) /* dcols (N, C·9, L) */, (x.size(2), x.size(3)), Kernel, One, One, One) : null);
        scope.MoveToOuter(g.conv_weight, g.conv_bias, g.W2, g.b2);
        if (g.X is not null) scope.MoveToOuter(g.X);
        return g;
    }

    /// <summary>The mean cross entropy of logits (N, k) against int64 labels (N).</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels) => ClassLabels.Loss(logits, labels);

    /// <summary>Whether the contract's Backward computes dX (false when training, where nothing reads it).</summary>
    public bool InputGradient { get; init; } = true;

    /// <summary>Gradients of a scalar L given dL/dlogits (N, k) and the forward cache, dX included when <see cref="InputGradient"/>.</summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache) => Backward(dlogits, cache, InputGradient);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor>
    {
        ["conv.weight"] = g.conv_weight, ["conv.bias"] = g.conv_bias, ["fc.weight"] = g.W2.T, ["fc.bias"] = g.b2,
    };

    /// <summary>One gradient-descent step p ← p − lr·g on every weight.</summary>
    public void Step(Gradients g, double lr)
    {
        conv_weight.add_(g.conv_weight, alpha: -lr); conv_bias.add_(g.conv_bias, alpha: -lr); W2.add_(g.W2, alpha: -lr); b2.add_(g.b2, alpha: -lr);
    }

    /// <summary>Frees the weights and their views.</summary>
    public void Dispose()
    {
        parameters["fc.weight"].Dispose();
        conv_weight.Dispose(); conv_bias.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
