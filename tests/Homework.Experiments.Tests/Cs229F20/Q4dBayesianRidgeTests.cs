// cs229-f20/q4d-bayesian-ridge --quick: λ_opt near the best λ at every n, the λ = 0 peak near n = d = 500, no double
// descent for λ ≥ λ_opt, and the Laplace MAP = L1 fit with γ = 2σ²/b (Q4(e)).
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229F20;

public sealed class Q4dBayesianRidgeTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_shows_the_peak_at_d_for_lambda_0_and_none_from_lambda_opt_up()
    {
        var (record, html, _) = harness.RunQuick("cs229-f20/q4d-bayesian-ridge");
        Assert.True(record.Succeeded, record.Error);
        Comparison C(string prefix) => record.Comparisons.Single(c => c.Quantity.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains("at n = 500", C("double descent for λ = 0").Ours);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Contains(new NamedNumber("λ_opt = 1/(2η²), η = 1/√d (Q4(b))", "250"), record.Numbers);
        // γ = 2σ²/b with σ = 0.5, b = η/√2 = 1/√1000: 0.5·√1000.
        Assert.Contains(new NamedNumber("Q4(e) γ = 2σ²/b with b = η/√2 (the Gaussian prior's variance)", (0.5 * Math.Sqrt(1000)).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)), record.Numbers);
        Assert.Contains("Validation MSE against training set size", html);
    }
}
