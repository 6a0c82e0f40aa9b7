// 000 Q2(b)–(c) as a registered experiment: the validation MSE table equals numpy's pinv/solve on the same files,
// λ = 0 peaks near n = d = 500, and λ = 1000 falls at every n.
using System.Text.RegularExpressions;
using Homework.Experiments;
using Homework.Experiments.Cs229W25;
using Homework.Data.CourseSets;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q2DoubleDescentTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_peaks_near_500_without_regularisation_and_falls_monotonically_at_lambda_1000()
    {
        var (record, html, _) = harness.RunQuick("cs229-w25/q2-double-descent");
        Assert.Contains("Q2(b): validation MSE of the unregularised estimate", html);   // Q2(b)'s λ = 0 curve on its own plot
        Assert.True(record.Succeeded, record.Error);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Matches(new Regex("at n = (450|500|550)"), record.Comparisons[0].Ours);
    }

    [Theory]
    [InlineData(450)]
    [InlineData(500)]
    [InlineData(800)]
    public void Validation_mse_equals_numpy_for_every_lambda(int n)
    {
        var expected = Cs229W25Fixture.Root.GetProperty("q2");
        var j = expected.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()).ToList().IndexOf(n);
        var row = expected.GetProperty("mse")[j].EnumerateArray().Select(e => e.GetDouble()).ToArray();
        using var scope = NewDisposeScope();
        var (X, y) = CourseSets.Load("doubledescent", $"train{n}.csv");
        var (Xv, yv) = CourseSets.Load("doubledescent", "validation.csv");
        var ours = Q2DoubleDescent.ValidationMse(X, y, Xv, yv, Q2DoubleDescent.Lambdas);
        for (var i = 0; i < row.Length; i++)
            Assert.True(Math.Abs(ours[i] - row[i]) <= 1e-8 * Math.Max(1, row[i]), $"n = {n}, λ = {Q2DoubleDescent.Lambdas[i]}: ours {ours[i]}, numpy {row[i]}");
    }

    [Fact]
    public void Monotone_means_never_rising()
    {
        Assert.True(Q2DoubleDescent.Monotone([3, 2, 2, 1]));
        Assert.False(Q2DoubleDescent.Monotone([3, 2, 2.0001, 1]));
    }
}
