// Multinomial naive Bayes against a 3-message example computed by hand, the log-space prediction where the product
// of probabilities underflows, and Q2(c)'s indicative-token score.
using TorchSharp;
using static TorchSharp.torch;
using Homework.Manual.Spam;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Spam;

public class NaiveBayesTests
{
    // Words (a, b, c). Message 1 is spam with counts (2, 0, 1); messages 2 and 3 are ham with (0, 1, 0) and (1, 1, 0).
    // Spam: 3 tokens, φ_spam = ((1+2)/(3+3), (1+0)/6, (1+1)/6) = (1/2, 1/6, 1/3).
    // Ham:  3 tokens, φ_ham  = ((1+1)/6, (1+2)/6, (1+0)/6) = (1/3, 1/2, 1/6). Priors: p(ham) = 2/3, p(spam) = 1/3.
    private static NaiveBayes Fit() =>
        NaiveBayes.Fit(torch.tensor(new float[,] { { 2, 0, 1 }, { 0, 1, 0 }, { 1, 1, 0 } }), torch.tensor(new long[] { 1, 0, 0 }));

    [Fact]
    public void Laplace_smoothed_log_probabilities_match_the_hand_computation()
    {
        using var scope = torch.NewDisposeScope();
        var model = Fit();
        TensorAssert.Close("log phi", model.LogPhi.data<double>().ToArray(),
            [Math.Log(1.0 / 3), Math.Log(1.0 / 2), Math.Log(1.0 / 6), Math.Log(1.0 / 2), Math.Log(1.0 / 6), Math.Log(1.0 / 3)], Tolerance.Float64);
        TensorAssert.Close("log prior", model.LogPrior.data<double>().ToArray(), [Math.Log(2.0 / 3), Math.Log(1.0 / 3)], Tolerance.Float64);
    }

    [Fact]
    public void Prediction_compares_log_joints()
    {
        using var scope = torch.NewDisposeScope();
        var model = Fit();
        // x = (1, 0, 1): ham ln(2/3 · 1/3 · 1/6) = ln(1/27), spam ln(1/3 · 1/2 · 1/3) = ln(1/18): spam.
        // x = (0, 2, 0): ham ln(2/3 · 1/4) = ln(1/6), spam ln(1/3 · 1/36) = ln(1/108): ham.
        var x = torch.tensor(new float[,] { { 1, 0, 1 }, { 0, 2, 0 } });
        TensorAssert.Close("log joint", model.LogJoint(x).data<double>().ToArray(), [Math.Log(1.0 / 27), Math.Log(1.0 / 18), Math.Log(1.0 / 6), Math.Log(1.0 / 108)], Tolerance.Float64);
        Assert.Equal([1L, 0L], model.Predict(x).data<long>().ToArray());
    }

    [Fact]
    public void Long_messages_whose_probability_underflows_are_still_classified()
    {
        using var scope = torch.NewDisposeScope();
        var model = Fit();
        // 1,500 tokens: p(x | y) ≤ (1/2)^1500 ≈ 1e-452, below the smallest float64; the log joint is about −1,600.
        var x = torch.tensor(new float[,] { { 1000, 0, 500 }, { 0, 1500, 0 } });
        var logJoint = model.LogJoint(x).data<double>().ToArray();
        Assert.All(logJoint, v => Assert.True(double.IsFinite(v) && v < -700 && Math.Exp(v) == 0, $"{v}"));
        Assert.Equal([1L, 0L], model.Predict(x).data<long>().ToArray());
    }

    [Fact]
    public void Most_indicative_tokens_rank_log_phi_spam_over_phi_ham()
    {
        using var scope = torch.NewDisposeScope();
        var model = Fit();
        // log(φ_spam / φ_ham) = (ln 3/2, ln 1/3, ln 2): c, then a, then b.
        var top = model.MostIndicative(3);
        Assert.Equal([2, 0, 1], top.Select(t => t.Column));
        TensorAssert.Close("scores", top.Select(t => t.Score).ToArray(), [Math.Log(2), Math.Log(1.5), Math.Log(1.0 / 3)], Tolerance.Float64);
        Assert.Equal(2, model.MostIndicative(2).Count);
    }
}
