// `homework gradcheck`: every model's hand-derived gradients against autograd and central differences, as a table and
// as the report page reports/gradcheck/index.html, each row linked to the derivation whose formula it checks.
// Not where the pass rule lives (Homework.GradCheck.GradCheckRow) nor where gradients are computed (the checks).
using Homework.Common;
using Homework.Experiments;
using Homework.Data;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Homework.Experiments.Derivations;
using Homework.GradCheck;
using Homework.Reports;
using TorchSharp;
using Spectre.Console;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Cli.Commands;

/// <summary>Runs the twin checks and prints one row per model and gradient; exits 1 if any row fails.</summary>
public static class GradCheckCommand
{
    /// <summary>Builds the <c>gradcheck</c> subcommand.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = $"Run one model: {string.Join(", ", TwinChecks.All.Select(c => c.Name))}." };
        var seed = new Option<long>("--seed") { Description = "Seed of the random inputs and upstream gradient.", DefaultValueFactory = _ => 0 };
        var dtype = new Option<string>("--dtype") { Description = "Precision of the manual and autograd runs (central differences are always float64).", DefaultValueFactory = _ => "float64" };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var reports = new Option<string>("--reports") { Description = "Folder for the report pages (the table is also written to <folder>/gradcheck/index.html).", DefaultValueFactory = _ => "reports" };
        var command = new Command("gradcheck", "Compare every model's manual gradients with autograd and central differences.") { model, seed, dtype, reports };
        command.SetAction(parse =>
        {
            var type = parse.GetValue(dtype) == "float32" ? ScalarType.Float32 : ScalarType.Float64;
            IReadOnlyList<ITwinCheck> checks;
            try
            {
                checks = parse.GetValue(model) is { } name ? [TwinChecks.Find(name)] : TwinChecks.All;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter")[0]} (e.g. homework gradcheck --model {TwinChecks.All[0].Name})");
                return 2;
            }
            var rows = Run(checks, type, parse.GetValue(seed));
            var caption = Caption(type, $"seed {parse.GetValue(seed)}");
            Print(rows, caption);
            var failed = rows.Count(r => !r.Passed);
            foreach (var r in rows.Where(r => !r.Passed)) Console.Error.WriteLine($"FAIL {r.Model} {r.Parameter}: {r.Failure}");
            Console.WriteLine(failed == 0 ? $"all {rows.Count} gradients pass" : $"{failed} of {rows.Count} gradients FAIL");
            return ErrorGuard.Guard(() =>
            {
                var folder = parse.GetValue(reports)!;
                Paths.EnsureWritable(folder, "--reports");
                WritePage(rows, caption, folder);
                Console.WriteLine($"report: {Path.Combine(folder, PageFolder, "index.html")}");
                return failed == 0 ? 0 : 1;
            });
        });
        return command;
    }

    private static List<GradCheckRow> Run(IReadOnlyList<ITwinCheck> checks, ScalarType dtype, long seed) =>
        [.. checks.SelectMany(check => TwinChecks.Rows(check, dtype, seed))];

    /// <summary>The page's folder under the reports root.</summary>
    public const string PageFolder = "gradcheck";

    // The derivation whose gradient check covers a row: its page shows the formula this row verifies.
    private static Derivation? DerivationOf(GradCheckRow row) => DerivationRegistry.All.FirstOrDefault(d =>
        DerivationChecks.All.TryGetValue(d.Id, out var check) && check is GradientCheck g && g.Covers(row));

    private static void WritePage(List<GradCheckRow> rows, string caption, string reportsRoot)
    {
        var page = new ReportPage(PageFolder, "Gradient check: every hand-derived gradient against autograd and central differences");
        page.AddText("", $"{rows.Count(r => r.Passed)} of {rows.Count} gradients pass. Written by ./homework gradcheck (git commit {Experiments.ExperimentRunner.GitCommit()}, engine {EngineInfo.Summary()}). " +
            "Each row names the derivation whose formula the manual backward implements; its page shows the math.");
        page.AddTable("Gradients", [.. Header.SkipLast(1), "result", "derivation"],
            rows.Select(r => (IReadOnlyList<Homework.Reports.TableCell>)[.. Cells(r).SkipLast(1).Select(c => new Homework.Reports.TableCell(c)),
                new Homework.Reports.TableCell(r.Passed ? "pass" : "FAIL", r.Passed ? "agree" : "miss"),
                DerivationOf(r) is { } d ? new Homework.Reports.TableCell(d.Id, Href: "../" + d.Id + "/index.html") : new Homework.Reports.TableCell("(no derivation page)")]),
            caption);
        page.Save(reportsRoot, new ReportOptions { ExportPng = false });
    }

    /// <summary>Prints <paramref name="rows"/>: a table on a terminal, aligned plain text when redirected.</summary>
    internal static void Print(List<GradCheckRow> rows, string caption)
    {
        if (Console.IsOutputRedirected) PrintPlain(rows, caption);
        else PrintTable(rows, caption);
    }

    /// <summary>The line under the table: precision, seeds and the pass rules.</summary>
    internal static string Caption(ScalarType dtype, string seeds) =>
        $"{dtype.ToString().ToLowerInvariant()}, {seeds}: pass if {GradCheckTolerance.For(dtype)} (manual a vs autograd b) and " +
        $"{GradCheckTolerance.FiniteDifferenceFor(dtype)} (manual vs central differences, h = 1e-6, float64); " +
        "rel = |a−b| / (|a|+|b|)";

    /// <summary>A row's cells under <see cref="Header"/>.</summary>
    internal static string[] Cells(GradCheckRow r) =>
    [
        r.Model, r.Parameter, Shapes.Format(r.Shape), Sci(r.MaxAbs), Sci(r.MaxRel),
        r.FiniteDifferenceMaxAbs is { } fd ? Sci(fd) : "-", r.FiniteDifferenceMaxRel is { } fdRel ? Sci(fdRel) : "-", r.Passed ? "pass" : "FAIL",
    ];

    /// <summary>The table's column names.</summary>
    internal static readonly string[] Header = ["model", "gradient", "shape", "max abs vs autograd", "max rel vs autograd", "max abs vs central diff", "max rel vs central diff", "result"];

    private static string Sci(double v) => v.ToString("0.00e+00", CultureInfo.InvariantCulture);

    private static void PrintTable(List<GradCheckRow> rows, string caption)
    {
        var table = new Table().Caption(Markup.Escape(caption));
        foreach (var h in Header) table.AddColumn(new TableColumn(h));
        foreach (var r in rows)
        {
            var cells = Cells(r).Select(Markup.Escape).ToArray();
            cells[^1] = r.Passed ? "[green]pass[/]" : "[red]FAIL[/]";
            table.AddRow(cells);
        }
        AnsiConsole.Write(table);
    }

    private static void PrintPlain(List<GradCheckRow> rows, string caption)
    {
        var lines = new List<string[]> { Header };
        lines.AddRange(rows.Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var l in lines) Console.WriteLine(string.Join("  ", l.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Console.WriteLine(caption);
    }
}
