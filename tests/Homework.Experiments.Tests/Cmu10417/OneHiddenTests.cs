// 2.1 from its --quick run: momentum lowers the training loss at the same epoch, the manual and autograd twins of
// setting (c) agree to float32 rounding, the page carries both figures and the accuracy table; and the homework's
// own Omniglot file, when absent, is asked for in one line.
using System.Globalization;
using Homework.Experiments;
using Homework.Experiments.Cmu10417;

namespace Homework.Experiments.Tests.Cmu10417;

public sealed class OneHiddenTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static double Number(RunRecord record, string name) =>
        double.Parse(record.Numbers.Single(n => n.Name == name).Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Quick_run_shows_momentum_faster_and_the_twins_agreeing()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/2.1-one-hidden");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(Verdict.Agrees, record.Comparisons.Single(c => c.Quantity.StartsWith("momentum: steeper", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Agrees, record.Comparisons.Single(c => c.Quantity.StartsWith("manual twin = autograd twin", StringComparison.Ordinal)).Verdict);
        Assert.InRange(Number(record, "largest manual − autograd loss gap, setting (c)"), 0, 1e-5);
        Assert.InRange(Number(record, "largest manual − autograd accuracy gap, setting (c)"), 0, 0.005);
        foreach (var name in new[] { "(a) (60, 0, 0, 0.001)", "(d) (150, 0.4, 0.2, 0.001)" })
            Assert.InRange(Number(record, $"final test accuracy, {name}"), 0.05, 1);
        Assert.Contains("2.1: loss per epoch", html);
        Assert.Contains("2.1: accuracy per epoch", html);
        Assert.Contains("final test accuracy after 4 epochs", html);
        Assert.Contains("Fashion-MNIST stand-in for Omniglot: 500 training and 200 test images", html);
    }

    [Fact]
    public void Omniglot_data_without_the_file_fails_with_where_to_put_it()
    {
        var e = Assert.Throws<ExperimentFailedException>(() => harness.RunQuick("cmu-10417/2.1-one-hidden", ("--data", CmuData.Omniglot)));
        Assert.True(ErrorGuard.IsUserFault(e));
        var line = ErrorGuard.Line(e);
        Assert.Contains("omniglot_12.pkl is missing", line);
        Assert.Contains(Path.Combine("data", "omniglot", "omniglot_12.pkl"), line);
        Assert.DoesNotContain("\n", line);
    }
}
