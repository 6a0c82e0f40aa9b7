// Section (9) of the bench (bench/run.sh --peers): four small-model experiments (issue 25 item 3), each run as
// `homework run <id>` runs it (full settings, in-process, in a fresh child of the default engine) and as the same
// computation written plainly in PyTorch 1.13.1 (bench/pytorch/peers.py: the same data files, steps, batch order,
// evaluation schedule and recorded quantities), alternating, the best of a few of each; seconds and the ratio
// ours/PyTorch. The peer cannot draw .NET's System.Random shuffles, so they are written here to a file it reads (for
// q3 also the validation split's permutation). Not a profiler and not a test of the numbers (the equality tests do
// that from the peer's quick runs: tests/Homework.Experiments.Tests/Tdt4265/Tdt4265PeerTests.cs, Cs229F20/Q1StabilityPeerTests.cs).
using System.Globalization;
using Homework.Data.CourseSets;
using Homework.Experiments;
using Homework.Reports;
using Homework.Training;

namespace Homework.Bench;

internal static class PeerJob
{
    private const string Script = "bench/pytorch/peers.py";

    /// <summary>The experiments compared, by id, and the peer script's name for each.</summary>
    private static readonly (string id, string peer)[] Experiments =
    [
        ("tdt4265/task4-l2", "task4-l2"), ("tdt4265/task3-softmax", "task3-softmax"), ("wpi-ds541/q3-softmax-sgd", "q3-softmax-sgd"), ("cs229-f20/q1-stability", "q1-stability"),
    ];

    /// <summary>Runs each experiment and its peer alternately <paramref name="repeats"/> times under <paramref name="setting"/>; prints each side's best and the ratio.</summary>
    public static void Run(bool quick, int repeats, Setting setting, string? only)
    {
        var chosen = Experiments.Where(e => only is null || e.id.Contains(only, StringComparison.Ordinal)).ToList();
        if (chosen.Count == 0)
            throw new ArgumentException($"--only '{only}' matches none of {string.Join(", ", Experiments.Select(e => e.id))}");
        Console.WriteLine();
        var engine = TorchSharpSide.Unavailable is null ? "TorchSharp (the default engine)" : $"ours, debian-libtorch (TorchSharp: {TorchSharpSide.Unavailable})";
        Console.WriteLine($"(9) small-model experiments against plain PyTorch 1.13.1 ({Script}){(quick ? " --quick (the experiments' quick settings: a smoke run)" : ", full settings")}; " +
                          $"ours in-process in a fresh child on {engine}; {setting}; best of {repeats}, alternating");
        Console.WriteLine($"    {"experiment",-26} {"ours s",8} {"PyTorch s",10} {"ratio",6} {"ours CPU s",11} {"PyTorch CPU s",14} {"ratio",6}");
        var dir = Directory.CreateTempSubdirectory("homework-bench-peers-").FullName;
        try
        {
            foreach (var (id, peer) in chosen)
            {
                var orders = Path.Combine(dir, peer + ".orders");
                WriteOrders(id, quick, orders);
                var (ours, theirs) = Program.Interleaved(repeats,
                    () => Program.RunChild("peer", ["--id", id, "--dir", dir, .. quick ? ["--quick"] : Array.Empty<string>()], setting),
                    () => Program.RunProcess("/usr/bin/python3", [Script, peer, "--orders", orders, "--threads", setting.Threads.ToString(CultureInfo.InvariantCulture),
                        .. quick ? ["--quick"] : Array.Empty<string>()], setting, $"PyTorch peer {peer}"));
                Console.WriteLine($"    {id,-26} {ours!["seconds"],8:F2} {theirs!["seconds"],10:F2} {ours["seconds"] / theirs["seconds"],6:F2} " +
                                  $"{ours["cpu_seconds"],11:F2} {theirs["cpu_seconds"],14:F2} {ours["cpu_seconds"] / theirs["cpu_seconds"],6:F2}");
            }
            Console.WriteLine("    (s: the run's wall seconds, data loading included, start-up not; ours from its result.json. CPU s: the same span's CPU seconds of all threads.");
            Console.WriteLine("     target: ratio <= 1.00, ours no slower than PyTorch; other load inflates both sides, the load average is printed at the top)");
            Console.WriteLine($"    load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The child's side: one experiment as <c>homework run</c> runs it (no PNG export: the page is not compared); its run's seconds and CPU seconds.</summary>
    public static Dictionary<string, double> Child(string[] args)
    {
        var id = args[Array.IndexOf(args, "--id") + 1];
        var dir = Path.Combine(args[Array.IndexOf(args, "--dir") + 1], "child-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var quick = args.Contains("--quick");
        var experiment = ExperimentRegistry.Find(id) ?? throw new ArgumentException($"no experiment {id}");
        var values = experiment.Options.ToDictionary(o => o, o => o.ValueFor(quick));
        var cpu = Environment.CpuUsage.TotalTime;
        var record = ExperimentRunner.Run(experiment, values, quick, Path.Combine(dir, "reports"), Path.Combine(dir, "checkpoints"), TextWriter.Null,
            new ReportOptions { ExportPng = false });
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        if (!record.Succeeded) throw new InvalidOperationException($"{id} failed: {record.Error}");
        return new Dictionary<string, double> { ["seconds"] = record.Seconds, ["cpu_seconds"] = cpuSeconds };
    }

    /// <summary>
    /// Writes the shuffles <paramref name="id"/> draws at its default (or quick) settings and seed 0, as int64: one
    /// <see cref="Trainer.Permutation"/> per epoch, after q3's validation split (<see cref="Homework.Data.Splits.WpiFashion"/>'s
    /// System.Random(541) permutation of the 60,000 training images). q1-stability shuffles nothing.
    /// </summary>
    public static void WriteOrders(string id, bool quick, string path)
    {
        var experiment = ExperimentRegistry.Find(id) ?? throw new ArgumentException($"no experiment {id}");
        int Option(string name) => (int)experiment.Options.Single(o => o.Name == name).ValueFor(quick);
        using var file = new BinaryWriter(File.Create(path));
        if (id == "cs229-f20/q1-stability") return;
        if (id == "wpi-ds541/q3-softmax-sgd")
        {
            var split = Enumerable.Range(0, 60_000).ToArray();
            new Sampler(Homework.Data.Splits.WpiSeed).Shuffle(split);
            foreach (var i in split) file.Write((long)i);
        }
        var (epochs, count) = (Option("--epochs"), Option("--train-size"));
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            using var order = Trainer.Permutation(count, seed: 0, epoch);
            foreach (var i in order.data<long>()) file.Write(i);
        }
    }
}
