// The report site as a student opens it: reports/index.html lists every registered experiment (run or not), links
// the ones that ran, and an experiment page draws its figures — checked in headless chromium, not in our HTML.
using Homework.Experiments;
using Homework.Reports;
using Homework.TestSupport;

namespace Homework.Experiments.Tests;

public sealed class ReportIndexTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void The_index_lists_every_experiment_and_links_a_quick_run_apart_to_its_drawn_page()
    {
        const string id = "cs229-w25/q4e-cnn-vs-mlp";
        harness.RunQuick(id, ("--train-size", 1000));
        var dom = RenderedPage.Dom(Path.Combine(harness.Reports, "index.html"));
        foreach (var e in ExperimentRegistry.All)
            Assert.Contains(e.Id, dom);
        // A quick run is no full run: every row still says so, and the quick page is linked in its own column.
        Assert.Equal(ExperimentRegistry.All.Count, System.Text.RegularExpressions.Regex.Matches(dom, ">no full run yet<").Count);
        Assert.Contains($"<a href=\"quick/{id}/index.html\">", dom);
        var page = RenderedPage.Dom(Path.Combine(harness.Reports, "quick", id, "index.html"));
        Assert.Contains("class=\"main-svg\"", page);
        Assert.Contains("Trained alike", page);
        Assert.Contains("251,210", page);
    }

    [Fact]
    public void A_quick_run_leaves_the_full_runs_page_record_and_verdicts_in_place()
    {
        const string id = "wpi-ds541/q1-xor";
        var (full, fullHtml) = harness.RunFull(id);
        Assert.False(full.Quick);
        Assert.NotEmpty(full.Comparisons);
        var fullRecord = File.ReadAllBytes(RunRecord.PathFor(harness.Reports, id, quick: false));
        var (quick, quickHtml, output) = harness.RunQuick(id);
        Assert.True(quick.Quick);
        Assert.Equal(fullHtml, File.ReadAllText(Path.Combine(harness.Reports, id, "index.html")));
        Assert.Equal(fullRecord, File.ReadAllBytes(RunRecord.PathFor(harness.Reports, id, quick: false)));
        // The quick page and console judge nothing against the homework's full-setting numbers.
        Assert.Contains("not judged (quick run)", quickHtml);
        Assert.DoesNotContain(">agrees<", quickHtml);
        Assert.DoesNotContain(">misses<", quickHtml);
        Assert.Contains("-> not judged (quick run)", output);
        // The index keeps the full run's verdict and links both pages.
        var index = File.ReadAllText(Path.Combine(harness.Reports, "index.html"));
        Assert.Contains($"href=\"{id}/index.html\"", index);
        Assert.Contains($"href=\"quick/{id}/index.html\"", index);
        var agreeing = full.Comparisons.Count(c => c.Verdict == Verdict.Agrees);
        Assert.Contains(agreeing == full.Comparisons.Count ? $"all {agreeing} agree" : $"{full.Comparisons.Count - agreeing} of {full.Comparisons.Count} miss", index);
    }

}
