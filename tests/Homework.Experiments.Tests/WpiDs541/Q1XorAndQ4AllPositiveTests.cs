// WPI DS541 HW2 Q1 and Q4, --quick. Q1: the XOR fit is w = 0, b = 0.5 (the homework's numbers) by the normal equations
// and by gradient descent with either twin. Q4: with every example positive the loss falls towards 0, b keeps rising,
// w settles in case i at the limit −ln 2 / 6 per coordinate (from the math) and keeps growing in case ii.
using System.Globalization;
using Homework.Experiments;
using Homework.Experiments.WpiDs541;
using Homework.Training.Pairs;

namespace Homework.Experiments.Tests.WpiDs541;

public sealed class Q1XorAndQ4AllPositiveTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData(Impl.Manual)]
    [InlineData(Impl.Autograd)]
    public void Q1_the_least_squares_fit_of_xor_is_flat(Impl impl)
    {
        var (record, html, _) = harness.RunQuick("wpi-ds541/q1-xor", ("--impl", impl));
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(6, record.Comparisons.Count);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Equal(["0", "0", "0.5"], record.Comparisons.Take(3).Select(c => c.Homework));
        Assert.Equal("0.250000", record.Numbers.Single(n => n.Name.StartsWith("f_MSE", StringComparison.Ordinal)).Value);
        Assert.Contains("Predictions of the fitted line", html);
    }

    [Fact]
    public void Q4_case_i_converges_to_the_derived_limit_and_case_ii_keeps_growing()
    {
        var converging = Q4AllPositive.Simulate(Impl.Manual, Q4AllPositive.Converging, decades: 4, lr: 1.0);
        var diverging = Q4AllPositive.Simulate(Impl.Autograd, Q4AllPositive.Diverging, decades: 4, lr: 1.0);
        // Case i: w → (−ln 2 / 6)(1, 1), derived in the experiment's answer from the balance e^{−3 w·x} = 2.
        Assert.Equal(-Math.Log(2) / 6, converging[^1].w1, 0.003);
        Assert.Equal(converging[^1].w1, converging[^1].w2, 1e-12);
        // Case ii: w·(1, 1) rises by about the same amount every decade (log-growth), as does b in both cases.
        double Rise(List<(double step, double loss, double b, double w1, double w2)> rows, int decadesBack, Func<(double step, double loss, double b, double w1, double w2), double> f) =>
            f(rows[^(1 + 4 * (decadesBack - 1))]) - f(rows[^(1 + 4 * decadesBack)]);
        Assert.InRange(Rise(diverging, 1, r => r.w1 + r.w2) / Rise(diverging, 2, r => r.w1 + r.w2), 0.8, 1.2);
        Assert.InRange(Rise(converging, 1, r => r.b) / Rise(converging, 2, r => r.b), 0.8, 1.2);
        Assert.True(converging[^1].loss < 1e-3 && diverging[^1].loss < 1e-3);
    }

    [Fact]
    public void Q4_quick_page_answers_from_the_numbers()
    {
        var (record, _, _) = harness.RunQuick("wpi-ds541/q4-all-positive");
        Assert.True(record.Succeeded, record.Error);
        Assert.Contains(record.Comparisons, c => c.Quantity.StartsWith("(a)", StringComparison.Ordinal) && c.Verdict == Verdict.Agrees);
        Assert.Equal(double.Parse(record.Comparisons.Single(c => c.Quantity.Contains("w₁")).Homework, CultureInfo.InvariantCulture), -Math.Log(2) / 6, 1e-4);
    }
}
