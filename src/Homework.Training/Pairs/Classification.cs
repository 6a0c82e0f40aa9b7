// How every classifier twin scores a batch for the evaluator: summed softmax cross entropy of its logits and the
// count of rows whose largest logit is the label; for a binary classifier, the summed log loss of its one logit and
// the count with ŷ ≥ 0.5 ⇔ logit ≥ 0 matching the label. One definition, so every accuracy means the same.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Pairs;

/// <summary>Scores of class logits against int64 labels.</summary>
public static class Classification
{
    /// <summary>Σ cross entropy and the number correct, of <paramref name="logits"/> (B, k) against <paramref name="labels"/> (B).</summary>
    public static Score Score(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var loss = torch.nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).ToDouble(); // any float dtype
        var correct = logits.argmax(1).eq(labels).sum().item<long>();
        return new Score(loss, correct);
    }

    /// <summary>
    /// Σ log loss and the number correct of binary <paramref name="logits"/> z (B) against 0/1 int64 <paramref name="labels"/> (B):
    /// the prediction is 1 when ŷ = σ(z) ≥ 0.5 (004 Task 2c's rule), i.e. z ≥ 0.
    /// </summary>
    public static Score BinaryScore(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels.to(logits.dtype), reduction: nn.Reduction.Sum).ToDouble();
        var correct = logits.ge(0).to(ScalarType.Int64).eq(labels).sum().item<long>();
        return new Score(loss, correct);
    }
}
