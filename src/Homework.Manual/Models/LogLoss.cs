// The binary cross-entropy (log) loss of logits, with its hand-derived gradient: the loss of LogisticRegression.
// Not a model: no parameters. Takes logits z, not probabilities, so that exp never overflows.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// C = r Σ_n C^n with C^n = -(y^n ln ŷ^n + (1 - y^n) ln(1 - ŷ^n)), ŷ = σ(z), r = 1/N (mean: 004 eq. (3), 002 Q4) or
/// 1 (sum: 001 Q1). Logits z and labels y (0 or 1, the logits' dtype) are (N).
/// </summary>
public static class LogLoss
{
    /// <summary>What the backward pass needs: ŷ (N), y (N) and r.</summary>
    public readonly record struct Cache(torch.Tensor Prediction, torch.Tensor Targets, nn.Reduction Reduction);

    /// <summary>The reduced loss (0-dim) of <paramref name="logits"/> (N) against 0/1 <paramref name="targets"/> (N).</summary>
    public static (torch.Tensor loss, Cache cache) Forward(torch.Tensor logits, torch.Tensor targets, nn.Reduction reduction = nn.Reduction.Mean)
    {
        if (reduction == nn.Reduction.None) throw new ArgumentException("the loss must be reduced: use nn.Reduction.Mean (004, 002) or nn.Reduction.Sum (001)", nameof(reduction));
        if (logits.ndim != 1 || !targets.shape.SequenceEqual(logits.shape))
            throw new ArgumentException($"targets must be ({logits.size(0)}), one 0/1 label per logit; got logits {logits.ShapeText()} and targets {targets.ShapeText()}", nameof(targets));
        // C^n = log(1 + e^z) - y z, written so that exp never overflows: max(z, 0) + log1p(e^-|z|) - y z.
        var perExample = logits.clamp(min: 0) + (-logits.abs()).exp().log1p() - targets * logits;            // (N)
        var loss = reduction == nn.Reduction.Mean ? perExample.mean() : perExample.sum();
        return (loss, new Cache(logits.sigmoid(), targets, reduction));
    }

    // Backward of C = r Σ_n C^n, ŷ = σ(z)  (004 eqs. (9)-(12)):
    //   ∂C^n/∂z^n = -(y/ŷ - (1-y)/(1-ŷ)) ŷ(1-ŷ) = ŷ^n - y^n
    //   dz = dC · r (ŷ - y)                                       (N)
    /// <summary>∂C/∂z (N) scaled by the upstream <paramref name="dLoss"/> (0-dim).</summary>
    public static torch.Tensor Backward(torch.Tensor dLoss, Cache cache)
    {
        var scale = cache.Reduction == nn.Reduction.Mean ? dLoss / cache.Targets.size(0) : dLoss;
        return (cache.Prediction - cache.Targets) * scale;                                                   // (N)
    }
}
