// Section (7) of the bench: `./homework` itself on the default engine (the main job: Q4's two MLPs x 30 epochs side by
// side, then Q4(e), each page written with its PNGs), run warm as a user runs it, against the 45 s target, and each
// page's write time (figures, PNG export, report index) against the 3 s target. No PyTorch peer: nothing to compare.
// Not a profiler: the per-phase numbers are the ones the CLI prints.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Homework.Bench;

internal static partial class MainJob
{
    /// <summary>Runs <c>./homework mnist</c> (with <paramref name="quick"/>: <c>--quick</c>) into a temporary folder once warm and prints the verdicts.</summary>
    public static void Run(bool quick)
    {
        Console.WriteLine();
        Console.WriteLine($"(7) the main job: ./homework{(quick ? " --quick (smoke run: the targets are about the full run)" : "")}, warm (built, data fetched), " +
                          "reports and checkpoints in a temporary folder");
        var dir = Directory.CreateTempSubdirectory("homework-bench-main-").FullName;
        try
        {
            // Untimed: ./homework runs setup and builds the CLI when its sources changed; the timed run is then warm.
            Shell("./homework", ["list"], out _);
            string[] job = ["./homework", "mnist", "--reports", Path.Combine(dir, "reports"), "--checkpoints", Path.Combine(dir, "checkpoints"), .. quick ? ["--quick"] : Array.Empty<string>()];
            var timing = Shell("/usr/bin/time", ["-f", "TIME %e %U %S", .. job], out var stdout);
            var t = TimeLine().Match(timing);
            if (!t.Success) throw new InvalidOperationException($"/usr/bin/time printed no timing: {timing.Trim()}");
            double wall = D(t.Groups[1].Value), cpu = D(t.Groups[2].Value) + D(t.Groups[3].Value);
            Console.WriteLine($"    {"experiment",-28} {"run s",7} {"page s",7} {"figures",8}");
            var pages = new List<(string id, double run, double page)>();
            string? id = null;
            foreach (var line in stdout.Split('\n'))
            {
                if (line.StartsWith("== ", StringComparison.Ordinal)) id = line[3..].Split(':')[0];
                var m = RunLine().Match(line);
                if (!m.Success || id is null) continue;
                Console.WriteLine($"    {id,-28} {D(m.Groups[1].Value),7:F1} {D(m.Groups[2].Value),7:F1} {m.Groups[3].Value,8}");
                pages.Add((id, D(m.Groups[1].Value), D(m.Groups[2].Value)));
            }
            Console.WriteLine($"    whole command: {wall:F1} s wall, {cpu:F1} CPU s (user + system of the process and its children, chromium included)");
            Console.WriteLine($"      target ./homework under 45 s warm (on the default engine): {wall:F1} s: {(wall < 45 ? "met" : "NOT met")}");
            foreach (var (page, _, seconds) in pages)
                Console.WriteLine($"      target page {page} written (PNG export included) under 3 s: {seconds:F1} s: {(seconds < 3 ? "met" : "NOT met")}");
            // The thread setting of Q4's training phase: its two runs side by side on one thread each (the default) against
            // one after another on the process's threads (--workers 1, OMP_NUM_THREADS from scripts/env.sh: one per core).
            var sideBySide = pages.FirstOrDefault(p => p.id == "cs229-w25/q4-mnist").run;
            string[] sequential = ["./homework", "run", "cs229-w25/q4-mnist", "--workers", "1", "--reports", Path.Combine(dir, "reports-w1"),
                "--checkpoints", Path.Combine(dir, "checkpoints-w1"), .. quick ? ["--quick"] : Array.Empty<string>()];
            var w1Time = TimeLine().Match(Shell("/usr/bin/time", ["-f", "TIME %e %U %S", .. sequential], out var w1Out));
            var w1Run = w1Out.Split('\n').Select(l => RunLine().Match(l)).FirstOrDefault(m => m.Success);
            if (w1Run is not null && w1Time.Success)
                Console.WriteLine($"    thread setting of Q4's training: its two runs side by side, one thread each: {sideBySide:F1} s; one after another, " +
                                  $"{Environment.ProcessorCount} threads each (--workers 1): {D(w1Run.Groups[1].Value):F1} s " +
                                  $"(that command: {D(w1Time.Groups[1].Value):F1} s wall, {D(w1Time.Groups[2].Value) + D(w1Time.Groups[3].Value):F1} CPU s)");
            Console.WriteLine("    (wall times: other load on the machine inflates them; the load average is printed at the top)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Runs a command from the repository root; returns its stderr, fails on a non-zero exit.
    private static string Shell(string file, string[] args, out string stdout)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result.Trim()}");
        return stderr.Result;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"TIME ([\d.]+) ([\d.]+) ([\d.]+)")]
    private static partial Regex TimeLine();

    // ExperimentRunner's last line: "   12.3 s; page 1.4 s (2 figures); report: ...".
    [GeneratedRegex(@"^\s+([\d.]+) s; page ([\d.]+) s \((\d+) figures\)")]
    private static partial Regex RunLine();
}
