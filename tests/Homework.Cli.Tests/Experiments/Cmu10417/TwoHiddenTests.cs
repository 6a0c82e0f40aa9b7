// 2.2 from its --quick run: the two-layer settings and 2.1's one-layer settings all train, and the page answers
// "did two layers perform better?" from a table of both.
using Homework.Cli.Experiments;

namespace Homework.Cli.Tests.Experiments.Cmu10417;

public sealed class TwoHiddenTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_compares_two_layers_with_one()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/2.2-two-hidden");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(4, record.Numbers.Count(n => n.Name.StartsWith("final test accuracy, (", StringComparison.Ordinal)));
        Assert.Contains(record.Numbers, n => n.Name == "final test accuracy, (d) (150/150, 0.4, 0.2, 0.001)");
        Assert.Equal(4, record.Comparisons.Count);
        Assert.Contains("two hidden layers against one", html);
        Assert.Contains("did two layers perform better?", html, StringComparison.OrdinalIgnoreCase);
    }
}
