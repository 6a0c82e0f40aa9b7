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
    public void Legends_say_each_setting_in_words_and_its_train_and_test_curves_share_a_colour_solid_and_dashed()
    {
        var (record, _, _) = harness.RunQuick("cmu-10417/2.1-one-hidden");
        var figure = record.Blocks.OfType<FigureBlock>().Select(b => b.Figure).Single(f => f.Title == "2.1: loss per epoch");
        var traces = figure.ToPlotly()["data"]!.AsArray();
        var names = traces.Select(t => (string)t!["name"]!).ToList();
        Assert.Contains("(d) 1 layer of 150, momentum 0.4, dropout 0.2, lr 0.001 — train", names);
        Assert.Contains("(d) 1 layer of 150, momentum 0.4, dropout 0.2, lr 0.001 — test", names);
        Assert.DoesNotContain(names, n => n.Contains("(150, 0.4, 0.2, 0.001)", StringComparison.Ordinal));
        for (var i = 0; i < traces.Count; i += 2)
        {
            Assert.Equal((string)traces[i]!["line"]!["color"]!, (string)traces[i + 1]!["line"]!["color"]!);
            Assert.Equal(("solid", "dash"), ((string)traces[i]!["line"]!["dash"]!, (string)traces[i + 1]!["line"]!["dash"]!));
        }
        Assert.Equal(traces.Count / 2, traces.Select(t => (string)t!["line"]!["color"]!).Distinct().Count());
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
