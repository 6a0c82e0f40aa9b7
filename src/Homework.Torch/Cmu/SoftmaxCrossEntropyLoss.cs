// CMU 10-417 HW1 (003 Problem 5) SoftmaxCrossEntropyLoss on (classes, batch) columns, via cross_entropy.
// Not hand-differentiated. Twin of Homework.Manual.Cmu.SoftmaxCrossEntropyLoss.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Cmu;

/// <summary>The batch-mean softmax cross-entropy of logits and one-hot labels laid out as (num_classes, batch_size).</summary>
public static class SoftmaxCrossEntropyLoss
{
    /// <summary>The mean loss (0-dim) for <paramref name="logits"/> and one-hot <paramref name="labels"/>, both (K, B).</summary>
    public static torch.Tensor forward(torch.Tensor logits, torch.Tensor labels) =>
        torch.nn.functional.cross_entropy(logits.T, labels.T);
}
