// 000 Q1(g) as a registered experiment: SGD with batch 1 ends with a lower validation error than GD at α = 0.1 for
// every seed, and batch 40 (the whole set) is GD again.
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q1gQpSgdTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_finds_sgd_batch_1_below_gd_and_batch_40_equal_to_gd()
    {
        var (record, html, _) = harness.RunQuick("cs229-w25/q1g-qp-sgd");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(Verdict.Agrees, Assert.Single(record.Comparisons).Verdict);
        var gd = Cs229W25Fixture.Number(record, "final validation error, GD (α = 0.1)");
        var batch1 = Cs229W25Fixture.Number(record, "final validation error, batch 1, mean of 2 seed(s)");
        Assert.True(batch1 < 0.9 * gd, $"batch 1 {batch1} should validate clearly better than GD {gd}");
        Assert.True(Cs229W25Fixture.Number(record, "largest |batch 40 − GD| final validation error") < 1e-8);
        Assert.Contains("batch 5, seed 1", html);
    }
}
