// The softmax cross-entropy head shared by the CS229 classifiers (SigmoidMlp, Cnn): loss, its gradient (eq. 11), accuracy.
// Not a model of its own; no autograd.
using Homework.LibTorch;

namespace Homework.Manual.Models;

/// <summary>ℓ_CE(t, y) = −log softmax(t)_y averaged over a batch, and its hand-derived gradient.</summary>
internal static class SoftmaxHead
{
    /// <summary>(1/B) Σ_k ℓ_CE(logits_k, labels_k) for logits (B, k) and int64 labels (B); a 0-dim tensor.</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels)
    {
        CheckLabels(logits, labels);
        using var scope = torch.NewDisposeScope();
        // −log(exp(t_y) / Σ_s exp(t_s)) = logsumexp(t) − t_y, which never exponentiates a large logit.
        var picked = logits.gather(1, labels.unsqueeze(1)).squeeze(1); // (B)
        return scope.MoveToOuter((logits.logsumexp(1) - picked).mean());
    }

    // d/dt ℓ_CE(t, y) = softmax(t) − e_y (eq. 10), and the batch mean divides each row by B:
    //   dJ/dlogits = (softmax(logits) − onehot(labels)) / B   (B, k)
    /// <summary>d Loss / d logits, (B, k).</summary>
    public static torch.Tensor Gradient(torch.Tensor logits, torch.Tensor labels)
    {
        CheckLabels(logits, labels);
        using var scope = torch.NewDisposeScope();
        var onehot = torch.one_hot(labels, logits.size(1)).to(logits.dtype); // (B, k)
        return scope.MoveToOuter((logits.softmax(1) - onehot) / (double)logits.size(0));
    }

    /// <summary>The fraction of rows whose largest logit is the label.</summary>
    public static double Accuracy(torch.Tensor logits, torch.Tensor labels)
    {
        CheckLabels(logits, labels);
        using var scope = torch.NewDisposeScope();
        return logits.argmax(1).eq(labels).to(ScalarType.Float64).mean().item<double>();
    }

    private static void CheckLabels(torch.Tensor logits, torch.Tensor labels)
    {
        if (logits.ndim != 2 || labels.ndim != 1 || labels.size(0) != logits.size(0))
            throw new ArgumentException($"logits must be (B, k) and labels (B); got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", labels.shape)}]");
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 class indices 0..k-1; got {labels.dtype.TorchName()} (convert with .to(torch.int64))", nameof(labels));
    }
}
