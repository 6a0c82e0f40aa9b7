// `homework check <file.cs>`: a student's hand-written backward pass, compiled and run through the model's registered
// gradient check (autograd twin and central differences), one row per gradient and seed, and a report page.
// Also `--template <model>` (a starting file), `--list` (the models) and `--watch` (check again on every save).
// Each check runs in a child process (this program with --in-process): the parent kills it at the time limit (a thread
// cannot be stopped in .NET) and survives a libtorch error that ends the process (the torchsharp engine here aborts on one).
// Not the compiler (Student/StudentCode), the run (Student/StudentCheck) or the pass rule (Homework.GradCheck).
using Homework.Experiments;
using System.CommandLine;
using System.Diagnostics;
using DerivationChecks = Homework.Experiments.Derivations.DerivationChecks;
using DerivationRegistry = Homework.Experiments.Derivations.DerivationRegistry;
using GradientCheck = Homework.Experiments.Derivations.GradientCheck;
using Homework.Cli.Student;
using Homework.GradCheck;
using Homework.Reports;
using static TorchSharp.torch;

namespace Homework.Cli.Commands;

/// <summary>Builds the <c>check</c> subcommand.</summary>
public static class CheckCommand
{
    /// <summary>Builds the <c>check</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "The .cs file with your class (or, with --template, the file to write).", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "The model the file implements (default: the one its class fits)." };
        var template = new Option<string?>("--template") { Description = "Write a starting file for this model: contract and forward written, backward to write." };
        var list = new Option<bool>("--list") { Description = "Name the models a file can implement." };
        var watch = new Option<bool>("--watch") { Description = "Check again whenever the file is saved (Ctrl+C stops)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds a check may run before it is stopped.", DefaultValueFactory = _ => 30 };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 3600) r.AddError($"--timeout must be a whole number of seconds from 1 to 3600; got '{r.Tokens.FirstOrDefault()?.Value}'");
        });
        var reports = new Option<string>("--reports") { Description = "Folder for the report page of the last check.", DefaultValueFactory = _ => "reports" };
        var inProcess = new Option<bool>(InProcess) { Description = "Run the check in this process, with no time limit (what the command's child does).", Hidden = true };
        var command = new Command("check", "Check your own hand-written backward pass (a .cs file) against autograd and central differences.")
        {
            file, model, template, list, watch, timeout, reports, inProcess,
        };
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            if (parse.GetValue(list)) return List();
            if (parse.GetValue(template) is { } name) return WriteTemplate(StudentCheck.Find(name), parse.GetValue(file));
            var path = parse.GetValue(file) ?? throw new UserError("name the file to check: homework check MyLinearMap.cs (homework check --template LinearMap writes one)");
            if (!File.Exists(path)) throw new UserError($"{path} does not exist; write it, or start from homework check --template <model> {path}");
            if (parse.GetValue(model) is { } named) StudentCheck.Find(named);
            var reportsRoot = parse.GetValue(reports)!;
            Paths.EnsureWritable(reportsRoot, "--reports");
            if (parse.GetValue(inProcess)) return CheckOnce(path, parse.GetValue(model), reportsRoot);
            var limit = TimeSpan.FromSeconds(parse.GetValue(timeout));
            var code = CheckInChild(path, parse.GetValue(model), limit, reportsRoot);
            return parse.GetValue(watch) ? Watch(path, parse.GetValue(model), limit, reportsRoot) : code;
        }));
        return command;
    }

    private const string InProcess = "--in-process";

    private static int List()
    {
        Console.WriteLine("Models a file can implement (homework check --template <model> writes a start):");
        foreach (var m in StudentCheck.Models)
            Console.WriteLine($"  {m.Name,-22} like {m.Manual.FullName} — {m.Source}");
        return 0;
    }

    private static int WriteTemplate(IReplaceableCheck model, string? path)
    {
        path ??= $"My{model.Name}.cs";
        if (File.Exists(path)) throw new UserError($"{path} exists and is kept; name another file: homework check --template {model.Name} <file.cs>");
        using var stream = typeof(CheckCommand).Assembly.GetManifestResourceStream($"template:{model.Name}")
            ?? throw new InvalidOperationException($"no template for {model.Name}");
        using var reader = new StreamReader(stream);
        File.WriteAllText(path, reader.ReadToEnd());
        Console.WriteLine($"wrote {path}: write its Backward, then run: homework check {path}");
        return 0;
    }

    // One check in this process: the table on stdout, the error block or failures on stderr, the page
    // reports/check/index.html (one page: the last check).
    private static int CheckOnce(string path, string? model, string reportsRoot)
    {
        var clock = Stopwatch.StartNew();
        var outcome = StudentCheck.Run(path, model);
        var seconds = clock.Elapsed.TotalSeconds;
        var caption = GradCheckCommand.Caption(ScalarType.Float64, $"seeds {string.Join(", ", StudentCheck.Seeds)}");
        if (outcome.Rows.Count > 0) GradCheckCommand.Print([.. outcome.Rows], caption);
        if (outcome.Error is not null) Console.Error.WriteLine($"error: {outcome.Error}");
        foreach (var r in outcome.Rows.Where(r => !r.Passed))
            Console.Error.WriteLine($"{(r.ShapeMismatch ? "error" : "FAIL")} {r.Parameter}: {r.Failure}");
        var failed = outcome.Rows.Count(r => !r.Passed);
        var verdict = outcome.Rows.Count == 0 ? "not checked"
            : (failed == 0 ? $"all {outcome.Rows.Count} gradients pass" : $"{failed} of {outcome.Rows.Count} gradients FAIL")
              + (outcome.Error is null ? "" : "; an error stopped the other seeds");
        Console.WriteLine($"{path}: {verdict} ({seconds:F1} s)");
        WritePage(path, outcome, caption, verdict, reportsRoot);
        return outcome.ExitCode;
    }

    // One check in a child process; the parent reports what the child could not: a time-out or a crash.
    private static int CheckInChild(string path, string? model, TimeSpan limit, string reportsRoot)
    {
        var info = new ProcessStartInfo(Host()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [typeof(CheckCommand).Assembly.Location, "check", path, InProcess, "--reports", reportsRoot, .. model is null ? [] : new[] { "--model", model }];
        foreach (var a in args) info.ArgumentList.Add(a);
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        string error;
        if (!child.WaitForExit(limit))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            error = $"the check of {path} ran past its {limit.TotalSeconds:0} s limit and was stopped (an endless loop?); " +
                    "fix the loop, or allow more time with --timeout <seconds>";
        }
        else
        {
            child.WaitForExit();
            Console.Out.Write(stdout.Result);
            if (child.ExitCode is 0 or 1 or 2)
            {
                Console.Error.Write(stderr.Result);
                return child.ExitCode;
            }
            var what = stderr.Result.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("what():", StringComparison.Ordinal));
            error = what is not null
                ? $"libtorch stopped your code: {what["what():".Length..].Trim()}. On this engine a libtorch error ends the process, so the line is not known; " +
                  "the debian-libtorch engine reports it (HOMEWORK_ENGINE=debian-libtorch ./homework check ...)"
                : $"the check of {path} ended abnormally (exit code {child.ExitCode}): {stderr.Result.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim()}";
        }
        Console.Error.WriteLine($"error: {error}");
        Console.WriteLine($"{path}: not checked");
        WritePage(path, new CheckOutcome(model, [], error), "", "not checked", reportsRoot);
        return ErrorGuard.UserFault;
    }

    // The dotnet host running this program (an apphost runs homework.dll through dotnet too).
    private static string Host() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static void WritePage(string path, CheckOutcome outcome, string caption, string verdict, string reportsRoot)
    {
        var page = new ReportPage("check", $"homework check {Path.GetFileName(path)}");
        page.AddText("", $"{Path.GetFullPath(path)} checked {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC against {outcome.Model ?? "(no model)"}: {verdict}.");
        if (outcome.Error is not null) page.AddText("The check stopped", outcome.Error);
        if (outcome.Rows.Count > 0)
            page.AddTable("Your gradients against autograd and central differences", GradCheckCommand.Header,
                outcome.Rows.Select(r => (IReadOnlyList<TableCell>)[.. GradCheckCommand.Cells(r).Select((c, i) => i == GradCheckCommand.Header.Length - 1
                    ? new TableCell(c, r.Passed ? "agree" : "miss") : new TableCell(c))]), caption);
        var failures = outcome.Rows.Where(r => !r.Passed).Select(r => $"{r.Parameter}: {r.Failure}").ToList();
        if (failures.Count > 0) page.AddText("What failed", string.Join("\n", failures));
        // The derivations whose gradient check runs this model: the math a student's backward should implement.
        var derivations = DerivationRegistry.All.Where(d => DerivationChecks.All.TryGetValue(d.Id, out var check) && check is GradientCheck g &&
            g.Sources.Any(s => s.Twin.Name == outcome.Model)).ToList();
        if (derivations.Count > 0)
            page.AddTable("The derivation of these gradients", ["derivation", "title", "questions"],
                derivations.Select(d => (IReadOnlyList<TableCell>)[new TableCell(d.Id, Href: $"../{d.Id}/index.html"), d.Title, d.Questions]),
                "Each page derives the gradients step by step beside its own live check; ./homework derivation <id> (or ./homework all) writes it.");
        try
        {
            Console.WriteLine($"report: {page.Save(reportsRoot)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: no report page ({e.Message})");
        }
    }

    // Checks again whenever the file's write time changes, until Ctrl+C.
    private static int Watch(string path, string? model, TimeSpan limit, string reportsRoot)
    {
        Console.WriteLine($"watching {path}: saving it checks again; Ctrl+C stops");
        var stamp = File.GetLastWriteTimeUtc(path);
        while (true)
        {
            Thread.Sleep(250);
            if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) == stamp) continue;
            Thread.Sleep(100);                                    // let an editor finish writing
            stamp = File.GetLastWriteTimeUtc(path);
            Console.WriteLine($"--- {path} changed, checking again ---");
            CheckInChild(path, model, limit, reportsRoot);
        }
    }
}
