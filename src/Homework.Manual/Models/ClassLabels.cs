// Class-index labels for the CS229 classifiers (SigmoidMlp, Cnn): validation, one-hot rows for SoftmaxCrossEntropy, accuracy.
// Not a loss: the cross entropy and its gradient are SoftmaxCrossEntropy's.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>int64 labels (B) against logits (B, k).</summary>
public static class ClassLabels
{
    /// <summary>e_y for every label, as rows (B, k) in the logits' dtype (the targets SoftmaxCrossEntropy takes).</summary>
    public static torch.Tensor OneHot(torch.Tensor logits, torch.Tensor labels)
    {
        Check(logits, labels);
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(torch.nn.functional.one_hot(labels, logits.size(1)).to(logits.dtype));
    }

    /// <summary>The mean cross entropy (B, k) against labels (B); a 0-dim tensor.</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(SoftmaxCrossEntropy.Forward(logits, OneHot(logits, labels)).loss);
    }

    /// <summary>dLoss/dlogits = (softmax(logits) − e_y) / B, 000 eq. (11) averaged over the batch; (B, k).</summary>
    public static torch.Tensor LossGradient(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        // Only the backward's cache is needed, not the loss: the probabilities straight from softmax.
        var cache = new SoftmaxCrossEntropy.Cache(logits.softmax(1), OneHot(logits, labels));
        return scope.MoveToOuter(SoftmaxCrossEntropy.Backward(torch.tensor(1.0, logits.dtype), cache));
    }

    private static void Check(torch.Tensor logits, torch.Tensor labels)
    {
        if (logits.ndim != 2 || labels.ndim != 1 || labels.size(0) != logits.size(0))
            throw new ArgumentException($"logits must be (B, k) and labels (B); got {logits.ShapeText()} and {labels.ShapeText()}");
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 class indices 0..k-1; got {labels.dtype} (convert with .to(torch.int64))", nameof(labels));
    }
}
