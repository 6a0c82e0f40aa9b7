// CMU 10-417 HW1 (003 Problem 5) SoftmaxCrossEntropyLoss: the mean cross-entropy on (classes, batch) columns.
// Not new math: it transposes to rows and reuses Models.SoftmaxCrossEntropy.
using TorchSharp;
using Homework.Manual.Models;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>
/// The mean over the batch of 003 eq. (16), L = -Σ_i y_i log softmax(o)_i, for logits and one-hot labels laid
/// out as columns (num_classes, batch_size), as the homework template does.
/// </summary>
public static class SoftmaxCrossEntropyLoss
{
    /// <summary>The mean loss (0-dim) for <paramref name="logits"/> and one-hot <paramref name="labels"/>, both (K, B).</summary>
    public static (torch.Tensor loss, SoftmaxCrossEntropy.Cache cache) Forward(torch.Tensor logits, torch.Tensor labels) =>
        SoftmaxCrossEntropy.Forward(logits.T, labels.T);

    // Backward: 003 eq. (18) gives ∇_o L = p - y per column; the batch mean divides by B:
    //   dO = dL · (P - Y) / B          (K, B)   (SoftmaxCrossEntropy.Backward on the transposes)
    /// <summary>∂L/∂logits (K, B) scaled by the upstream <paramref name="dLoss"/> (0-dim).</summary>
    public static torch.Tensor Backward(torch.Tensor dLoss, SoftmaxCrossEntropy.Cache cache) =>
        SoftmaxCrossEntropy.Backward(dLoss, cache).T;
}
