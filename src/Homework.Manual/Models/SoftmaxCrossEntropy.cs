// Softmax followed by the batch-mean cross-entropy, with its hand-derived gradient.
// Not a model: no parameters. SoftmaxRegression and the CMU SoftmaxCrossEntropyLoss build on it.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// L = -(1/N) Σ_n Σ_k y_nk log p_nk with p_n = softmax(z_n): 002 Q2's f_CE, 004 eq. (5), and 003 eq. (16)
/// averaged over the batch. Rows are examples: logits and targets are (N, K).
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>What the backward pass needs: the probabilities P (N, K) and the targets Y (N, K).</summary>
    public readonly record struct Cache(torch.Tensor Probabilities, torch.Tensor Targets);

    /// <summary>
    /// The mean cross-entropy of <paramref name="logits"/> (N, K) against <paramref name="targets"/> (N, K),
    /// one-hot rows or probability rows that sum to 1. Returns a 0-dim loss.
    /// </summary>
    public static (torch.Tensor loss, Cache cache) Forward(torch.Tensor logits, torch.Tensor targets)
    {
        if (logits.ndim != 2 || !logits.shape.SequenceEqual(targets.shape))
            throw new ArgumentException(
                $"logits are {logits.ShapeText()} and targets {targets.ShapeText()}; " +
                "both must be (N, K): one-hot encode class indices with torch.nn.functional.one_hot(labels, K) and convert to the logits' dtype",
                nameof(targets));
        var n = logits.size(0);
        // log p = z - logsumexp(z): exp never overflows, unlike dividing exponentials.
        var logP = logits.log_softmax(1);                         // (N, K)
        var loss = -(targets * logP).sum() / n;                   // ()
        return (loss, new Cache(logP.exp(), targets));
    }

    // Backward of L = -(1/N) Σ_n Σ_k y_nk log p_nk, p_nk = exp z_nk / Σ_k' exp z_nk'  (002 Q2, 004 eqs. (14)-(21), 003 eq. (18)).
    //   term 1: ∂ log p_nk / ∂z_nj = δ_kj - p_nj                                  (softmax Jacobian through the log)
    //   term 2: ∂(-Σ_k y_nk log p_nk)/∂z_nj = -y_nj + p_nj Σ_k y_nk = p_nj - y_nj  (targets sum to 1)
    //   term 3: the mean's 1/N and the upstream scalar dL scale every row:
    //   dZ = dL · (P - Y) / N                                                      (N, K)
    /// <summary>∂L/∂logits (N, K), scaled by the upstream gradient <paramref name="dLoss"/> (0-dim).</summary>
    public static torch.Tensor Backward(torch.Tensor dLoss, Cache cache) =>
        (cache.Probabilities - cache.Targets) * (dLoss / cache.Targets.size(0));
}
