// A run's page is drawn from its result.json alone: `homework report` (ExperimentRunner.Redraw) redraws it byte for
// byte, for every block kind (line, scatter, heatmap and image-grid figures, tables, text), full and quick runs.
using System.Text.Json;
using Homework.Experiments;
using Homework.Reports;
using Homework.TestSupport;

namespace Homework.Experiments.Tests;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static ReportOptions NoPng => new() { PlotlyJs = Fixtures.Data("plotly", "plotly.min.js"), ExportPng = false };

    [Fact]
    public void An_experiment_runs_on_its_own_thread_count_and_the_process_gets_its_setting_back()
    {
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(2);
            var (small, _, _) = harness.RunQuick("tdt4265/task2d-early-stopping");   // asks for one thread
            Assert.EndsWith(", 1 libtorch thread", small.Engine);
            Assert.Equal(2, torch.get_num_threads());
            var (other, _, _) = harness.RunQuick("wpi-ds541/q1-xor");                 // keeps the process's
            Assert.EndsWith(", 2 libtorch threads", other.Engine);
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Theory]
    [InlineData("cmu-10417/p1.2-step-neurons")]   // heatmaps
    [InlineData("cmu-10417/warm-up")]             // an image grid
    [InlineData("cs229-f20/q1-stability")]        // scatter and line figures on log axes, tables
    public void The_page_redrawn_from_result_json_equals_the_page_the_run_wrote(string id)
    {
        var (record, written, _) = harness.RunQuick(id);
        Assert.True(record.Succeeded, record.Error);
        Assert.Contains(record.Blocks, b => b is FigureBlock);
        var page = Path.Combine(harness.Reports, "quick", id, "index.html");
        File.Delete(page);

        var output = new StringWriter();
        ExperimentRunner.Redraw(harness.Reports, output, NoPng);

        Assert.Equal(written, File.ReadAllText(page));
        Assert.Contains(id + " (quick)", output.ToString());
    }

    [Fact]
    public void Report_redraws_a_full_run_page_and_every_block_survives_the_json()
    {
        const string id = "cmu-10417/p1.2-step-neurons";
        var (record, written) = harness.RunFull(id);
        var saved = RunRecord.Load(harness.Reports, id, quick: false)!;
        Assert.Equal(record.Blocks.Count, saved.Blocks.Count);
        Assert.Equal(record.Blocks.Select(b => b.GetType()), saved.Blocks.Select(b => b.GetType()));
        Assert.Equal(record.Settings, saved.Settings);
        File.WriteAllText(Path.Combine(harness.Reports, id, "index.html"), "stale");

        ExperimentRunner.Redraw(harness.Reports, TextWriter.Null, NoPng);

        Assert.Equal(written, File.ReadAllText(Path.Combine(harness.Reports, id, "index.html")));
    }

    [Fact]
    public void A_record_written_before_pages_were_kept_in_it_leaves_its_page_alone()
    {
        const string id = "cmu-10417/p1.2-step-neurons";
        harness.RunQuick(id);
        var path = RunRecord.PathFor(harness.Reports, id, quick: true);
        var old = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(path));
        // The fields a record had before: no Format, Blocks or Settings.
        var legacy = old.EnumerateObject().Where(p => p.Name is not ("Format" or "Blocks" or "Settings")).ToDictionary(p => p.Name, p => p.Value);
        File.WriteAllText(path, JsonSerializer.Serialize(legacy));
        var page = Path.Combine(harness.Reports, "quick", id, "index.html");
        File.WriteAllText(page, "the old page");
        var output = new StringWriter();

        ExperimentRunner.Redraw(harness.Reports, output, NoPng);

        Assert.Equal("the old page", File.ReadAllText(page));
        Assert.Contains("predates pages kept in results", output.ToString());
    }

    [Fact]
    public void A_browser_that_fails_during_png_export_leaves_the_previous_run_published_whole()
    {
        const string id = "cmu-10417/p1.2-step-neurons";
        harness.RunQuick(id);
        var before = Everything(harness.Reports);
        var experiment = ExperimentRegistry.Find(id)!;
        var values = experiment.Options.ToDictionary(o => o, o => o.ValueFor(quick: true));
        var failing = NoPng with { ExportPng = true, Chromium = new Chromium("/bin/false") };

        var e = Assert.Throws<ExperimentFailedException>(() =>
            ExperimentRunner.Run(experiment, values, quick: true, harness.Reports, harness.Checkpoints, TextWriter.Null, failing));

        Assert.Equal(ErrorGuard.UserFault, ErrorGuard.Guard(() => throw e));
        Assert.Contains("the previous one is kept", e.Message);
        // Page, result.json, index, scripts: every file as it was, and no staging left beside them.
        Assert.Equal(before, Everything(harness.Reports));
    }

    // Every file under the reports folder but the run locks, by path, with its SHA-256.
    private static Dictionary<string, string> Everything(string reports) =>
        Directory.GetFiles(reports, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !Path.GetRelativePath(reports, f).StartsWith(".locks", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(reports, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
