// Section (8) of the bench: the whole workbench, `homework all` itself at the homeworks' full settings (with --quick:
// the smoke setting), run in one child process of the default engine's build (it runs the experiments side by side in
// children of its own, one shared browser for the pages, then the derivations), against issue 25's targets: the whole
// under 180 s, the pages together under 20 s. Each experiment's run and page seconds come from its result.json, beside
// the seconds `homework list` states (flagged when off by more than 3×). A full run in which every experiment succeeded
// is kept in bench/measured/all.json, which a test holds `homework list`'s seconds to. Not a profiler.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homework.Experiments;

namespace Homework.Bench;

internal static class AllJob
{
    /// <summary>Runs every experiment in a child into a temporary folder and prints each one's times and the totals against the targets.</summary>
    public static void Run(bool quick, Setting setting)
    {
        Console.WriteLine();
        var engine = TorchSharpSide.Unavailable is null ? "TorchSharp (the default engine)" : $"ours, debian-libtorch (TorchSharp: {TorchSharpSide.Unavailable})";
        Console.WriteLine($"(8) homework all{(quick ? " --quick (smoke run: the targets are about the full settings)" : ", full settings")}, in a " +
                          $"fresh child on {engine}; times from each run's result.json");
        var dir = Directory.CreateTempSubdirectory("homework-bench-all-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var child = Program.RunChild("all", ["--dir", dir, .. quick ? ["--quick"] : Array.Empty<string>()], setting);
            var wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"    {"experiment",-34} {"run s",7} {"page s",7} {"listed s",9}");
            var records = ExperimentRegistry.All.Select(e => (e, r: RunRecord.Load(Path.Combine(dir, "reports"), e.Id, quick)
                ?? throw new InvalidOperationException($"the child wrote no result.json for {e.Id}"))).ToList();
            foreach (var (e, r) in records)
            {
                // An experiment whose runs another trained in its pool (the CMU grid) took no time of its own here.
                var ratio = r.Seconds / e.TypicalSeconds;
                var flag = !r.Succeeded ? $"  FAILED: {r.Error}" : quick || r.Seconds < 1 ? "" : ratio > 3 || ratio < 1 / 3.0 ? $"  off by {Math.Max(ratio, 1 / ratio):F1}x from the list" : "";
                Console.WriteLine($"    {e.Id,-34} {r.Seconds,7:F1} {r.PageSeconds,7:F1} {e.TypicalSeconds,9:F0}{flag}");
            }
            var (runs, pages) = (records.Sum(x => x.r.Seconds), records.Sum(x => x.r.PageSeconds));
            Console.WriteLine($"    runs {runs:F1} s, pages {pages:F1} s (summed over experiments that ran side by side); homework all {wall:F1} s wall " +
                              $"(start-up, data loading and the derivations included), {child["cpu_seconds"]:F1} CPU s; exit code {child["exit_code"]:F0}");
            var failed = records.Count(x => !x.r.Succeeded);
            Console.WriteLine($"      target every experiment at full settings under 180 s wall: {wall:F1} s: {(quick ? "not judged (quick)" : failed > 0 ? $"not judged ({failed} failed)" : wall < 180 ? "met" : "NOT met")}");
            Console.WriteLine($"      target the pages together under 20 s: {pages:F1} s: {(quick ? "not judged (quick)" : pages < 20 ? "met" : "NOT met")}");
            Console.WriteLine("    (wall times: other load on the machine inflates them; the load average is printed at the top)");
            if (!quick && failed == 0) Keep(engine, wall, records.Select(x => (x.e.Id, x.r.Seconds, x.r.PageSeconds)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The file a full run is kept in: bench/measured/all.json of this checkout.</summary>
    private static string MeasuredPath
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Homework.sln"))) return Path.Combine(d.FullName, "bench", "measured", "all.json");
            throw new InvalidOperationException("cannot find Homework.sln above " + AppContext.BaseDirectory);
        }
    }

    // The machine and load it ran on, and each experiment's run and page seconds, for TypicalSecondsTests.
    private static void Keep(string engine, double wall, IEnumerable<(string Id, double Run, double Page)> times)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        var record = new JsonObject
        {
            ["measured"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["cpu"] = $"{cpu}, {Environment.ProcessorCount} cores, {(flags.Contains(" avx512f", StringComparison.Ordinal) ? "AVX-512" : flags.Contains(" avx2", StringComparison.Ordinal) ? "AVX2" : "no AVX2")}",
            ["engine"] = engine,
            ["load_average_after"] = File.ReadAllText("/proc/loadavg").Trim(),
            ["wall_seconds"] = Math.Round(wall, 1),
            ["experiments"] = new JsonObject(times.Select(t => KeyValuePair.Create(t.Id, (JsonNode?)new JsonObject
            {
                ["run_seconds"] = Math.Round(t.Run, 2),
                ["page_seconds"] = Math.Round(t.Page, 2),
            }))),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(MeasuredPath)!);
        File.WriteAllText(MeasuredPath, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"    kept in {Path.GetRelativePath(Environment.CurrentDirectory, MeasuredPath)}: commit it, and TypicalSecondsTests holds homework list's seconds to it");
    }

    /// <summary>
    /// The child's side: `homework all` itself (its default --jobs: one per core, side by side in child processes; its
    /// lines are dropped), then its CPU seconds, its children's and theirs included.
    /// </summary>
    public static Dictionary<string, double> Child(string[] args)
    {
        var dir = args[Array.IndexOf(args, "--dir") + 1];
        string[] cli = ["all", "--reports", Path.Combine(dir, "reports"), "--checkpoints", Path.Combine(dir, "checkpoints"), .. args.Contains("--quick") ? ["--quick"] : Array.Empty<string>()];
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        int code;
        try
        {
            code = (int)typeof(Homework.Cli.Commands.ExperimentCommands).Assembly.EntryPoint!.Invoke(null, [cli])!;
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        // A failed experiment shows in its result.json (the table flags it); the exit code says whether any failed.
        return new Dictionary<string, double> { ["cpu_seconds"] = MainJob.CpuSeconds(), ["exit_code"] = code };
    }
}
