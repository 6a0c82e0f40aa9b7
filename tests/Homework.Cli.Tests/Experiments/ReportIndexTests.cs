// The report site as a student opens it: reports/index.html lists every registered experiment (run or not), links
// the ones that ran, and an experiment page draws its figures — checked in headless chromium, not in our HTML.
using Homework.Cli.Experiments;
using Homework.Reports;

namespace Homework.Cli.Tests.Experiments;

public sealed class ReportIndexTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void The_index_lists_every_experiment_and_the_run_one_links_to_a_drawn_page()
    {
        const string id = "cs229-w25/q4e-cnn-vs-mlp";
        harness.RunQuick(id, ("--train-size", 1000));
        var chromium = new Chromium();
        var dom = chromium.DumpDom(new Uri(Path.Combine(harness.Reports, "index.html")).AbsoluteUri);
        foreach (var e in ExperimentRegistry.All)
            Assert.Contains(e.Id, dom);
        Assert.Contains($"<a href=\"{id}/index.html\">{id}</a>", dom);
        Assert.Equal(ExperimentRegistry.All.Count - 1, System.Text.RegularExpressions.Regex.Matches(dom, ">not run yet<").Count);
        var page = chromium.DumpDom(new Uri(Path.Combine(harness.Reports, id, "index.html")).AbsoluteUri);
        Assert.Contains("class=\"main-svg\"", page);
        Assert.Contains("Trained alike", page);
        Assert.Contains("251,210", page);
    }

    [Fact]
    public void Report_rewrites_the_index_from_the_results_on_disk_without_running_anything()
    {
        var reports = harness.Reports;
        Directory.CreateDirectory(reports);
        var (code, stdout, _) = Commands.BadInputTests.Homework("report", "--reports", reports);
        Assert.Equal(0, code);
        Assert.Contains("index.html", stdout);
        var html = File.ReadAllText(Path.Combine(reports, "index.html"));
        Assert.Equal(ExperimentRegistry.All.Count, System.Text.RegularExpressions.Regex.Matches(html, ">not run yet<").Count);
        Assert.False(Directory.Exists(harness.Checkpoints));
    }
}
