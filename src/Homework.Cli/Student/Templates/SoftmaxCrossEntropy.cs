// Your softmax cross-entropy: L = -(1/N) Σ_n Σ_k y_nk log p_nk with p_n = softmax(z_n) (002 Q2, 004 eq. (5),
// 003 eq. (16) averaged over the batch). Rows are examples: logits and targets are (N, K).
// Write Backward, then check it against autograd and central differences:
//     homework check MySoftmaxCrossEntropy.cs
// The check runs float64 at three seeds, each with its own shape (N, K) = (5, 4), (3, 6), (8, 3).
using TorchSharp;
using static TorchSharp.torch;
using SoftmaxCrossEntropy = Homework.Manual.Models.SoftmaxCrossEntropy;

public static class MySoftmaxCrossEntropy
{
    // The mean loss (0-dim) and what Backward needs: the probabilities P (N, K) and the targets Y (N, K).
    public static (Tensor loss, SoftmaxCrossEntropy.Cache cache) Forward(Tensor logits, Tensor targets)
    {
        var n = logits.size(0);
        var logP = logits.log_softmax(1);                     // (N, K)
        var loss = -(targets * logP).sum() / n;               // ()
        return (loss, new SoftmaxCrossEntropy.Cache(logP.exp(), targets));
    }

    // dLoss = dL_total/dL (0-dim); return dL_total/dlogits.
    public static Tensor Backward(Tensor dLoss, SoftmaxCrossEntropy.Cache cache)
    {
        var p = cache.Probabilities;                          // (N, K)
        var y = cache.Targets;                                // (N, K)
        // dlogits = ...                                      // (N, K)
        throw new NotImplementedException("write Backward: dlogits");
    }
}
