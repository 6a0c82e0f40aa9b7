// Softmax followed by the batch-mean cross-entropy, as PyTorch computes it (autograd differentiates it).
// Not a model: no parameters. The autograd twin of Homework.Manual.Models.SoftmaxCrossEntropy.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>L = -(1/N) Σ_n Σ_k y_nk log softmax(z_n)_k for logits and targets (N, K): nn.functional.cross_entropy.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>The mean loss (0-dim) of <paramref name="logits"/> (N, K) against one-hot or probability <paramref name="targets"/> (N, K).</summary>
    public static torch.Tensor forward(torch.Tensor logits, torch.Tensor targets) =>
        torch.nn.functional.cross_entropy(logits, targets);
}
