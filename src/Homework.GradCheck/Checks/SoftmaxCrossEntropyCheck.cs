// Twin check of the softmax cross-entropy: manual (P - Y)/N against cross_entropy's autograd.
// Not a model check: the loss alone, on (N, K) rows.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Models.SoftmaxCrossEntropy;
using Twin = Homework.Torch.Models.SoftmaxCrossEntropy;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>∂L/∂logits of the batch-mean softmax cross-entropy, three ways.</summary>
public sealed class SoftmaxCrossEntropyCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "SoftmaxCrossEntropy";

    /// <inheritdoc />
    public string Source => "002 Q2, 004 Task 1b eq. (13), 003 Q3 eq. (18)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        const long n = 5, k = 4;
        var logits = torch.randn(n, k, ScalarType.Float64);
        var targets = OneHot(n, k);
        var dY = torch.randn([], ScalarType.Float64);

        var (_, cache) = ManualTwin.Forward(Copy(logits, dtype), Copy(targets, dtype));
        var manual = ManualTwin.Backward(Copy(dY, dtype), cache);

        var leaf = Leaf(logits, dtype);
        var autograd = Grad(Twin.forward(leaf, Copy(targets, dtype)), dY, leaf)[0];

        var fd = CentralDifference.Gradient(() => ManualTwin.Forward(logits, targets).loss * dY, logits);
        return [new(Name, "dlogits", manual, autograd, fd)];
    }
}
