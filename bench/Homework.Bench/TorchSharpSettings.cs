// `bench/run.sh --torchsharp-settings`: what makes TorchSharp's libtorch (2.10, MKL 2024.2 linked in, GNU OpenMP)
// slower here, one process setting at a time. Each setting changes one thing from the launcher's (2 threads, passive
// OpenMP waits, tcmalloc, no MKL shim) and runs the same TorchSharp cases; TorchSharpSide.Tuning keeps what measurably helps.
// Not the three-way table (Program.cs); TorchSharp alone, as it is the one whose settings are in question.
using System.Globalization;

namespace Homework.Bench;

internal static class TorchSharpSettings
{
    /// <summary>Times TorchSharp's matmul, MLP forward, per-op add, allocation and MLP training under each setting; best of three, alternating.</summary>
    public static int Run(bool quick)
    {
        Console.WriteLine($"TorchSharp settings{(quick ? " --quick (a smoke run, not a measurement)" : "")}: one change at a time from the launcher's; best of {(quick ? 1 : 3)} alternating runs");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        if (TorchSharpSide.Unavailable is { } why)
        {
            Console.WriteLine($"TorchSharp: not run: {why}");
            return 1;
        }
        var launcher = new Setting(Environment.ProcessorCount, true, true);
        var settings = new List<(string label, Setting s)>
        {
            ("launcher's: 2 threads, PASSIVE, tcmalloc", launcher),
            ("glibc malloc (no tcmalloc)", launcher with { Tcmalloc = false }),
            ("OMP_WAIT_POLICY unset (active waits)", launcher with { Passive = false }),
            ("1 thread", launcher with { Threads = 1 }),
            ("MKL_ENABLE_INSTRUCTIONS=AVX2", launcher with { Env = Env("MKL_ENABLE_INSTRUCTIONS", "AVX2") }),
            ("MKL_DEBUG_CPU_TYPE=5", launcher with { Env = Env("MKL_DEBUG_CPU_TYPE", "5") }),
        };
        if (File.Exists(TorchSharpSide.MklShim)) settings.Add(("MKL told the CPU is Intel's (preload)", launcher with { Env = Env("LD_PRELOAD", Path.GetFullPath(TorchSharpSide.MklShim)) }));
        else Console.WriteLine($"    ({TorchSharpSide.MklShim} not built: bench/run.sh builds it)");

        var iters = quick
            ? new Dictionary<string, int> { ["matmul"] = 10, ["mlp"] = 10, ["adds"] = 10_000, ["alloc"] = 2, ["mnist-autograd"] = 2 }
            : new Dictionary<string, int> { ["matmul"] = 200, ["mlp"] = 200, ["adds"] = 100_000, ["alloc"] = 20, ["mnist-autograd"] = 4 };
        var repeats = quick ? 1 : 3;
        var results = settings.Select(_ => new Dictionary<string, Dictionary<string, double>?>()).ToArray();
        for (var r = 0; r < repeats; r++)
            for (var i = 0; i < settings.Count; i++)
                foreach (var (name, n) in iters)
                    results[i][name] = Program.Min(results[i].GetValueOrDefault(name), Program.RunOrSkip(Side.TorchSharp, name, n, settings[i].s));
        if (TorchSharpSide.Unavailable is { } failed)
        {
            Console.WriteLine($"TorchSharp: stopped: {failed}");
            return 1;
        }

        const double flops = 2.0 * 1000 * 784 * 300;
        (string head, Func<Dictionary<string, Dictionary<string, double>?>, double> value, bool rate)[] columns =
        [
            ("matmul GFLOP/s", m => flops * iters["matmul"] / m["matmul"]!["seconds"] / 1e9, true),
            ("best 10 GFLOP/s", m => flops / m["matmul"]!["best_op_seconds"] / 1e9, true),
            ("MLP fwd ms", m => Program.Ms(m["mlp"]!, iters["mlp"]), false),
            ("add us/op", m => m["adds"]!["best_op_seconds"] * 1e6, false),
            ("alloc ms", m => Program.Ms(m["alloc"]!, iters["alloc"]), false),
            ($"MLP train s/ep", m => m["mnist-autograd"]!["train_s_per_epoch"], false),
            ($"MLP eval s/ep", m => m["mnist-autograd"]!["eval_s_per_epoch"], false),
        ];
        Console.WriteLine($"    {"setting",-42}" + string.Concat(columns.Select(c => $" {c.head,15}")));
        for (var i = 0; i < settings.Count; i++)
        {
            var cells = columns.Select(c =>
            {
                double v = c.value(results[i]), b = c.value(results[0]);
                // Time ratio to the launcher's setting: below 1 is faster.
                return $" {v.ToString(v >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture),8} ({(c.rate ? b / v : v / b).ToString("F2", CultureInfo.InvariantCulture)})";
            });
            Console.WriteLine($"    {settings[i].label,-42}{string.Concat(cells)}");
        }
        Console.WriteLine($"    (in brackets: time ratio to the launcher's setting, below 1 is faster; MLP: the autograd twin, {iters["mnist-autograd"]} epochs, median)");
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static Dictionary<string, string> Env(string key, string value) => new() { [key] = value };
}
