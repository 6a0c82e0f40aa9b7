// Writes a derivation's page: reports/<id>/index.html with the question, the derivation and its result (the Markdown,
// typeset by the local KaTeX), then the live check's table and verdict, links to the experiments that use it, and
// reports/<id>/derivation.json (what the report index reads). A check that throws is recorded as failed, never hidden.
using System.Diagnostics;
using System.Text.Json;
using Homework.Experiments;
using Homework.Reports;

namespace Homework.Experiments.Derivations;

/// <summary>What <c>derivation.json</c> holds: enough for the report index.</summary>
public sealed record DerivationRecord
{
    /// <summary>The derivation id.</summary>
    public required string Id { get; init; }
    /// <summary>True when the check ran and every line holds.</summary>
    public required bool Passed { get; init; }
    /// <summary>The check's summary, or why it failed to run.</summary>
    public required string Summary { get; init; }
    /// <summary>When the check ran (UTC).</summary>
    public required DateTime Started { get; init; }
    /// <summary>Seconds the check took.</summary>
    public required double Seconds { get; init; }
    /// <summary>The git commit of the code that ran.</summary>
    public required string Commit { get; init; }
    /// <summary>The engine the check ran on (<see cref="EngineInfo.Summary"/>).</summary>
    public string Engine { get; init; } = "";

    /// <summary><c>&lt;reports&gt;/&lt;id&gt;/derivation.json</c>.</summary>
    public static string PathFor(string reportsRoot, string id) => Path.Combine(Path.GetFullPath(reportsRoot), id, "derivation.json");

    /// <summary>The record saved for <paramref name="id"/>, or null when there is none or it cannot be read.</summary>
    public static DerivationRecord? Load(string reportsRoot, string id) => RunRecord.Read<DerivationRecord>(PathFor(reportsRoot, id));
}

/// <summary>Runs derivations' checks and writes their pages.</summary>
public static class DerivationRunner
{
    /// <summary>The link from one report page at <c>&lt;homework&gt;/&lt;question&gt;</c> to another.</summary>
    public static string Link(string id) => $"../../{id}/index.html";

    /// <summary>
    /// Runs <paramref name="derivation"/>'s check and writes its page and record; with <paramref name="writeIndex"/>, also
    /// the report index. Returns the record (a check that throws is a failed record, not an exception).
    /// </summary>
    public static DerivationRecord Write(Derivation derivation, string reportsRoot, TextWriter output, ReportOptions? options = null, bool writeIndex = true)
    {
        Paths.EnsureWritable(reportsRoot, "--reports");
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        CheckOutcome? outcome = null;
        string error = "";
        try
        {
            outcome = DerivationChecks.For(derivation.Id).Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = ErrorGuard.Describe(e);
        }
        var record = new DerivationRecord
        {
            Id = derivation.Id,
            Passed = outcome is { Passed: true },
            Summary = outcome?.Summary ?? $"the check did not run: {error}",
            Started = started,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Commit = ExperimentRunner.GitCommit(),
            Engine = EngineInfo.Summary(),
        };

        var h = derivation.Homework;
        var page = new ReportPage(derivation.Id, $"{h.Code} {derivation.Questions}: {derivation.Title}");
        page.AddText("", $"{h.Name}. Derivation {derivation.Id}; its numeric check ran {started:yyyy-MM-dd HH:mm} UTC in {record.Seconds:F2} s " +
            $"(git commit {record.Commit}, engine {record.Engine}). Rewrite this page with: ./homework derivation {derivation.Id}");
        if (derivation.Erratum.Length > 0) page.AddText("Erratum", derivation.Erratum + " The section \"Erratum\" below gives the evidence.");
        page.AddMarkdown(derivation.Markdown);
        if (outcome is null)
            page.AddText("The live check", $"FAILED: {record.Summary}");
        else
            page.AddTable($"The live check: {(outcome.Passed ? "holds" : "FAILS")} ({outcome.Summary})", outcome.Header,
                outcome.Lines.Select(l => (IReadOnlyList<TableCell>)[.. l.Cells.Select((c, i) => i == l.Cells.Count - 1
                    ? new TableCell(c, l.Passed ? "agree" : "miss")
                    : new TableCell(c))]),
                outcome.Method);
        if (derivation.Experiments.Count > 0)
            page.AddTable("Experiments that use this result", ["experiment", "title", "questions"],
                derivation.Experiments.Select(id => ExperimentRegistry.Find(id) is { } e
                    ? (IReadOnlyList<TableCell>)[new TableCell(e.Id, Href: Link(e.Id)), e.Title, $"{e.Homework.Code} {e.Questions}"]
                    : [id, "(no such experiment)", ""]));
        using var staged = page.Stage(reportsRoot, (options ?? new ReportOptions()) with { ExportPng = false });
        File.WriteAllBytes(Path.Combine(staged.Folder, Path.GetFileName(DerivationRecord.PathFor(reportsRoot, derivation.Id))), JsonSerializer.SerializeToUtf8Bytes(record, RunRecord.Json));
        staged.Publish();
        var index = staged.Index;
        if (writeIndex) ReportIndex.Write(reportsRoot, options);
        output.WriteLine($"{derivation.Id}: {(record.Passed ? "holds" : "FAILS")} ({record.Summary}), {record.Seconds:F2} s; page: {index}");
        return record;
    }
}
