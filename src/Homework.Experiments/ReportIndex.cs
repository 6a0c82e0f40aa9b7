// reports/index.html: every registered experiment in one table — homework, question, what the homework states,
// what we got, verdict, runtime, when it ran, link — from the full runs' result.json files on disk, with a link to
// the last --quick run's page beside (never its verdicts). Experiments never run are listed as such. Then every
// derivation: its check's verdict and its erratum, from the derivation.json files. Rebuilt after every run and by
// `homework report`.
using Homework.Experiments.Derivations;
using Homework.Reports;

namespace Homework.Experiments;

/// <summary>Writes the report index.</summary>
public static class ReportIndex
{
    /// <summary>
    /// Writes <c>&lt;reportsRoot&gt;/index.html</c> from the records on disk; returns its path. With <paramref name="page"/>
    /// (a run's staged page, whose record is <paramref name="pending"/>), publishes that page first and the index right
    /// after, the record in place of its experiment's. Processes writing into one folder at once take turns (the index
    /// lock), so the last index written has every record.
    /// </summary>
    public static string Write(string reportsRoot, ReportOptions? options = null, StagedPage? page = null, RunRecord? pending = null)
    {
        using var turn = RunLock.Shared(reportsRoot, "index", TimeSpan.FromMinutes(2));
        using var staged = Stage(reportsRoot, options, pending);
        page?.Publish();
        staged.Publish();
        return staged.Index;
    }

    private static StagedPage Stage(string reportsRoot, ReportOptions? options, RunRecord? pending)
    {
        RunRecord? Load(Experiment e, bool quick) =>
            pending is not null && pending.Id == e.Id && pending.Quick == quick ? pending : RunRecord.Load(reportsRoot, e.Id, quick);
        var records = ExperimentRegistry.All.Select(e => (experiment: e, record: Load(e, quick: false), smoke: Load(e, quick: true))).ToList();
        var run = records.Count(r => r.record is { Succeeded: true });
        var comparisons = records.SelectMany(r => r.record is { Succeeded: true } rec ? rec.Comparisons : []).ToList();
        var page = new ReportPage(ReportPage.Root, "Homework: every experiment of the five homeworks");
        page.AddText("", $"{records.Count} experiments; {run} with a finished run on disk, {records.Count(r => r.record is { Succeeded: false })} whose last run failed, " +
            $"{records.Count(r => r.record is null)} with no full run yet. Comparisons with the homeworks: {comparisons.Count(c => c.Verdict == Verdict.Agrees)} agree, " +
            $"{comparisons.Count(c => c.Verdict == Verdict.Misses)} miss. Run one with ./homework run <id>; all with ./homework all. " +
            "These are full runs at the homeworks' settings; a --quick run is a smoke test of the same code, kept apart and not judged.");
        page.AddTable("Experiments", ["homework", "question", "experiment", "the homework states", "we got", "verdict", "runtime", "ran (UTC)", "last quick run"],
            records.Select(r => (IReadOnlyList<TableCell>)[.. Row(r.experiment, r.record), Smoke(r.experiment, r.smoke)]));
        var derivations = DerivationRegistry.All.Select(d => (derivation: d, record: DerivationRecord.Load(reportsRoot, d.Id))).ToList();
        page.AddTable("Derivations", ["homework", "question", "derivation", "title", "live check", "erratum", "checked (UTC)"],
            derivations.Select(r => DerivationRow(r.derivation, r.record)),
            $"{derivations.Count} derivations; {derivations.Count(r => r.record is { Passed: true })} whose check holds, " +
            $"{derivations.Count(r => r.record is { Passed: false })} whose check fails, {derivations.Count(r => r.record is null)} not checked yet " +
            "(./homework derivations writes them all; `homework gradcheck` writes gradcheck/index.html). An erratum marks a question whose homework text or reference answer is wrong.");
        foreach (var h in HomeworkInfo.All)
            page.AddText("", $"{h.Code} = {h.Key}: {h.Name}.");
        return page.Stage(reportsRoot, (options ?? new ReportOptions()) with { ExportPng = false });
    }

    private static IReadOnlyList<TableCell> DerivationRow(Derivation d, DerivationRecord? r)
    {
        var erratum = d.Erratum.Length > 0 ? new TableCell(d.Erratum, "note") : new TableCell("");
        if (r is null) return [$"{d.Homework.Code} {d.Homework.Key}", d.Questions, new TableCell(d.Id), d.Title, new TableCell("not checked yet", "note"), erratum, ""];
        return [$"{d.Homework.Code} {d.Homework.Key}", d.Questions, new TableCell(d.Id, Href: d.Id + "/index.html"), d.Title,
            new TableCell(r.Passed ? $"holds: {r.Summary}" : r.Summary, r.Passed ? "agree" : "miss"), erratum,
            r.Started.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)];
    }

    // The quick run's own page, never its numbers: they come from a smaller setting than the homework's.
    private static TableCell Smoke(Experiment e, RunRecord? r) => r is null ? new TableCell("")
        : new TableCell($"{r.Started.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}{(r.Succeeded ? "" : ", failed")}",
            Href: $"quick/{e.Id}/index.html");

    private static IReadOnlyList<TableCell> Row(Experiment e, RunRecord? r)
    {
        var link = new TableCell(e.Id, Href: e.Id + "/index.html");
        if (r is null)
            return [$"{e.Homework.Code} {e.Homework.Key}", e.Questions, new TableCell(e.Id), "", "", new TableCell("no full run yet", "note"), "", ""];
        var when = r.Started.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        if (!r.Succeeded)
            return [$"{e.Homework.Code} {e.Homework.Key}", e.Questions, link, "", r.Error, new TableCell("run failed", "miss"), $"{r.Seconds:F1} s", when];
        var states = string.Join("\n", r.Comparisons.Select(c => $"{c.Quantity}: {c.Homework}"));
        var ours = string.Join("\n", r.Comparisons.Select(c => c.Ours));
        var misses = r.Comparisons.Count(c => c.Verdict == Verdict.Misses);
        var verdict = r.Comparisons.Count == 0 ? new TableCell("no stated numbers", "note")
            : misses == 0 ? new TableCell($"all {r.Comparisons.Count} agree", "agree")
            : new TableCell($"{misses} of {r.Comparisons.Count} miss", "miss");
        return [$"{e.Homework.Code} {e.Homework.Key}", e.Questions, link, states, ours, verdict, $"{r.Seconds:F1} s", when];
    }
}
