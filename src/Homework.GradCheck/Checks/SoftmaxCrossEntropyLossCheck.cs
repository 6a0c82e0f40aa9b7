// Twin check of the CMU SoftmaxCrossEntropyLoss on (classes, batch) columns.
// Not the row-layout loss: that is SoftmaxCrossEntropyCheck.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Cmu.SoftmaxCrossEntropyLoss;
using Twin = Homework.Torch.Cmu.SoftmaxCrossEntropyLoss;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>∂L/∂logits (K, B) of the batch-mean loss, three ways.</summary>
public sealed class SoftmaxCrossEntropyLossCheck : ITwinCheck
{
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

        var (_, cache) = ManualTwin.Forward(Copy(logits, dtype), Copy(labels, dtype));
        var manual = ManualTwin.Backward(Copy(dY, dtype), cache);

        var leaf = Leaf(logits, dtype);
        var autograd = Grad(Twin.forward(leaf, Copy(labels, dtype)), dY, leaf)[0];

        var fd = CentralDifference.Gradient(() => ManualTwin.Forward(logits, labels).loss * dY, logits);
        return [new(Name, "dlogits", manual, autograd, fd)];
    }
}
