// Twin check of the CMU SoftmaxCrossEntropyLoss on (classes, batch) columns. The loss under check comes from a class's
// static Forward and Backward (the project's, or a student's for `homework check`); central differences always
// differentiate the project's forward.
// Not the row-layout loss: that is SoftmaxCrossEntropyCheck.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Cmu.SoftmaxCrossEntropyLoss;
using Twin = Homework.Torch.Cmu.SoftmaxCrossEntropyLoss;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>∂L/∂logits (K, B) of the batch-mean loss, three ways.</summary>
/// <param name="manual">A class with SoftmaxCrossEntropyLoss's static Forward and Backward.</param>
public sealed class SoftmaxCrossEntropyLossCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The forward a loss under check needs, as SoftmaxCrossEntropyLoss's: logits and one-hot labels (K, B).</summary>
    public delegate (torch.Tensor loss, Homework.Manual.Models.SoftmaxCrossEntropy.Cache cache) LossForward(torch.Tensor logits, torch.Tensor labels);

    /// <summary>The backward a loss under check needs, as SoftmaxCrossEntropyLoss's: dlogits (K, B) for the upstream dLoss.</summary>
    public delegate torch.Tensor LossBackward(torch.Tensor dLoss, Homework.Manual.Models.SoftmaxCrossEntropy.Cache cache);

    private readonly LossForward forward = ManualContract.Method<LossForward>(manual, "Forward");
    private readonly LossBackward backward = ManualContract.Method<LossBackward>(manual, "Backward");

    /// <summary>The registered check, of the project's CMU SoftmaxCrossEntropyLoss.</summary>
    public SoftmaxCrossEntropyLossCheck() : this(typeof(ManualTwin)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new SoftmaxCrossEntropyLossCheck(type);

    /// <inheritdoc />
    public string Name => "SoftmaxCrossEntropyLoss";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.2 (SoftmaxCrossEntropyLoss), Q3 eqs. (16), (18)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var (classes, batch) = ShapeIndex(seed, 3) switch { 0 => (4L, 5L), 1 => (3L, 7L), _ => (5L, 1L) };   // seed 0 is the README table's
        var logits = torch.randn(classes, batch, ScalarType.Float64);
        var labels = OneHot(batch, classes).T.contiguous();                      // (K, B) columns
        var dY = torch.randn([], ScalarType.Float64);

        var (_, cache) = forward(Copy(logits, dtype), Copy(labels, dtype));
        var manualGradient = Returned(backward(Copy(dY, dtype), cache), "dlogits");

        var leaf = Leaf(logits, dtype);
        var autograd = Grad(Twin.forward(leaf, Copy(labels, dtype)), dY, leaf)[0];

        var fd = CentralDifference.Gradient(() => ManualTwin.Forward(logits, labels).loss * dY, logits);
        return [new(Name, "dlogits", manualGradient, autograd, fd)];
    }
}
