// Runs a registered experiment the way `homework run <id> --quick` does, into a temporary reports and checkpoints
// folder, without PNG export (chromium is tested in Homework.Reports.Tests), and hands back what it produced.
using Homework.Experiments;
using Homework.Reports;
using Homework.TestSupport;

namespace Homework.Experiments.Tests;

/// <summary>A temporary folder pair for experiment runs; deleted on dispose.</summary>
public sealed class ExperimentHarness : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-experiment-");

    /// <summary>The reports folder of the runs.</summary>
    public string Reports => Path.Combine(root.FullName, "reports");

    /// <summary>The checkpoints folder of the runs.</summary>
    public string Checkpoints => Path.Combine(root.FullName, "checkpoints");

    /// <summary>
    /// Runs <paramref name="id"/> with its --quick values (the page goes to reports/quick/&lt;id&gt;), overridden by <paramref name="overrides"/> (option name to value).
    /// Returns the saved record and the page's HTML.
    /// </summary>
    public (RunRecord record, string html, string output) RunQuick(string id, params (string option, object value)[] overrides) =>
        RunQuickBefore(id, [], overrides);

    /// <summary>
    /// <see cref="RunQuick"/>, told (as <c>homework all</c> tells it) that <paramref name="comingUp"/> run next in this
    /// process with the same overrides.
    /// </summary>
    public (RunRecord record, string html, string output) RunQuickBefore(string id, IReadOnlyList<string> comingUp, params (string option, object value)[] overrides)
    {
        var experiment = ExperimentRegistry.Find(id) ?? throw new ArgumentException($"no experiment {id}");
        var output = new StringWriter();
        var options = new ReportOptions { PlotlyJs = Fixtures.Data("plotly", "plotly.min.js"), ExportPng = false };
        var record = ExperimentRunner.Run(experiment, QuickValues(experiment, overrides), quick: true, Reports, Checkpoints, output, options,
            [.. comingUp.Select(next => ExperimentRegistry.Find(next) ?? throw new ArgumentException($"no experiment {next}")).Select(e => new PlannedRun(e, QuickValues(e, overrides)))]);
        return (record, File.ReadAllText(Path.Combine(Reports, "quick", id, "index.html")), output.ToString());
    }

    /// <summary>Runs <paramref name="id"/> at its full (the homework's) defaults, as <c>homework run &lt;id&gt;</c> does; returns the record and the page's HTML.</summary>
    public (RunRecord record, string html) RunFull(string id)
    {
        var experiment = ExperimentRegistry.Find(id) ?? throw new ArgumentException($"no experiment {id}");
        var options = new ReportOptions { PlotlyJs = Fixtures.Data("plotly", "plotly.min.js"), ExportPng = false };
        var values = experiment.Options.ToDictionary(o => o, o => o.ValueFor(quick: false));
        var record = ExperimentRunner.Run(experiment, values, quick: false, Reports, Checkpoints, new StringWriter(), options);
        return (record, File.ReadAllText(Path.Combine(Reports, id, "index.html")));
    }

    private static Dictionary<ExperimentOption, object> QuickValues(Experiment experiment, (string option, object value)[] overrides)
    {
        var values = experiment.Options.ToDictionary(o => o, o => o.ValueFor(quick: true));
        foreach (var (name, value) in overrides) values[experiment.Options.Single(o => o.Name == name)] = value;
        return values;
    }

    public void Dispose() => root.Delete(recursive: true);
}
