// Section (7) of the bench: the main job (`./homework`: Q4's two MLPs x 30 epochs side by side, then Q4(e), each page
// written with its PNGs) run through Homework.Experiments in a child process of the default engine's build of this
// bench (TorchSharp, through the runtime folder; ours when that build is missing, and the line says so), against the
// 45 s target, and each page's time against issue 25's 2 s. The times are the run records' (result.json), not parsed
// from printed lines. No PyTorch peer: nothing to compare. Not a profiler.
using System.Diagnostics;
using System.Globalization;
using Homework.Experiments;

namespace Homework.Bench;

internal static class MainJob
{
    private const string MnistId = "cs229-w25/q4-mnist", CnnId = "cs229-w25/q4e-cnn-vs-mlp";

    /// <summary>Runs the main job (with <paramref name="quick"/>: its --quick setting) in a child into a temporary folder and prints its times and verdicts.</summary>
    public static void Run(bool quick, Setting setting)
    {
        Console.WriteLine();
        var engine = TorchSharpSide.Unavailable is null ? "TorchSharp (the default engine)" : $"ours, debian-libtorch (TorchSharp: {TorchSharpSide.Unavailable})";
        Console.WriteLine($"(7) the main job{(quick ? " --quick (smoke run: the targets are about the full run)" : "")}: cs229-w25/q4-mnist then q4e, in-process in a " +
                          $"fresh child on {engine}, reports and checkpoints in a temporary folder; times from each run's result.json");
        var dir = Directory.CreateTempSubdirectory("homework-bench-main-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var child = Program.RunChild("main-job", ["--dir", dir, .. quick ? ["--quick"] : Array.Empty<string>()], setting);
            var wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"    {"experiment",-28} {"run s",7} {"page s",7}");
            var records = new[] { MnistId, CnnId }.Select(id => RunRecord.Load(Path.Combine(dir, "reports"), id, quick)
                ?? throw new InvalidOperationException($"the main job's child wrote no result.json for {id}")).ToList();
            foreach (var r in records) Console.WriteLine($"    {r.Id,-28} {r.Seconds,7:F1} {r.PageSeconds,7:F1}");
            Console.WriteLine($"    child process: {wall:F1} s wall (start-up and data loading included), {child["cpu_seconds"]:F1} CPU s (its own and its children's, chromium included)");
            var job = records.Sum(r => r.Seconds + r.PageSeconds);
            Console.WriteLine($"      target the main job under 45 s warm (on the default engine): {job:F1} s of runs and pages: {(job < 45 ? "met" : "NOT met")}");
            foreach (var r in records)
                Console.WriteLine($"      target page {r.Id} written (PNG export included) under 2 s: {r.PageSeconds:F1} s: {(r.PageSeconds < 2 ? "met" : "NOT met")}");
            // The thread setting of Q4's training phase: its two runs side by side on one thread each (the default) against
            // one after another on the process's threads (--workers 1, OMP_NUM_THREADS from scripts/env.sh: one per core).
            var w1 = RunRecord.Load(Path.Combine(dir, "reports-w1"), MnistId, quick);
            if (w1 is not null)
                Console.WriteLine($"    thread setting of Q4's training: its two runs side by side, one thread each: {records[0].Seconds:F1} s; one after another, " +
                                  $"{Environment.ProcessorCount} threads each (--workers 1): {w1.Seconds:F1} s");
            Console.WriteLine("    (wall times: other load on the machine inflates them; the load average is printed at the top)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The child's side: runs the main job as `./homework` does (Q4(b-d), then Q4(e) with the same seed), then Q4(b-d) again
    /// with --workers 1 into reports-w1, all in this process; returns its CPU seconds, its children's included.
    /// </summary>
    public static Dictionary<string, double> Child(string[] args)
    {
        var dir = args[Array.IndexOf(args, "--dir") + 1];
        var quick = args.Contains("--quick");
        void Run(string id, string reports, params (string option, object value)[] overrides)
        {
            var e = ExperimentRegistry.Find(id) ?? throw new InvalidOperationException($"no experiment {id}");
            var values = e.Options.ToDictionary(o => o, o => o.ValueFor(quick));
            foreach (var (name, value) in overrides) values[e.Options.Single(o => o.Name == name)] = value;
            ExperimentRunner.Run(e, values, quick, Path.Combine(dir, reports), Path.Combine(dir, "checkpoints-" + reports), TextWriter.Null);
        }
        Run(MnistId, "reports");
        Run(CnnId, "reports");
        Run(MnistId, "reports-w1", ("--workers", 1));
        return new Dictionary<string, double> { ["cpu_seconds"] = CpuSeconds() };
    }

    /// <summary>This process's CPU seconds, user and system, its reaped children's (chromium's) included.</summary>
    public static double CpuSeconds()
    {
        // /proc/self/stat fields 14-17: utime, stime, cutime, cstime in clock ticks (100 a second on Linux).
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / 100.0;
    }
}
