// Runs one experiment and keeps what it produced: reports/<id>/result.json (everything the page is drawn from: its
// comparisons, numbers, figures as their spec, tables and text, the config actually used, seed, commit and the
// command that reproduces it), reports/<id>/index.html drawn from that record alone (so `homework report` redraws it
// without running anything), and a fresh reports/index.html. A failed run records its failure, never old numbers.
// A --quick run writes under reports/quick/<id>/ instead, so it never replaces a full run's page or verdicts.
using System.Diagnostics;
using System.Text.Json;
using Homework.Experiments.Derivations;
using Homework.Reports;
using TorchSharp;

namespace Homework.Experiments;

/// <summary>One row of a page's "How this ran" table: an option, the value it ran with, its default and whose default that is.</summary>
/// <param name="Option">The option's name (e.g. <c>--epochs</c>).</param>
/// <param name="Value">The value it ran with, as typed on the command line.</param>
/// <param name="Default">Its default.</param>
/// <param name="FromHomework">True when the default is the homework's, false when ours (the homework is silent).</param>
public sealed record RunSetting(string Option, string Value, string Default, bool FromHomework);

/// <summary>What <c>result.json</c> holds: the report index's row and everything the run's page is drawn from, without re-running anything.</summary>
public sealed record RunRecord
{
    /// <summary>The record's layout: <see cref="PageFormat"/> when it holds its page's blocks; 0 for records written before.</summary>
    public int Format { get; init; }
    /// <summary>The <see cref="Format"/> of records whose page can be redrawn from them.</summary>
    public const int PageFormat = 1;
    /// <summary>The experiment id.</summary>
    public required string Id { get; init; }
    /// <summary>Its title.</summary>
    public required string Title { get; init; }
    /// <summary>The questions it answers.</summary>
    public required string Questions { get; init; }
    /// <summary>A --quick run.</summary>
    public required bool Quick { get; init; }
    /// <summary>True when it ran to the end.</summary>
    public required bool Succeeded { get; init; }
    /// <summary>Why it failed ("" when it did not).</summary>
    public string Error { get; init; } = "";
    /// <summary>When it started (UTC, ISO 8601).</summary>
    public required DateTime Started { get; init; }
    /// <summary>Seconds the run took (the page's export not included).</summary>
    public required double Seconds { get; init; }
    /// <summary>Seconds the run's page took: drawing it, exporting its PNGs, writing its folder (0 in a record written before this was kept).</summary>
    public double PageSeconds { get; init; }
    /// <summary>The git commit of the code that ran.</summary>
    public required string Commit { get; init; }
    /// <summary>The engine it ran on (<see cref="EngineInfo.Summary"/>) and libtorch's intra-op threads during the run.</summary>
    public string Engine { get; init; } = "";
    /// <summary>The command that reproduces it.</summary>
    public required string Command { get; init; }
    /// <summary>The comparisons with the homework.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; init; } = [];
    /// <summary>The named numbers.</summary>
    public IReadOnlyList<NamedNumber> Numbers { get; init; } = [];
    /// <summary>The figures, tables and text of the page, in order.</summary>
    public IReadOnlyList<ResultBlock> Blocks { get; init; } = [];
    /// <summary>Every option with the value it ran with.</summary>
    public IReadOnlyList<RunSetting> Settings { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// Where a run's page and record go: <c>&lt;reports&gt;/&lt;id&gt;</c> for a full run, <c>&lt;reports&gt;/quick/&lt;id&gt;</c>
    /// for a --quick one, so a smoke run never replaces a full run's page, numbers or verdicts.
    /// </summary>
    public static string PagesRoot(string reportsRoot, bool quick) => quick ? Path.Combine(Path.GetFullPath(reportsRoot), "quick") : Path.GetFullPath(reportsRoot);

    /// <summary><c>&lt;reports&gt;/[quick/]&lt;id&gt;/result.json</c>.</summary>
    public static string PathFor(string reportsRoot, string id, bool quick) => Path.Combine(PagesRoot(reportsRoot, quick), id, "result.json");

    /// <summary>The full (or, with <paramref name="quick"/>, the quick) record saved for <paramref name="id"/>, or null when there is none or it cannot be read.</summary>
    public static RunRecord? Load(string reportsRoot, string id, bool quick) => Read<RunRecord>(PathFor(reportsRoot, id, quick));

    /// <summary>A record of the report folder (result.json, derivation.json) at <paramref name="path"/>; null when it is missing or unreadable.</summary>
    internal static T? Read<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>Runs an experiment, then writes its page, its record and the report index.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Runs <paramref name="experiment"/> with <paramref name="values"/>. Returns its record; a failure is recorded
    /// and rethrown (the caller decides whether to stop), so its page shows the error and none of an earlier run's numbers.
    /// </summary>
    public static RunRecord Run(Experiment experiment, IReadOnlyDictionary<ExperimentOption, object> values, bool quick,
        string reportsRoot, string checkpointDir, TextWriter output, ReportOptions? reportOptions = null, IReadOnlyList<PlannedRun>? comingUp = null)
    {
        Paths.EnsureWritable(reportsRoot, "--reports");
        Paths.EnsureWritable(checkpointDir, "--checkpoints");
        var context = new ExperimentContext(experiment, values, quick, output, checkpointDir, comingUp);
        using var locks = RunLock.Acquire(experiment.Id, Command(context), checkpointDir, RunRecord.PagesRoot(reportsRoot, quick));
        // The browser that exports the page's PNGs starts now, with plotly.js loaded, beside the run's compute, and serves every page after it.
        var pages = reportOptions ?? new ReportOptions();
        pages.PrestartExport(reportsRoot);
        var threads = torch.get_num_threads();
        var runThreads = experiment.IntraOpThreads ?? threads;
        var engine = $"{EngineInfo.Summary()}, {runThreads} libtorch thread{(runThreads == 1 ? "" : "s")}";
        output.WriteLine($"== {experiment.Id}: {experiment.Title} ({experiment.Homework.Code} {experiment.Questions}){(quick ? " [quick]" : "")} on {engine}");
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        Exception? failure = null;
        try
        {
            torch.set_num_threads(runThreads);
            experiment.Run(context);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            torch.set_num_threads(threads);
        }
        var record = new RunRecord
        {
            Format = RunRecord.PageFormat,
            Id = experiment.Id,
            Title = experiment.Title,
            Questions = experiment.Questions,
            Quick = quick,
            Succeeded = failure is null,
            Error = failure is null ? "" : ErrorGuard.Describe(failure),
            Started = started,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            Commit = GitCommit(),
            Engine = engine,
            Command = Command(context),
            Comparisons = failure is null ? context.Result.Comparisons : [],
            Numbers = failure is null ? context.Result.Numbers : [],
            Blocks = failure is null ? context.Result.Blocks : [],
            Settings = [.. context.Values.Select(v => new RunSetting(v.option.Name, v.option.Format(v.value), v.option.DefaultText, v.option.Source == DefaultSource.Homework))],
        };
        foreach (var c in record.Comparisons)
            output.WriteLine($"   {c.Quantity}: homework {c.Homework}, ours {c.Ours} ({c.Tolerance}) -> {(Judged(c, quick) is ("misses", _) ? "MISSES" : Judged(c, quick).text)}{(c.Note.Length > 0 ? $" — {c.Note}" : "")}");
        var pageClock = Stopwatch.StartNew();
        var page = Page(record);
        record = Publish(page, record, reportsRoot, reportOptions, pageClock);
        if (failure is not null) throw new ExperimentFailedException(experiment.Id, failure);
        output.WriteLine($"   {record.Seconds:F1} s; page {record.PageSeconds:F1} s ({page.Figures.Count} figures); report: {Path.Combine(page.Folder(RunRecord.PagesRoot(reportsRoot, quick)), "index.html")}");
        return record;
    }

    /// <summary>
    /// Publishes a run whole: its page, PNGs and result.json are written into a staging folder, the index is staged with the
    /// new record, then both are renamed into place. A browser that fails, or a kill before the renames, leaves the previous
    /// page, PNGs, result.json and index as they were. Returns the record with its page time.
    /// </summary>
    private static RunRecord Publish(ReportPage page, RunRecord record, string reportsRoot, ReportOptions? options, Stopwatch pageClock)
    {
        StagedPage staged;
        try
        {
            staged = page.Stage(RunRecord.PagesRoot(reportsRoot, record.Quick), options);
        }
        catch (ChromiumException e)
        {
            throw new ExperimentFailedException(record.Id, new UserError($"{e.Message}. Check chromium (./scripts/setup.sh installs it), then run it again"));
        }
        using (staged)
        {
            record = record with { PageSeconds = Math.Round(pageClock.Elapsed.TotalSeconds, 2) };
            File.WriteAllBytes(Path.Combine(staged.Folder, "result.json"), JsonSerializer.SerializeToUtf8Bytes(record, RunRecord.Json));
            ReportIndex.Write(reportsRoot, options, staged, record);
        }
        return record;
    }

    /// <summary>
    /// Rewrites the page of every experiment with a full or quick record on disk from that record alone (nothing runs),
    /// then the report index. Records written before pages were kept in them are left as they are and named in
    /// <paramref name="output"/>. Returns the index's path.
    /// </summary>
    public static string Redraw(string reportsRoot, TextWriter output, ReportOptions? reportOptions = null)
    {
        foreach (var e in ExperimentRegistry.All)
            foreach (var quick in (bool[])[false, true])
            {
                if (RunRecord.Load(reportsRoot, e.Id, quick) is not { } record) continue;
                if (record.Format < RunRecord.PageFormat)
                {
                    output.WriteLine($"   {e.Id}{(quick ? " (quick)" : "")}: its result.json predates pages kept in results; its page is left as it is (re-run it to redraw)");
                    continue;
                }
                // Published whole with the record it was drawn from, as a run publishes it.
                using var staged = Page(record).Stage(RunRecord.PagesRoot(reportsRoot, quick), reportOptions);
                File.Copy(RunRecord.PathFor(reportsRoot, e.Id, quick), Path.Combine(staged.Folder, "result.json"));
                staged.Publish();
                output.WriteLine($"   {e.Id}{(quick ? " (quick)" : "")}: {staged.Index}");
            }
        return ReportIndex.Write(reportsRoot, reportOptions);
    }

    /// <summary>The page of a run, drawn from its record alone.</summary>
    public static ReportPage Page(RunRecord record)
    {
        var experiment = ExperimentRegistry.Find(record.Id) ?? throw new ArgumentException($"no experiment '{record.Id}' for this record", nameof(record));
        var page = new ReportPage(experiment.Id, $"{experiment.Homework.Code} {experiment.Questions}: {experiment.Title}");
        page.AddText("", $"{experiment.Homework.Name}. Experiment {experiment.Id}, run {record.Started:yyyy-MM-dd HH:mm} UTC in {record.Seconds:F1} s." +
            (record.Quick ? "\nQUICK RUN: a small, fast setting of the same code (fewer epochs or a subset); its numbers are not the homework's setting." : ""));
        if (!record.Succeeded)
        {
            page.AddText("The run failed", record.Error + "\nNothing below this line comes from a finished run.");
        }
        else
        {
            if (record.Comparisons.Count > 0)
                page.AddTable("The homework states / we got", ["quantity", "homework", "ours", "tolerance", "verdict", "note"],
                    record.Comparisons.Select(c => (IReadOnlyList<TableCell>)[c.Quantity, c.Homework, new TableCell(c.Ours, "num"), c.Tolerance,
                        new TableCell(Judged(c, record.Quick).text, Judged(c, record.Quick).style), c.Note]));
            if (record.Numbers.Count > 0)
                page.AddTable("Numbers", ["quantity", "value"], record.Numbers.Select(n => (IReadOnlyList<TableCell>)[n.Name, new TableCell(n.Value, "num")]));
            foreach (var block in record.Blocks) block.AddTo(page);
        }
        var derivations = DerivationRegistry.For(experiment.Id).ToList();
        if (derivations.Count > 0)
            page.AddTable("Derivations behind this experiment", ["derivation", "title", "questions"],
                derivations.Select(d => (IReadOnlyList<TableCell>)[new TableCell(d.Id, Href: (record.Quick ? "../" : "") + DerivationRunner.Link(d.Id)), d.Title, $"{d.Homework.Code} {d.Questions}"]),
                "Each derivation's page shows the math and its live numeric check (./homework derivation <id>).");
        page.AddTable("How this ran", ["option", "value", "default", "default from"],
            record.Settings.Select(s => (IReadOnlyList<string>)[s.Option, s.Value, s.Default, s.FromHomework ? "the homework" : "ours (the homework is silent)"]),
            $"git commit {record.Commit}, engine {record.Engine}. Reproduce with: {record.Command}");
        return page;
    }

    /// <summary>
    /// How a comparison is shown: agrees or misses, except in a quick run, whose smaller setting is not the one the
    /// homework's numbers are for, so it is not judged against them (the record keeps what it measured).
    /// </summary>
    public static (string text, string style) Judged(Comparison c, bool quick) =>
        quick ? ("not judged (quick run)", "note") : c.Verdict == Verdict.Agrees ? ("agrees", "agree") : ("misses", "miss");

    /// <summary>The command line that reruns exactly this configuration.</summary>
    public static string Command(ExperimentContext context) =>
        string.Join(' ', new[] { "./homework", "run", context.Experiment.Id }
            .Concat(context.Values.SelectMany(v => v.value is bool b ? (b ? [v.option.Name] : Array.Empty<string>()) : [v.option.Name, v.option.Format(v.value)]))
            .Concat(context.Quick ? ["--quick"] : []));

    /// <summary>The checkout's commit, with "with uncommitted changes" when the work tree differs from it.</summary>
    public static string GitCommit()
    {
        try
        {
            var head = Git("rev-parse --short=12 HEAD");
            if (head.Length == 0) return "unknown (not a git checkout)";
            return Git("status --porcelain --untracked-files=no").Length > 0 ? head + " with uncommitted changes" : head;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown (git not found)";
        }
    }

    private static string Git(string args)
    {
        var psi = SystemProgram.StartInfo("git");
        psi.Arguments = args;
        psi.WorkingDirectory = AppContext.BaseDirectory;
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? text : "";
    }
}

/// <summary>An experiment threw; carries its id and the cause.</summary>
public sealed class ExperimentFailedException(string id, Exception cause) : Exception($"{id} failed: {ErrorGuard.Describe(cause)}", cause)
{
    /// <summary>The experiment that failed.</summary>
    public string Id { get; } = id;
}
