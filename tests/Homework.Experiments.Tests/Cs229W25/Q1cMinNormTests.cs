// 000 Q1(c) as a registered experiment: ρ's norm and validation error equal numpy's, every solution fits exactly,
// ‖β‖² = ‖ρ‖² + ‖ζ‖², and ρ validates best.
using Homework.Experiments;
using Homework.Experiments.Cs229W25;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q1cMinNormTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_agrees_with_numpy_and_with_each_claim()
    {
        var (record, html, _) = harness.RunQuick("cs229-w25/q1c-min-norm", ("--others", 5));
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(3, record.Comparisons.Count);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        var expected = Cs229W25Fixture.Root.GetProperty("q1c");
        Assert.Equal(expected.GetProperty("rho_norm").GetDouble(), Cs229W25Fixture.Number(record, "‖ρ‖₂"), 1e-4);
        Assert.Equal(expected.GetProperty("rho_validation_error").GetDouble(), Cs229W25Fixture.Number(record, "validation error of ρ"), 1e-4);
        Assert.Contains("ρ + ζ_5", html);
    }

    [Fact]
    public void Solutions_grow_in_norm_fit_exactly_and_split_their_norm_as_Q1b_says()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var X = randn(10, 30, float64);
        var y = randn(10, float64);
        var Xv = randn(50, 30, float64);
        var yv = randn(50, float64);
        var all = Q1cMinNorm.Solutions(X, y, Xv, yv, 4, seed: 9);
        Assert.Equal(5, all.Count);
        // ‖ζ_k‖ = 2^(k−2)‖ρ‖ and, by Q1(b), ‖β_k‖ = sqrt(1 + 4^(k−2))‖ρ‖.
        for (var k = 1; k <= 4; k++)
        {
            Assert.Equal(Math.Pow(2, k - 2) * all[0].Norm, all[k].ZetaNorm, 1e-9);
            Assert.Equal(Math.Sqrt(1 + Math.Pow(4, k - 2)) * all[0].Norm, all[k].Norm, 1e-9);
        }
        Assert.All(all, s => Assert.True(s.TrainCost < Q1cMinNorm.ZeroCost, $"{s.Label}: J = {s.TrainCost}"));
        Assert.All(all, s => Assert.True(s.NullSpaceResidual < 1e-12, $"{s.Label}: |Xζ| = {s.NullSpaceResidual}"));
    }
}
