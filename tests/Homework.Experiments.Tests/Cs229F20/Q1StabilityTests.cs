// cs229-f20/q1-stability --quick: A converges and B does not (Q1(a)), B is separable and its θ grows along a settling
// direction (Q1(b)), and each modification i–v ends as the expected answer says (Q1(c)).
using Homework.Reports;
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229F20;

public sealed class Q1StabilityTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_A_converges_B_does_not_and_modifications_match_the_expected_answers()
    {
        var (record, html, output) = harness.RunQuick("cs229-f20/q1-stability");
        Assert.True(record.Succeeded, record.Error);
        Comparison C(string prefix) => record.Comparisons.Single(c => c.Quantity.StartsWith(prefix, StringComparison.Ordinal));
        Assert.StartsWith("converged in", C("Q1(a) A converges").Ours);
        Assert.StartsWith("not converged", C("Q1(a) B does not converge").Ours);
        Assert.Contains("A: not separable; B: separable", C("Q1(b) B is linearly separable").Ours);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Equal(5, record.Comparisons.Count(c => c.Quantity.StartsWith("Q1(c)", StringComparison.Ordinal)));
        Assert.Contains("yes, ‖Δθ‖ < 1e-15", C("Q1(c) iv.").Ours);
        Assert.Contains("not separable", C("Q1(c) v.").Ours);
        Assert.Contains("Direction of \\u03B8 on B", html); // the figure title, θ escaped in the page's JSON
        Assert.Contains("B: not converged in 2,500 steps", output);
        // Its log axes tick 1e-4, not SI prefixes (100µ, 10n, 10f).
        var logAxes = record.Blocks.OfType<FigureBlock>().Select(b => b.Figure).OfType<LineFigure>().Where(f => f.LogY).ToList();
        Assert.NotEmpty(logAxes);
        Assert.All(logAxes, f => Assert.Equal("e", (string?)f.ToPlotly()["layout"]!["yaxis"]!["exponentformat"]));
    }
}
