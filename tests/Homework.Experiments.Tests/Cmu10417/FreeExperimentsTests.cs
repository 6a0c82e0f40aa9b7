// 2.4 from its --quick run: three experiments around one baseline, each with its two figures and a conclusion.
namespace Homework.Experiments.Tests.Cmu10417;

public sealed class FreeExperimentsTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_has_three_experiments_with_figures_and_conclusions()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/2.4-free");
        Assert.True(record.Succeeded, record.Error);
        foreach (var title in new[] { "momentum", "dropout", "width" })
        {
            Assert.Contains($"2.4 {title}: loss per epoch", html);
            Assert.Contains($"2.4 {title}: accuracy per epoch", html);
            Assert.Contains($"2.4 {title}: what we expected and what happened", html);
        }
        // Seven runs: the baseline and two variants per experiment.
        Assert.Equal(7, record.Numbers.Count(n => n.Name.StartsWith("final test accuracy", StringComparison.Ordinal)));
    }
}
