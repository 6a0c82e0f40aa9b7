// How every classifier is scored: for a pair, summed softmax cross entropy of its logits and the count of rows whose
// largest logit is the label, or for a binary classifier the summed log loss of its one logit and the count with
// ŷ ≥ 0.5 ⇔ logit ≥ 0 matching the label; for the models that predict labels outright (kernel perceptron, step
// neurons, naive Bayes), the fraction of predictions equal to the labels. One definition, so every accuracy means the same.
using Homework.Common;
using Homework.Data;
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
        return new Score(loss, Correct(logits.argmax(1), labels));
    }

    /// <summary>Σ cross entropy and the number correct of <paramref name="logits"/> (B, k) against <paramref name="batch"/>'s labels: a pair's scoring.</summary>
    public static Score Score(torch.Tensor logits, Examples batch) => Score(logits, batch.Labels);

    /// <summary>Σ log loss and the number correct of one logit per row (B) against <paramref name="batch"/>'s 0/1 labels: a pair's scoring.</summary>
    public static Score BinaryScore(torch.Tensor logits, Examples batch) => BinaryScore(logits, batch.Labels);

    /// <summary>
    /// Σ log loss and the number correct of binary <paramref name="logits"/> z (B) against 0/1 int64 <paramref name="labels"/> (B):
    /// the prediction is 1 when ŷ = σ(z) ≥ 0.5 (004 Task 2c's rule), i.e. z ≥ 0.
    /// </summary>
    public static Score BinaryScore(torch.Tensor logits, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels.to(logits.dtype), reduction: nn.Reduction.Sum).ToDouble();
        return new Score(loss, Correct(logits.ge(0), labels));
    }

    /// <summary>The fraction of <paramref name="predicted"/> labels (N) equal to <paramref name="labels"/> (N), of any dtypes (0/1 doubles against int64 labels alike).</summary>
    public static double Accuracy(torch.Tensor predicted, torch.Tensor labels) => Correct(predicted, labels) / (double)labels.shape[0];

    // How many predictions equal their labels, compared as float64 so that any label dtypes compare.
    private static long Correct(torch.Tensor predicted, torch.Tensor labels)
    {
        if (!predicted.shape.SequenceEqual(labels.shape))
            throw new ArgumentException($"predictions {predicted.ShapeText()} and labels {labels.ShapeText()} must have one shape");
        using var scope = torch.NewDisposeScope();
        return predicted.to(ScalarType.Float64).eq(labels.to(ScalarType.Float64)).sum().item<long>();
    }
}
