// The TDT4265 A1 experiments, --quick: each page compares with the homework's stated numbers, and the homework's
// qualitative claims hold in the quick numbers where they are robust (early stopping stops before epoch 500, λ = 1.0
// shrinks the weights, more λ less norm). Stated numbers are the homework's; quick runs may miss them, honestly.
using System.Globalization;
using Homework.Reports;
using Homework.Experiments;
using Homework.Experiments.Tdt4265;

namespace Homework.Experiments.Tests.Tdt4265;

public sealed class Tdt4265ExperimentsTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static double Ours(Comparison c) => double.Parse(c.Ours, CultureInfo.InvariantCulture);

    [Fact]
    public void Task2_quick_run_puts_figure_2s_accuracies_beside_ours()
    {
        var (record, html, _) = harness.RunQuick("tdt4265/task2-logistic");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(["0.9760", "0.9575", "0.9670"], record.Comparisons.Select(c => c.Homework));
        // Two epochs on 2,000 images of 2s and 3s already separate them well above chance.
        Assert.All(record.Comparisons, c => Assert.InRange(Ours(c), 0.9, 1.0));
        Assert.Contains("QUICK RUN", html);
        // The homework's loss ylim (0, 0.2) is drawn only while every point stays inside it; otherwise the axis fits the data.
        var loss = record.Blocks.OfType<FigureBlock>().Select(b => b.Figure).OfType<Homework.Reports.LineFigure>().First(f => f.YRange == (0, 0.2));
        var inside = loss.Series.SelectMany(s => s.Y).All(y => y is >= 0 and <= 0.2);
        Assert.Equal(inside, loss.ToPlotly()["layout"]!["yaxis"]!["range"] is not null);
    }

    [Fact]
    public void Task2d_early_stopping_stops_before_the_500_epoch_bound()
    {
        var (record, _, output) = harness.RunQuick("tdt4265/task2d-early-stopping");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal("33", record.Comparisons[0].Homework);
        var stop = Ours(record.Comparisons[0]);
        Assert.InRange(stop, 1, 499);
        Assert.Equal(Verdict.Agrees, record.Comparisons[1].Verdict);
        Assert.Contains("early stopping ended the run in epoch", output);
    }

    [Fact]
    public void Task2e_both_runs_stop_early_and_the_spikes_are_counted()
    {
        var (record, html, _) = harness.RunQuick("tdt4265/task2e-shuffle", ("--impl", Training.Pairs.Impl.Autograd));
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal(["16", "33"], record.Comparisons.Take(2).Select(c => c.Homework));
        Assert.All(record.Comparisons.Take(2), c => Assert.InRange(Ours(c), 1, 499));
        Assert.Contains("drops of more than 0.005", record.Comparisons[2].Tolerance);
        Assert.Contains("validation accuracy, shuffled every epoch", html);
    }

    [Fact]
    public void Task2e_drops_counts_falls_above_the_threshold()
    {
        var (count, largest) = Task2eShuffle.Drops([0.95, 0.96, 0.94, 0.945, 0.944, 0.93], 0.005);
        Assert.Equal(2, count);                 // 0.96 → 0.94 and 0.944 → 0.93; 0.945 → 0.944 is below the threshold
        Assert.Equal(0.02, largest, 1e-12);
    }

    [Fact]
    public void Task3_quick_run_reports_the_train_validation_gap()
    {
        var (record, _, _) = harness.RunQuick("tdt4265/task3-softmax");
        Assert.True(record.Succeeded, record.Error);
        var claim = Assert.Single(record.Comparisons);
        Assert.Contains("train accuracy", claim.Ours);
        var validation = double.Parse(record.Numbers.Single(n => n.Name == "final validation accuracy").Value, CultureInfo.InvariantCulture);
        Assert.InRange(validation, 0.7, 1.0);   // ten classes: chance is 0.1
    }

    [Fact]
    public void Task4_lambda_one_shrinks_the_weights_and_more_lambda_means_less_norm()
    {
        var (record, html, _) = harness.RunQuick("tdt4265/task4-l2");
        Assert.True(record.Succeeded, record.Error);
        double Norm(string lambda) => double.Parse(record.Numbers.Single(n => n.Name == $"‖w‖² after training, λ = {lambda}").Value, CultureInfo.InvariantCulture);
        Assert.True(Norm("1") < Norm("0"), $"‖w‖² {Norm("1")} at λ = 1 is not below {Norm("0")} at λ = 0");
        Assert.True(Norm("1") < Norm("0.1") && Norm("0.1") < Norm("0.01") && Norm("0.01") < Norm("0.001"));
        Assert.Equal(Verdict.Agrees, record.Comparisons.Single(c => c.Quantity.StartsWith("4(e)", StringComparison.Ordinal)).Verdict);
        Assert.Contains("bias row included", html);

        var figures = record.Blocks.OfType<FigureBlock>().Select(b => b.Figure).ToList();
        // 4(b): panel titles say which λ and which digit; the axes are titled once for the grid.
        var grid = figures.OfType<ImageGridFigure>().Single().ToPlotly()["layout"]!;
        var annotations = grid["annotations"]!.AsArray().Select(a => (string)a!["text"]!).ToList();
        Assert.Contains("λ = 0: digit 3", annotations);
        Assert.Contains("λ = 1: digit 3", annotations);
        Assert.Equal(1, annotations.Count(a => a == "pixel column"));
        Assert.Equal(1, annotations.Count(a => a == "pixel row"));
        // 4(c): the drawn y range, when there is one, holds every curve.
        var accuracy = figures.OfType<LineFigure>().Single(f => f.Title.StartsWith("Task 4c", StringComparison.Ordinal));
        if (accuracy.ToPlotly()["layout"]!["yaxis"]!["range"] is { } range)
            Assert.All(accuracy.Series.SelectMany(s => s.Y), y => Assert.InRange(y, (double)range[0]!, (double)range[1]!));
        Assert.Contains(accuracy.Series.SelectMany(s => s.Y), y => y < 0.7); // the quick setting falls below the homework's ylim
        Assert.Null(accuracy.ToPlotly()["layout"]!["yaxis"]!["range"]);
        // 4(e): λ itself on a real log axis, ticks written 1e-3.
        var norm = figures.OfType<LineFigure>().Single(f => f.Title.StartsWith("Task 4e", StringComparison.Ordinal));
        var x = norm.ToPlotly()["layout"]!["xaxis"]!;
        Assert.Equal(("log", "e"), ((string)x["type"]!, (string)x["exponentformat"]!));
        Assert.Equal([0.001, 0.01, 0.1, 1], norm.Series[0].X);
    }

    [Fact]
    public void Task4_without_the_bias_row_penalty_says_so_and_still_runs()
    {
        var (record, html, _) = harness.RunQuick("tdt4265/task4-l2", ("--penalise-bias-row", false), ("--epochs", 1));
        Assert.True(record.Succeeded, record.Error);
        Assert.Contains("bias row left out", html);
    }
}
