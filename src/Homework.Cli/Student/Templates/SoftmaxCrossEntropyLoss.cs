// Your SoftmaxCrossEntropyLoss: CMU 10-417 HW1 (003) Problem 5 §1.2, L = −(1/B) Σ_b Σ_i y_ib log softmax(o_b)_i (eq. (16)
// averaged over the batch), with logits and one-hot labels as columns: both (K, B), as the homework template lays them out.
// Write Backward (003 Q3 eq. (18)), then check it against autograd and central differences:
//     homework check MySoftmaxCrossEntropyLoss.cs
// The check runs float64 at three seeds, each with its own shape (K, B) = (4, 5), (3, 7), (5, 1).
using TorchSharp;
using static TorchSharp.torch;
using SoftmaxCrossEntropy = Homework.Manual.Models.SoftmaxCrossEntropy;

public static class MySoftmaxCrossEntropyLoss
{
    // The mean loss (0-dim) and what Backward needs: the probabilities P (K, B) and the labels Y (K, B), columns.
    public static (Tensor loss, SoftmaxCrossEntropy.Cache cache) Forward(Tensor logits, Tensor labels)
    {
        var b = logits.size(1);
        var logP = logits.log_softmax(0);                     // (K, B): softmax down each column
        var loss = -(labels * logP).sum() / b;                // ()
        return (loss, new SoftmaxCrossEntropy.Cache(logP.exp(), labels));
    }

    // dLoss = dL_total/dL (0-dim); return dL_total/dlogits (K, B).
    public static Tensor Backward(Tensor dLoss, SoftmaxCrossEntropy.Cache cache)
    {
        var p = cache.Probabilities;                          // (K, B)
        var y = cache.Targets;                                // (K, B)
        // dlogits = ...                                      // (K, B)
        throw new NotImplementedException("write Backward: dlogits");
    }
}
