// How every classifier twin scores a batch for the evaluator: summed softmax cross entropy of its logits and the
// count of rows whose largest logit is the label. One definition, so every accuracy in the reports means the same.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Twins;

/// <summary>Scores of class logits against int64 labels.</summary>
public static class Classification
{
    /// <summary>Σ cross entropy and the number correct, of <paramref name="logits"/> (B, k) against <paramref name="labels"/> (B).</summary>
    public static Score Score(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var loss = torch.nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<double>();
        var correct = logits.argmax(1).eq(labels).sum().item<long>();
        return new Score(loss, correct);
    }
}
