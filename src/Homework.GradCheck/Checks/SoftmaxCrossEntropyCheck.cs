// Twin check of the softmax cross-entropy: manual (P - Y)/N against cross_entropy's autograd.
// The loss under check comes from a class's static Forward and Backward (the project's SoftmaxCrossEntropy, or a
// student's class for `homework check`); central differences always differentiate the project's forward.
// Not a model check: the loss alone, on (N, K) rows.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>∂L/∂logits of the batch-mean softmax cross-entropy, three ways; the shape (N, K) cycles with the seed.</summary>
/// <param name="manual">A class with SoftmaxCrossEntropy's static Forward and Backward.</param>
public sealed class SoftmaxCrossEntropyCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The forward a loss under check needs, as SoftmaxCrossEntropy's.</summary>
    public delegate (torch.Tensor loss, ManualModels.SoftmaxCrossEntropy.Cache cache) LossForward(torch.Tensor logits, torch.Tensor targets);

    /// <summary>The backward a loss under check needs, as SoftmaxCrossEntropy's.</summary>
    public delegate torch.Tensor LossBackward(torch.Tensor dLoss, ManualModels.SoftmaxCrossEntropy.Cache cache);

    // (N, K) by seed: seed 0 keeps the README table's shape; odd and even batches follow.
    private static readonly long[][] Shapes = [[5, 4], [3, 6], [8, 3]];

    private readonly LossForward forward = ManualContract.Method<LossForward>(manual, "Forward");
    private readonly LossBackward backward = ManualContract.Method<LossBackward>(manual, "Backward");

    /// <summary>The registered check, of the project's SoftmaxCrossEntropy.</summary>
    public SoftmaxCrossEntropyCheck() : this(typeof(ManualModels.SoftmaxCrossEntropy)) { }

    /// <inheritdoc />
    public string Name => "SoftmaxCrossEntropy";

    /// <inheritdoc />
    public string Source => "002 Q2, 004 Task 1b eq. (13), 003 Q3 eq. (18)";

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new SoftmaxCrossEntropyCheck(type);

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var shape = Shapes[ShapeIndex(seed, Shapes.Length)];
        var (n, k) = (shape[0], shape[1]);
        var logits = torch.randn(n, k, ScalarType.Float64);
        var targets = OneHot(n, k);
        var dY = torch.randn([], ScalarType.Float64);

        var (_, cache) = forward(Copy(logits, dtype), Copy(targets, dtype));
        var manualGradient = Returned(backward(Copy(dY, dtype), cache), "dlogits");

        var leaf = Leaf(logits, dtype);
        var autograd = Grad(TorchModels.SoftmaxCrossEntropy.forward(leaf, Copy(targets, dtype)), dY, leaf)[0];

        var fd = CentralDifference.Gradient(() => ManualModels.SoftmaxCrossEntropy.Forward(logits, targets).loss * dY, logits);
        return [new(Name, "dlogits", manualGradient, autograd, fd)];
    }
}
