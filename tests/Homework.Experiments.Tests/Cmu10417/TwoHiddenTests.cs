// 2.2 from its --quick run: the two-layer settings and 2.1's one-layer settings all train (or, after 2.1 in the same
// process, are reused), and the page answers "did two layers perform better?" from a table of both.
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cmu10417;

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

    [Fact]
    public void After_2_1_in_the_same_process_its_four_settings_are_not_trained_again()
    {
        var (one, _, _) = harness.RunQuick("cmu-10417/2.1-one-hidden");
        var (two, html, output) = harness.RunQuick("cmu-10417/2.2-two-hidden");
        Assert.True(one.Succeeded, one.Error);
        Assert.True(two.Succeeded, two.Error);
        // At least 2.1's four manual runs; other tests of this process may have trained 2.2's own settings already.
        Assert.InRange(output.Split("its history is reused").Length - 1, 4, 8);
        // The reused runs are 2.1's: its final test accuracies are the one-layer column of 2.2's table.
        foreach (var n in one.Numbers.Where(n => n.Name.StartsWith("final test accuracy, (", StringComparison.Ordinal) && !n.Name.EndsWith("autograd", StringComparison.Ordinal)))
            Assert.Contains(n.Value, html);
    }
}
