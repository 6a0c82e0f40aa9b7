// CMU 10-417 HW1 Part 2's speed comparison (bench/cmu.sh): one epoch of the heaviest grid setting, 2.2(d)
// (784-150-150-10, momentum 0.4, dropout 0.2, lr 0.001, batches of 32 reshuffled every epoch, 6,660 / 1,660 images),
// trained by each twin through the one training loop, against the same MLP written in PyTorch (bench/pytorch/cmu_mlp.py).
// Both sides run single-threaded (OMP and OpenBLAS), as each grid worker does, in fresh processes, alternating, best
// of three. A last row trains four copies of the setting as one MLPStackTrainer, as the grid trains same-shape settings,
// and reports its time per member. Not part of bench/run.sh's cases: it has its own entry (--cmu) so the two benches evolve independently.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Homework.Data;
using TorchSharp;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Bench;

internal static class CmuBench
{
    private const string Python = "/usr/bin/python3";
    private const string Tcmalloc = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4";
    private static readonly CmuMlpSetting Setting = new([150, 150], 0.4, 0.2, 0.001);

    // Members of the stack row.
    private const int StackMembers = 4;

    /// <summary><c>--cmu [--epochs N] [--repeats N]</c> orchestrates; <c>--cmu-child manual|torch|stack --epochs N</c> measures.</summary>
    public static int Run(string[] args)
    {
        var epochs = Program.Count(args, "--epochs", 5);
        if (args[0] == "--cmu-child") return Child(args[1], epochs);
        var repeats = Program.Count(args, "--repeats", 3);
        Console.WriteLine($"CMU 10-417 2.2(d) {Setting}, batches of 32, {epochs} epochs per process (median s/epoch), best of {repeats}; one thread per side");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Dictionary<string, double>? manual = null, autograd = null, peer = null, stack = null;
        for (var r = 0; r < repeats; r++)
        {
            manual = Min(manual, Ours(Impl.Manual.ToString(), epochs));
            peer = Min(peer, Process(Python, ["bench/pytorch/cmu_mlp.py", "--epochs", epochs.ToString(CultureInfo.InvariantCulture)]));
            autograd = Min(autograd, Ours(Impl.Autograd.ToString(), epochs));
            stack = Min(stack, Ours("stack", epochs));
        }
        Console.WriteLine($"    {"",-34} {"train s/epoch",14} {"ratio",7} {"eval s/epoch",13} {"ratio",7} {"CPU s/epoch",12} {"ratio",7}");
        foreach (var (label, m) in new[] { ("PyTorch 1.13.1 (autograd, SGD)", peer!), ("ours, manual twin", manual!), ("ours, autograd twin", autograd!), ($"ours, manual stack of {StackMembers}, per member", stack!) })
            Console.WriteLine($"    {label,-34} {m["train_s_per_epoch"],14:F3} {m["train_s_per_epoch"] / peer!["train_s_per_epoch"],7:F2} {m["eval_s_per_epoch"],13:F3} {m["eval_s_per_epoch"] / peer["eval_s_per_epoch"],7:F2} " +
                              $"{m["cpu_s_per_epoch"],12:F3} {m["cpu_s_per_epoch"] / peer["cpu_s_per_epoch"],7:F2}");
        Console.WriteLine("    (CPU s/epoch: training and evaluation, process CPU seconds, which other load on a shared machine inflates far less than wall time)");
        Console.WriteLine($"    target: ours no slower than PyTorch (ratio <= 1.00): manual {(manual!["train_s_per_epoch"] <= peer!["train_s_per_epoch"] ? "met" : "NOT met")}");
        Console.WriteLine($"    load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    // One twin alone, or four copies of the setting in one stack, whose times and CPU are divided by its members.
    private static int Child(string twin, int epochs)
    {
        torch.set_num_threads(1);
        using var data = Omniglot.FashionStandIn(seed: 0);
        var config = new TrainConfig(epochs, 32, Shuffle: true);
        var cpu = Environment.CpuUsage.TotalTime;
        History h;
        var members = twin == "stack" ? StackMembers : 1;
        if (twin == "stack")
        {
            using var stack = MLPStackTrainer.Create(784, data.Classes, [.. Enumerable.Repeat(Setting, members)], seed: 0);
            h = Trainer.Fit(stack, data.Train, data.Test, config, NullProgress.Instance, [.. Enumerable.Range(0, members).Select(k => $"member {k}")])[0];
        }
        else
        {
            using var model = CmuMlpPair.Create(Enum.Parse<Impl>(twin, ignoreCase: true), 784, data.Classes, Setting, seed: 0);
            h = Trainer.Fit(model, data.Train, data.Test, config, NullProgress.Instance);
        }
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["train_s_per_epoch"] = Median(h.EpochSeconds) / members, ["eval_s_per_epoch"] = Median(h.EvalSeconds) / members, ["test_acc"] = h.ValidationAccuracy[^1],
            ["cpu_s_per_epoch"] = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / epochs / members,
        }));
        return 0;
    }

    private static Dictionary<string, double> Ours(string twin, int epochs)
    {
        var self = Environment.ProcessPath!;
        string[] host = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(CmuBench).Assembly.Location] : [];
        return Process(self, [.. host, "--cmu-child", twin, "--epochs", epochs.ToString(CultureInfo.InvariantCulture)]);
    }

    private static Dictionary<string, double> Process(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["OMP_NUM_THREADS"] = "1";
        psi.Environment["OPENBLAS_NUM_THREADS"] = "1";
        psi.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        psi.Environment["LD_PRELOAD"] = Tcmalloc;
        using var p = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result.Trim()}");
        var last = stdout.Trim().Split('\n')[^1];
        var json = JsonDocument.Parse(last.StartsWith("RESULT ", StringComparison.Ordinal) ? last["RESULT ".Length..] : last).RootElement;
        return json.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Number).ToDictionary(e => e.Name, e => e.Value.GetDouble());
    }

    private static Dictionary<string, double> Min(Dictionary<string, double>? best, Dictionary<string, double> run) =>
        best is null ? run : run.ToDictionary(kv => kv.Key, kv => Math.Min(kv.Value, best[kv.Key]));

    private static double Median(IReadOnlyList<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
