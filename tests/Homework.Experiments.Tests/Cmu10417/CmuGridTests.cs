// The grid's pool across experiments: a grid experiment told that others run next with the same options (as
// `homework all` tells it) trains their runs in the same pool, and those experiments then reuse every run; told
// nothing, or of an experiment with other options, it trains only its own. Uses seeds no other test uses, since
// trained runs are shared by the whole test process.
using Homework.Experiments;
using Homework.Reports;
using Homework.TestSupport;

namespace Homework.Experiments.Tests.Cmu10417;

public sealed class CmuGridTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Runs_of_the_experiments_coming_up_train_in_the_same_pool_and_are_reused()
    {
        (string, object) seed = ("--seed", 71L);
        var (first, firstHtml, output) = harness.RunQuickBefore("cmu-10417/2.3-learning-rate", ["cmu-10417/2.4-free", "cmu-10417/warm-up"], seed);
        Assert.True(first.Succeeded, first.Error);
        // 2.4's seven settings (baseline, two momenta, two dropouts, two widths) share none with 2.3's three.
        Assert.Contains("also trains 7 runs of cmu-10417/2.4-free now", output);
        Assert.Contains("10 runs of 4 epochs", output);
        Assert.Contains("so its time includes theirs", firstHtml);
        var (next, nextHtml, nextOutput) = harness.RunQuick("cmu-10417/2.4-free", seed);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(7, nextOutput.Split("its history is reused").Length - 1);
        Assert.DoesNotContain("runs of 4 epochs in", nextOutput);
        Assert.Contains("7 runs were trained earlier by the same command", nextHtml);
    }

    [Fact]
    public void An_experiment_coming_up_with_other_options_is_not_trained_ahead()
    {
        var next = ExperimentRegistry.Find("cmu-10417/2.4-free")!;
        var nextValues = next.Options.ToDictionary(o => o, o => o.ValueFor(quick: true));
        nextValues[Experiment.Seed] = 75L;
        var (record, _, output) = harness.RunQuickBefore("cmu-10417/2.3-learning-rate", [], ("--seed", 74L));
        Assert.True(record.Succeeded, record.Error);
        Assert.DoesNotContain("also trains", output);
        var experiment = ExperimentRegistry.Find("cmu-10417/2.3-learning-rate")!;
        var values = experiment.Options.ToDictionary(o => o, o => o.ValueFor(quick: true));
        values[Experiment.Seed] = 76L;
        var writer = new StringWriter();
        var options = new ReportOptions { PlotlyJs = Fixtures.Data("plotly", "plotly.min.js"), ExportPng = false };
        ExperimentRunner.Run(experiment, values, quick: true, harness.Reports, harness.Checkpoints, writer, options, [new PlannedRun(next, nextValues)]);
        Assert.DoesNotContain("also trains", writer.ToString());
        Assert.Contains("3 runs of 4 epochs", writer.ToString());
    }
}
