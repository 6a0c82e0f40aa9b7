// CS229 F2020 PS2 Q2(b)–(c): the multinomial-event-model naive Bayes with Laplace smoothing, in log space, and the
// "most indicative tokens" score. Not the text processing (Homework.Data.SpamText) and not trained by gradients,
// so it has no autograd twin.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Spam;

/// <summary>
/// Multinomial naive Bayes over word counts x (N, V), labels y ∈ {0 (ham), 1 (spam)}:
/// φ_{k|y=c} = (1 + Σ_{i: y_i = c} x_ik) / (V + Σ_{i: y_i = c} Σ_k x_ik), φ_y = mean(y), and the prediction
/// argmax_c [log φ_c + Σ_k x_k log φ_{k|c}]. Kept as logarithms throughout: p(x|y) = Π_k φ_{k|y}^{x_k}
/// underflows to 0 for a message of a few hundred words (Q2(b)'s remark).
/// </summary>
public sealed class NaiveBayes : IDisposable
{
    private NaiveBayes(torch.Tensor logPhi, torch.Tensor logPrior)
    {
        LogPhi = logPhi;
        LogPrior = logPrior;
    }

    /// <summary>log φ_{k|y=c} (2, V), float64: row 0 ham, row 1 spam.</summary>
    public torch.Tensor LogPhi { get; }

    /// <summary>log φ_y (2), float64: log p(y = 0), log p(y = 1).</summary>
    public torch.Tensor LogPrior { get; }

    /// <summary>Fits counts <paramref name="x"/> (N, V) against int64 0/1 labels <paramref name="y"/> (N), Laplace-smoothed.</summary>
    public static NaiveBayes Fit(torch.Tensor x, torch.Tensor y)
    {
        if (x.ndim != 2) throw new ArgumentException($"x must be (N, V) word counts; got {x.ShapeText()}", nameof(x));
        if (!y.shape.SequenceEqual([x.size(0)])) throw new ArgumentException($"y must be ({x.size(0)}), one 0/1 label per row of x; got {y.ShapeText()}", nameof(y));
        using var scope = torch.NewDisposeScope();
        var spam = y.to(x.dtype);
        var onehot = torch.stack([1 - spam, spam], 1);                                // (N, 2)
        var tokens = onehot.T.matmul(x).to(ScalarType.Float64);                      // (2, V): Σ_{i: y_i = c} x_ik, exact in float32 up to 2^24
        var logPhi = (tokens + 1).log() - (tokens.sum(1, keepdim: true) + x.size(1)).log();   // (2, V)
        var logPrior = onehot.to(ScalarType.Float64).mean([0]).log();                  // (2)
        return new NaiveBayes(scope.MoveToOuter(logPhi), scope.MoveToOuter(logPrior));
    }

    /// <summary>log p(x, y = c) up to the multinomial coefficient (N, 2) for counts <paramref name="x"/> (N, V), float64.</summary>
    public torch.Tensor LogJoint(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(x.to(ScalarType.Float64).matmul(LogPhi.T) + LogPrior);
    }

    /// <summary>Predicted labels (N), int64: 1 where log p(x, spam) &gt; log p(x, ham).</summary>
    public torch.Tensor Predict(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(LogJoint(x).argmax(1));
    }

    /// <summary>Q2(c)'s score of every token (V): log p(token | spam) / p(token | ham) = log φ_{k|1} − log φ_{k|0}.</summary>
    public torch.Tensor Indicativeness()
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(LogPhi[1] - LogPhi[0]);
    }

    /// <summary>The <paramref name="count"/> tokens with the largest <see cref="Indicativeness"/>, best first (ties: lower column first).</summary>
    public IReadOnlyList<(int Column, double Score)> MostIndicative(int count)
    {
        using var scores = Indicativeness();
        return scores.data<double>().Select((s, k) => (Column: k, Score: s))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Column).Take(count).ToArray();
    }

    /// <summary>Frees the parameters.</summary>
    public void Dispose()
    {
        LogPhi.Dispose();
        LogPrior.Dispose();
    }
}
