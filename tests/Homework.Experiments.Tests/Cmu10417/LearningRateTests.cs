// 2.3 from its --quick run: the smallest learning rate is the slowest (a robust claim even after a few epochs).
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cmu10417;

public sealed class LearningRateTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_finds_the_smallest_rate_slowest()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/2.3-learning-rate");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(Verdict.Agrees, record.Comparisons.Single(c => c.Quantity.StartsWith("lr 0.0001", StringComparison.Ordinal)).Verdict);
        Assert.Contains("2.3: loss per epoch", html);
    }
}
