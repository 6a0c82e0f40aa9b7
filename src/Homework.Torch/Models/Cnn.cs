// CS229 PS2 (000) Q4(e): the CNN as an nn.Module, nn.Conv2d(1, 32, 3, padding 1) → ReLU → flatten → nn.Linear, with autograd.
// Not the hand-derived twin (Homework.Manual/Models/Cnn.cs).
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// logits = fc(flatten(relu(conv(x)))) for images (N, C, r, r). conv.weight (F, C, 3, 3) has the manual twin's layout;
/// fc.weight (k, F·r·r) is W^{[2]T} for the homework's W^{[2]} (F·r·r, k), mapped by <see cref="LoadHomeworkLayout"/>.
/// </summary>
public sealed class Cnn : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>The network for r×r images with <paramref name="channels"/> channels and k classes, nn's default initialization.</summary>
    public Cnn(long r, long k, long filters = 32, long channels = 1, ScalarType dtype = ScalarType.Float32) : base(nameof(Cnn))
    {
        conv = torch.nn.Conv2d(channels, filters, 3, stride: 1, padding: 1, dtype: dtype);
        fc = torch.nn.Linear(filters * r * r, k, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The convolution: weight (F, C, 3, 3), bias (F).</summary>
    public readonly Conv2d conv;

    /// <summary>The output layer: weight (k, F·r·r) = W^{[2]T}, bias (k) = b^{[2]}.</summary>
    public readonly Linear fc;

    /// <summary>Copies conv_weight (F, C, 3, 3), conv_bias (F), and W2 (F·r·r, k), b2 (k) in the homework's layout.</summary>
    public void LoadHomeworkLayout(torch.Tensor conv_weight, torch.Tensor conv_bias, torch.Tensor W2, torch.Tensor b2)
    {
        if (!conv_weight.shape.SequenceEqual(conv.weight.shape) || !conv_bias.shape.SequenceEqual(conv.bias!.shape)
            || !W2.shape.SequenceEqual([fc.in_features, fc.out_features]) || !b2.shape.SequenceEqual([fc.out_features]))
            throw new ArgumentException($"need conv_weight {conv.weight.ShapeText()}, conv_bias [{conv.out_channels}], W2 [{fc.in_features}, {fc.out_features}], b2 [{fc.out_features}]; " +
                $"got {conv_weight.ShapeText()}, {conv_bias.ShapeText()}, {W2.ShapeText()}, {b2.ShapeText()}");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        conv.weight.copy_(conv_weight); conv.bias.copy_(conv_bias);
        fc.weight.copy_(W2.T); fc.bias!.copy_(b2);
    }

    /// <summary>Logits (N, k) for images X (N, C, r, r).</summary>
    public override torch.Tensor forward(torch.Tensor X)
    {
        using var scope = torch.NewDisposeScope();
        // In place on the convolution's fresh output (its backward reads the input, not the result): one
        // (N, F, r, r) tensor fewer, 100 MB at batch 1000.
        return scope.MoveToOuter(fc.forward(conv.forward(X).relu_().flatten(1)));
    }

    /// <summary>The mean cross entropy of logits (N, k) against int64 labels (N).</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels) => torch.nn.functional.cross_entropy(logits, labels);
}
