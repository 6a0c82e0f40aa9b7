// Homework.Bench: times the two engines against PyTorch 1.13.1 in one run: TorchSharp 0.107, the default (the same C#
// cases built on the TorchSharp-cpu package, TorchSharpSide.cs), and ours, the debian-libtorch binding, with ratios.
// Every measurement runs in a fresh child process, so LD_PRELOAD and OMP_WAIT_POLICY apply from its start.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Bench;

/// <summary>
/// A child process's settings: intra-op threads, OMP_WAIT_POLICY=PASSIVE or unset, tcmalloc preloaded or glibc malloc,
/// OPENBLAS_CORETYPE (null inherits the environment's, "" removes it, anything else sets it), and further variables
/// (<paramref name="Env"/>; an LD_PRELOAD there is appended to tcmalloc's).
/// </summary>
internal sealed record Setting(int Threads, bool Passive, bool Tcmalloc, string? CoreType = null, IReadOnlyDictionary<string, string>? Env = null)
{
    public override string ToString() =>
        $"threads={Threads} OMP_WAIT_POLICY={(Passive ? "PASSIVE" : "unset")} malloc={(Tcmalloc ? "tcmalloc" : "glibc")}" +
        string.Concat((Env ?? new Dictionary<string, string>()).Select(kv => $" {kv.Key}={Path.GetFileName(kv.Value)}"));
}

/// <summary>Who runs a case: our binding, the same C# code on TorchSharp, or the PyTorch peer from Python.</summary>
internal enum Side { Ours, TorchSharp, PyTorch }

internal static class Program
{
    private const string Tcmalloc = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4";
    private const string Python = "/usr/bin/python3";
    private static string peer = "bench/pytorch/ops.py";
    private static string floorPath = "bench/native/bin/add_floor";

    private static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "--child") return Child(args);
            // bench/run.sh puts --peer and --floor before the user's arguments, so `io` is looked for anywhere.
            if (args.Contains("io")) return IoCases.Run(Option(args, "--reports", "reports/bench"));
            if (args.Length > 0 && args[0] is "--cmu" or "--cmu-child") return CmuBench.Run(args);
            // The shuffles of an experiment for its PyTorch peer, e.g. the input of tests/fixtures/experiments/make_peers_quick.py.
            if (args.Length > 2 && args[0] == "--write-orders")
            {
                PeerJob.WriteOrders(args[1], args.Contains("--quick"), args[^1]);
                return 0;
            }
            TorchSharpSide.Configure(args);
            if (args.Contains("--torchsharp-settings")) return TorchSharpSettings.Run(args.Contains("--quick"));
            return Orchestrate(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FileNotFoundException)
        {
            Console.Error.WriteLine("bench: " + e.Message);
            return 2;
        }
    }

    // ---- child: one case, one JSON line ----------------------------------------------------
    private static int Child(string[] args)
    {
        var name = Option(args, "--child");
        var iters = int.Parse(Option(args, "--iters"), CultureInfo.InvariantCulture);
        var threads = int.Parse(Option(args, "--threads"), CultureInfo.InvariantCulture);
        set_num_threads(threads);
        manual_seed(0);
        var result = name switch { "main-job" => MainJob.Child(args), "all" => AllJob.Child(args), "peer" => PeerJob.Child(args), _ => Cases.Run(name, iters) };
        var line = new Dictionary<string, object>(result.Select(kv => new KeyValuePair<string, object>(kv.Key, kv.Value)))
        {
            ["case"] = name, ["iters"] = iters, ["threads"] = get_num_threads(),
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    // ---- orchestrator -------------------------------------------------------------------
    private static int Orchestrate(string[] args)
    {
        var quick = args.Contains("--quick");
        var mnistOnly = args.Contains("--mnist");
        peer = Option(args, "--peer", peer);
        floorPath = Option(args, "--floor", floorPath);
        if (!File.Exists(peer)) throw new FileNotFoundException($"PyTorch peer {peer} not found: run from the repository root (bench/run.sh does) or pass --peer PATH");
        if (!File.Exists(Tcmalloc)) throw new FileNotFoundException($"{Tcmalloc} is missing: run ./scripts/setup.sh, which installs libtcmalloc-minimal4");
        var iters = quick
            ? new Dictionary<string, int> { ["adds"] = 10_000, ["matmul"] = 10, ["alloc"] = 2, ["mlp"] = 10 }
            : new Dictionary<string, int> { ["adds"] = 100_000, ["matmul"] = 200, ["alloc"] = 20, ["mlp"] = 200 };
        // Ours and PyTorch's runs alternate, and each keeps its fastest: other load only ever slows a run down.
        var repeats = quick ? 1 : 3;

        Console.WriteLine($"Homework.Bench{(quick ? " --quick (small iteration counts: a smoke run, not a measurement)" : "")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"peer: {Python} {peer}; each number is the best of {repeats} run(s) in fresh child processes, ours and PyTorch's alternating");
        Console.WriteLine(TorchSharpSide.Unavailable is null
            ? $"TorchSharp: {TorchSharpSide.Dll} through {TorchSharpSide.Muxer}, extra variables: {TorchSharpSide.Describe()}"
            : $"TorchSharp: not run: {TorchSharpSide.Unavailable}");

        if (args.Contains("--all"))
        {
            AllJob.Run(quick, new Setting(Environment.ProcessorCount, true, true));
            return 0;
        }
        if (args.Contains("--peers"))
        {
            // Ours as ./homework runs (scripts/env.sh) unless --threads says otherwise; the peer with the same setting.
            var threads = Count(args, "--threads", Environment.ProcessorCount);
            PeerJob.Run(quick, Count(args, "--repeats", quick ? 1 : 3), new Setting(threads, true, true), args.Contains("--only") ? Option(args, "--only") : null);
            return 0;
        }
        if (args.Contains("--main-job"))
        {
            EvalChunks(new Setting(Environment.ProcessorCount, true, true));
            MainJob.Run(quick, new Setting(Environment.ProcessorCount, true, true));
            return 0;
        }
        if (mnistOnly)
        {
            // Just (5), both sides with the launcher's setting: a shorter run when (1)-(4) are not wanted.
            var setting = new Setting(Environment.ProcessorCount, true, true);
            Console.WriteLine($"--mnist: only (5); ours, TorchSharp and PyTorch all with {setting}");
            Mnist(quick ? 2 : Count(args, "--epochs", 30), setting, TorchSharpSide.Tuned(setting), setting);
            Summary.Print(setting, setting, setting);
            return 0;
        }

        // (4) first: it picks the setting each side then runs (1)-(3) with, so PyTorch runs at its best.
        Console.WriteLine();
        Console.WriteLine($"(4) thread settings: MLP forward, 1000x784 @ 784x300, sigmoid, @ 300x10, softmax; ms/step, {iters["mlp"]} steps, tcmalloc");
        Console.WriteLine($"    {"setting",-44} {"ours",10} {"TorchSharp",10} {"PyTorch",10}");
        var best = new Dictionary<Side, (Setting s, double ms)>();
        foreach (var threads in new[] { 1, 2 })
            foreach (var passive in new[] { true, false })
            {
                var s = new Setting(threads, passive, true);
                var (o, ts, t) = Three(repeats, "mlp", iters["mlp"], s, TorchSharpSide.Tuned(s), s);
                var ms = new Dictionary<Side, double?> { [Side.Ours] = Ms(o, iters["mlp"]), [Side.TorchSharp] = ts is null ? null : Ms(ts, iters["mlp"]), [Side.PyTorch] = Ms(t, iters["mlp"]) };
                Console.WriteLine($"    {s,-44} {ms[Side.Ours],10:F2} {Cell(ms[Side.TorchSharp], "F2"),10} {ms[Side.PyTorch],10:F2}");
                foreach (var (side, m) in ms)
                    if (m is { } v && (!best.TryGetValue(side, out var b) || v < b.ms)) best[side] = (s, v);
            }
        // Ours runs as the launcher runs it (scripts/env.sh: one thread per core, passive waits, tcmalloc);
        // PyTorch and TorchSharp get whichever setting was fastest for them, so neither is the straw man.
        var our = new Setting(Environment.ProcessorCount, true, true);
        var their = best[Side.PyTorch].s;
        var tsSetting = TorchSharpSide.Tuned(best.TryGetValue(Side.TorchSharp, out var tsBest) ? tsBest.s : our);
        Console.WriteLine($"    fastest: ours {best[Side.Ours].s} ({best[Side.Ours].ms:F2} ms); PyTorch {their} ({best[Side.PyTorch].ms:F2} ms)" +
                          (best.ContainsKey(Side.TorchSharp) ? $"; TorchSharp {tsBest.s} ({tsBest.ms:F2} ms)" : ""));
        Console.WriteLine($"    from here on: ours with the launcher's setting ({our}); PyTorch and TorchSharp with their fastest");
        Summary.Add("MLP forward step, 1000x784-300-10 (4)", "ms", best[Side.Ours].ms, best.ContainsKey(Side.TorchSharp) ? tsBest.ms : null, best[Side.PyTorch].ms);

        Console.WriteLine();
        var n = iters["adds"];
        var (a, tsa, pa) = Three(repeats, "adds", n, our, tsSetting, their);
        var floor = File.Exists(floorPath) ? Best(repeats, () => RunFloor(n, their)) : null;
        Console.WriteLine($"(1) per-op overhead: {n} adds of two 10-element float tensors (target: ours <= 1/3 of PyTorch's)");
        Console.WriteLine($"    {"",-38} {"total ms",10} {"ratio",7} {"best us/op",11} {"ratio",7}");
        void Line(string label, double seconds, double bestOp) =>
            Console.WriteLine($"    {label,-38} {seconds * 1e3,10:F1} {seconds / pa["seconds"],7:F3} {bestOp * 1e6,11:F3} {bestOp / pa["best_op_seconds"],7:F3}");
        Line("ours, using var y = x + x", a["seconds"], a["best_op_seconds"]);
        Line("ours, one dispose scope per add", a["scoped_seconds"], a["scoped_best_op_seconds"]);
        if (tsa is not null)
        {
            Line("TorchSharp, using var y = x + x", tsa["seconds"], tsa["best_op_seconds"]);
            Line("TorchSharp, one dispose scope per add", tsa["scoped_seconds"], tsa["scoped_best_op_seconds"]);
        }
        else Console.WriteLine($"    TorchSharp: not run: {TorchSharpSide.Unavailable}");
        Line("PyTorch from Python, y = x + x", pa["seconds"], pa["best_op_seconds"]);
        if (floor is not null) Line("libtorch 1.13.1 from C++ (the floor)", floor["seconds"], floor["best_op_seconds"]);
        else Console.WriteLine($"    libtorch from C++: {floorPath} not built (bench/run.sh builds it)");
        Console.WriteLine("    (ratio: to PyTorch's; best: the fastest block of 1000, least disturbed by other load)");
        if (floor is not null)
        {
            // Overhead is what a binding adds on top of libtorch's own op: (time per op) - (C++ floor).
            var ourOverhead = a["best_op_seconds"] - floor["best_op_seconds"];
            var theirOverhead = pa["best_op_seconds"] - floor["best_op_seconds"];
            var ratio = ourOverhead / theirOverhead;
            Console.WriteLine($"    overhead above libtorch's own op: ours {ourOverhead * 1e6:F3} us, PyTorch's {theirOverhead * 1e6:F3} us, ratio {ratio:F2}; " +
                $"target ours <= 1/3 of PyTorch's: {(ratio <= 1.0 / 3 ? "met" : "NOT met")}");
        }
        else Console.WriteLine("    overhead ratio needs the C++ floor (bench/run.sh builds it)");
        Console.WriteLine("    (the floor is Debian's libtorch 1.13.1, which ours and PyTorch call; TorchSharp calls its own libtorch 2.10)");
        Summary.Add("per-op: x + x on 10 floats, best block (1)", "us", a["best_op_seconds"] * 1e6, tsa?["best_op_seconds"] * 1e6, pa["best_op_seconds"] * 1e6);

        Console.WriteLine();
        n = iters["matmul"];
        const double flops = 2.0 * 1000 * 784 * 300;
        var (om, tsm, pm) = Three(repeats, "matmul", n, our, tsSetting, their);
        var og = flops * n / om["seconds"] / 1e9;
        var pg = flops * n / pm["seconds"] / 1e9;
        double Peak(Dictionary<string, double> r) => flops / r["best_op_seconds"] / 1e9;
        Console.WriteLine($"(2) matmul (1000x784) @ (784x300) float32, {n} times; GFLOP/s over all, and in the best block of 10 (target: ours within 10% of PyTorch's)");
        Console.WriteLine($"    ours {og,8:F2} (best block {Peak(om),6:F1})   PyTorch {pg,8:F2} (best block {Peak(pm),6:F1})   ratio ours/PyTorch {og / pg:F3}   target: {(og >= 0.9 * pg ? "met" : "NOT met")}");
        Console.WriteLine(tsm is not null
            ? $"    TorchSharp {flops * n / tsm["seconds"] / 1e9,8:F2} (best block {Peak(tsm),6:F1})   ratio TorchSharp/PyTorch {flops * n / tsm["seconds"] / 1e9 / pg:F3}"
            : $"    TorchSharp: not run: {TorchSharpSide.Unavailable}");
        Summary.Add("matmul (1000x784) @ (784x300) float32, all calls (2)", "GFLOP/s", og, tsm is null ? null : flops * n / tsm["seconds"] / 1e9, pg, rate: true);
        Summary.Add("matmul, the best block of 10 calls (2)", "GFLOP/s", Peak(om), tsm is null ? null : Peak(tsm), Peak(pm), rate: true);

        Console.WriteLine();
        n = iters["alloc"];
        Console.WriteLine($"(3) allocator: relu(x * 2 + 1) on x of 1000x32x28x28 float32 (three fresh 100 MB tensors a step), {n} steps; ms/step");
        var allocMs = new Dictionary<Side, double>();
        foreach (var (side, label, s) in new[] { (Side.Ours, "ours      ", our), (Side.TorchSharp, "TorchSharp", tsSetting), (Side.PyTorch, "PyTorch   ", their) })
        {
            var (withTc, withGlibc) = Interleaved(repeats, () => RunOrSkip(side, "alloc", n, s with { Tcmalloc = true }), () => RunOrSkip(side, "alloc", n, s with { Tcmalloc = false }));
            if (withTc is null || withGlibc is null)
            {
                Console.WriteLine($"    {label}  not run: {TorchSharpSide.Unavailable}");
                continue;
            }
            var tc = allocMs[side] = Ms(withTc, n);
            var gl = Ms(withGlibc, n);
            Console.WriteLine($"    {label}  tcmalloc {tc,8:F1}   glibc malloc {gl,8:F1}   glibc/tcmalloc {gl / tc:F2}");
        }
        Summary.Add("allocator: relu(x * 2 + 1), 3 x 100 MB a step, tcmalloc (3)", "ms", allocMs[Side.Ours],
            allocMs.TryGetValue(Side.TorchSharp, out var tsAlloc) ? tsAlloc : null, allocMs[Side.PyTorch]);
        Console.WriteLine("    (ours under glibc keeps the shim's mallopt tuning, whose 32 MB mmap threshold 100 MB blocks exceed)");

        Mnist(quick ? 2 : 30, our, tsSetting, their);
        Summary.Print(our, tsSetting, their);
        EvalChunks(our);
        MainJob.Run(quick, new Setting(Environment.ProcessorCount, true, true));
        return 0;
    }

    // (5) CS229 PS2 Q4 on MNIST: the whole training run of each side, back to back, once with the environment's
    // OPENBLAS_CORETYPE and once without it (target 1 holds for both), then one CNN epoch each. TorchSharp's twins run
    // in the block whose OPENBLAS_CORETYPE is the one ./homework runs with (its libtorch has MKL, not OpenBLAS).
    private static void Mnist(int epochs, Setting our, Setting ts, Setting their)
    {
        Console.WriteLine();
        Console.WriteLine($"(5) MNIST, CS229 PS2 Q4: 784-300-10 sigmoid MLP, {epochs} epochs of 50 batches of 1000 (median s/epoch), then one CNN epoch");
        var mnistPeer = Path.Combine(Path.GetDirectoryName(peer)!, "mnist.py");
        var threads = their.Threads.ToString(CultureInfo.InvariantCulture);
        var env = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        // With no value in the environment, Haswell (what some environments set) stands in for "as set".
        (string label, string core)[] cores = string.IsNullOrEmpty(env)
            ? [("OPENBLAS_CORETYPE=Haswell (not set here; some environments set it)", "Haswell"), ("OPENBLAS_CORETYPE unset", "")]
            : [($"OPENBLAS_CORETYPE={env} (the environment's)", env), ("OPENBLAS_CORETYPE unset", "")];
        foreach (var (label, core) in cores)
        {
            var pt = RunProcess(Python, [mnistPeer, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--threads", threads], their with { CoreType = core }, "PyTorch MNIST peer");
            var torchTwin = Run(Side.Ours, "mnist-autograd", epochs, our with { CoreType = core });
            var manualTwin = Run(Side.Ours, "mnist-manual", epochs, our with { CoreType = core });
            var asLaunched = core == (env ?? "");
            var tsTorch = asLaunched ? RunOrSkip(Side.TorchSharp, "mnist-autograd", epochs, ts) : null;
            var tsManual = asLaunched ? RunOrSkip(Side.TorchSharp, "mnist-manual", epochs, ts) : null;
            // The MKL CPU-check preload measured, not assumed: the same TorchSharp runs without it.
            var plain = ts with { Env = new Dictionary<string, string>() };
            var tsTorchPlain = asLaunched && TorchSharpSide.Tuning.Count > 0 ? RunOrSkip(Side.TorchSharp, "mnist-autograd", epochs, plain) : null;
            var tsManualPlain = asLaunched && TorchSharpSide.Tuning.Count > 0 ? RunOrSkip(Side.TorchSharp, "mnist-manual", epochs, plain) : null;
            Console.WriteLine($"    {label}");
            Console.WriteLine($"    {"",-34} {"train s",9} {"ratio",6} {"CPU s",7} {"ratio",6} {"eval s",8} {"ratio",6} {"CPU s",7} {"ratio",6} {"dev acc",8} {"RSS MiB epoch 1 -> mid -> last",32} {"peak",6}");
            var rows = new[] { ("PyTorch (autograd, plain tensors)", pt), ("TorchSharp, autograd twin", tsTorch), ("TorchSharp, manual twin", tsManual),
                ("TorchSharp, autograd twin, no preload", tsTorchPlain), ("TorchSharp, manual twin, no preload", tsManualPlain),
                ("ours, autograd twin", torchTwin), ("ours, manual twin", manualTwin) };
            foreach (var (name, r) in rows.Where(row => row.Item2 is not null))
                Console.WriteLine($"    {name,-34} {Times(r!, pt, "train")} {Times(r!, pt, "eval")} {r!["dev_acc"],8:F4} {Rss(r!)}");
            if (asLaunched)
            {
                if (tsTorch is null || tsManual is null) Console.WriteLine($"    TorchSharp: not run: {TorchSharpSide.Unavailable}");
                Summary.Add($"MLP training epoch, autograd twin (5, OPENBLAS_CORETYPE {(core == "" ? "unset" : core)})", "s", torchTwin["train_s_per_epoch"], tsTorch?["train_s_per_epoch"], pt["train_s_per_epoch"]);
                Summary.Add("MLP training epoch, manual twin (5)", "s", manualTwin["train_s_per_epoch"], tsManual?["train_s_per_epoch"], pt["train_s_per_epoch"]);
                Summary.Add("MLP evaluation epoch, autograd twin (5)", "s", torchTwin["eval_s_per_epoch"], tsTorch?["eval_s_per_epoch"], pt["eval_s_per_epoch"]);
                // The default engine's targets (issue 22): both twins' epochs <= 0.6x PyTorch's, peak RSS below it.
                foreach (var (name, r) in new[] { ("TorchSharp autograd twin", tsTorch), ("TorchSharp manual twin", tsManual) })
                {
                    if (r is null) continue;
                    Verdict($"{name}: training epoch <= 0.60x PyTorch's", r, pt, "train_s_per_epoch", 0.60);
                    Verdict($"{name}: evaluation epoch <= 0.60x PyTorch's", r, pt, "eval_s_per_epoch", 0.60);
                    Verdict($"{name}: peak RSS below PyTorch's", r["rss_peak_mb"] / pt["rss_peak_mb"], 1.0, strict: true);
                }
                foreach (var (name, with, without) in new[] { ("autograd", tsTorch, tsTorchPlain), ("manual", tsManual, tsManualPlain) })
                    if (with is not null && without is not null)
                        Console.WriteLine($"      MKL preload, TorchSharp {name} twin: training epoch {without["train_s_per_epoch"]:F3} s without, {with["train_s_per_epoch"]:F3} s with " +
                                          $"({with["train_s_per_epoch"] / without["train_s_per_epoch"]:F2}x); evaluation {without["eval_s_per_epoch"]:F3} s / {with["eval_s_per_epoch"]:F3} s " +
                                          $"({with["eval_s_per_epoch"] / without["eval_s_per_epoch"]:F2}x)");
            }
            foreach (var (name, r) in new[] { ("autograd twin", torchTwin), ("manual twin", manualTwin) })
            {
                Verdict($"{name}: training epoch <= 0.90x PyTorch's", r, pt, "train_s_per_epoch", 0.90);
                Verdict($"{name}: evaluation epoch <= 0.80x PyTorch's", r, pt, "eval_s_per_epoch", 0.80);
                Verdict($"{name}: steady RSS (last epoch) below PyTorch's", r["rss_last_mb"] / pt["rss_last_mb"], 1.0, strict: true);
                Verdict($"{name}: peak RSS below PyTorch's", r["rss_peak_mb"] / pt["rss_peak_mb"], 1.0, strict: true);
                // Growth after the first epoch's warm-up: the last reading against the mid-run one, 2% slack for noise.
                Verdict($"{name}: no RSS growth (last / mid epoch)", r["rss_last_mb"] / r["rss_mid_mb"], 1.02);
            }
            Verdict("manual twin no slower than the autograd twin", manualTwin, torchTwin, "train_s_per_epoch", 1.0);
        }
        var ptCnn = RunProcess(Python, [mnistPeer, "--cnn", "--threads", threads], their, "PyTorch CNN peer");
        var cnn = Run(Side.Ours, "cnn", 1, our);
        var tsCnn = RunOrSkip(Side.TorchSharp, "cnn", 1, ts);
        Console.WriteLine($"    CNN, one training epoch: ours {cnn["train_s_per_epoch"]:F2} s ({cnn["train_cpu_s_per_epoch"]:F2} CPU s), " +
            $"PyTorch {ptCnn["train_s_per_epoch"]:F2} s ({ptCnn["train_cpu_s_per_epoch"]:F2} CPU s); dev acc ours {cnn["dev_acc"]:F4}, PyTorch {ptCnn["dev_acc"]:F4}");
        Console.WriteLine(tsCnn is null ? $"    TorchSharp CNN: not run: {TorchSharpSide.Unavailable}"
            : $"    TorchSharp CNN, one training epoch: {tsCnn["train_s_per_epoch"]:F2} s ({tsCnn["train_cpu_s_per_epoch"]:F2} CPU s); dev acc {tsCnn["dev_acc"]:F4}");
        Summary.Add("CNN training epoch (5)", "s", cnn["train_s_per_epoch"], tsCnn?["train_s_per_epoch"], ptCnn["train_s_per_epoch"]);
        Verdict("ours: CNN training epoch <= 0.80x PyTorch's", cnn, ptCnn, "train_s_per_epoch", 0.80);
        if (tsCnn is not null) Verdict("TorchSharp: CNN training epoch <= 0.75x PyTorch's", tsCnn, ptCnn, "train_s_per_epoch", 0.75);
        Console.WriteLine("    (s: wall seconds, which the targets are about; CPU s: seconds of all threads, the work done, which other load does not inflate)");
    }

    // (6) Evaluator's chunk size: one evaluation epoch of Q4(e) (train + dev sets) per chunk size, for the CNN, whose
    // (chunk, 32, 28, 28) activations are ~100 kB a row, and the MLP. Ours only: the peer evaluates in one pass.
    private static void EvalChunks(Setting our)
    {
        Console.WriteLine();
        Console.WriteLine($"(6) evaluation chunk size: Evaluator over the 50,000 train + 10,000 dev images, second pass; Evaluator.Chunk is {Homework.Training.Evaluator.Chunk}");
        Console.WriteLine($"    {"model",-6} {"chunk",7} {"wall s",8} {"CPU s",7} {"peak RSS MiB",13}");
        foreach (var model in new[] { "cnn", "mlp" })
            foreach (var chunk in new[] { 1000, 2500, 10_000 })
            {
                var r = Run(Side.Ours, $"eval-{model}", chunk, our);
                Console.WriteLine($"    {model,-6} {chunk,7} {r["seconds"],8:F2} {r["cpu_seconds"],7:F2} {r["rss_peak_mb"],13:F0}");
            }
    }

    // Wall and CPU seconds of one phase ("train" or "eval") and their ratios to the reference run.
    private static string Times(Dictionary<string, double> r, Dictionary<string, double> reference, string phase)
    {
        double wall = r[$"{phase}_s_per_epoch"], cpu = r[$"{phase}_cpu_s_per_epoch"];
        return $"{wall,9:F3} {wall / reference[$"{phase}_s_per_epoch"],6:F2} {cpu,7:F3} {cpu / reference[$"{phase}_cpu_s_per_epoch"],6:F2}";
    }

    // A time target: the verdict is on wall seconds; the CPU-seconds ratio is shown beside it.
    private static void Verdict(string target, Dictionary<string, double> r, Dictionary<string, double> reference, string wallKey, double limit)
    {
        var cpuKey = wallKey.Replace("_s_", "_cpu_s_", StringComparison.Ordinal);
        var ratio = r[wallKey] / reference[wallKey];
        Console.WriteLine($"      target {target}: ratio {ratio:F2} (CPU seconds {r[cpuKey] / reference[cpuKey]:F2}): {(ratio <= limit ? "met" : "NOT met")}");
    }

    private static string Rss(Dictionary<string, double> r) =>
        $"{r["rss_first_mb"],8:F0} -> {r["rss_mid_mb"],5:F0} -> {r["rss_last_mb"],5:F0} (max {r["rss_max_mb"],4:F0}) {r["rss_peak_mb"],6:F0}";

    private static void Verdict(string target, double ratio, double limit, bool strict = false) =>
        Console.WriteLine($"      target {target}: ratio {ratio:F2}: {((strict ? ratio < limit : ratio <= limit) ? "met" : "NOT met")}");

    /// <summary>Runs ours and theirs alternately <paramref name="repeats"/> times; keeps each side's smallest value of every measurement (null: never ran).</summary>
    internal static (Dictionary<string, double>? ours, Dictionary<string, double>? theirs) Interleaved(
        int repeats, Func<Dictionary<string, double>?> ours, Func<Dictionary<string, double>?> theirs)
    {
        Dictionary<string, double>? o = null, t = null;
        for (var r = 0; r < repeats; r++)
        {
            o = Min(o, ours());
            t = Min(t, theirs());
        }
        return (o, t);
    }

    /// <summary>One case on the three sides in turn (ours, TorchSharp, PyTorch), <paramref name="repeats"/> times; each side's best. TorchSharp's is null when it cannot run.</summary>
    private static (Dictionary<string, double> ours, Dictionary<string, double>? torchSharp, Dictionary<string, double> pytorch) Three(
        int repeats, string name, int iters, Setting our, Setting ts, Setting their)
    {
        Dictionary<string, double>? o = null, t = null, p = null;
        for (var r = 0; r < repeats; r++)
        {
            o = Min(o, Run(Side.Ours, name, iters, our));
            t = Min(t, RunOrSkip(Side.TorchSharp, name, iters, ts));
            p = Min(p, Run(Side.PyTorch, name, iters, their));
        }
        return (o!, t, p!);
    }

    /// <summary>The smallest value of every measurement over <paramref name="repeats"/> runs.</summary>
    private static Dictionary<string, double> Best(int repeats, Func<Dictionary<string, double>> run)
    {
        Dictionary<string, double>? best = null;
        for (var r = 0; r < repeats; r++) best = Min(best, run());
        return best!;
    }

    internal static Dictionary<string, double>? Min(Dictionary<string, double>? best, Dictionary<string, double>? run) =>
        best is null ? run : run is null ? best : run.ToDictionary(kv => kv.Key, kv => Math.Min(kv.Value, best[kv.Key]));

    /// <summary>Milliseconds per iteration of a case's total seconds.</summary>
    internal static double Ms(Dictionary<string, double> r, int iters) => r["seconds"] / iters * 1e3;

    private static string Cell(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>The C++ add loop (bench/native/add_floor.cpp), under the same settings as the PyTorch peer.</summary>
    private static Dictionary<string, double> RunFloor(int iters, Setting s) =>
        RunProcess(floorPath, [iters.ToString(CultureInfo.InvariantCulture)], s, "libtorch C++ add loop");

    /// <summary>Like <see cref="Run"/>, but a TorchSharp side that cannot run gives null (and its reason, once) instead of stopping the bench.</summary>
    internal static Dictionary<string, double>? RunOrSkip(Side side, string name, int iters, Setting s) =>
        side == Side.TorchSharp ? TorchSharpSide.Try(() => Run(side, name, iters, s)) : Run(side, name, iters, s);

    /// <summary>
    /// Runs the child case <paramref name="name"/> (with <paramref name="extra"/> arguments) once in a fresh process on the
    /// default engine, TorchSharp, with its tuning; on ours when the TorchSharp build is unavailable. The system programs
    /// it starts (chromium, git) get the system's libraries back (Homework.Reports.SystemProgram).
    /// </summary>
    internal static Dictionary<string, double> RunChild(string name, string[] extra, Setting s)
    {
        string[] args = ["--child", name, "--iters", "1", "--threads", s.Threads.ToString(CultureInfo.InvariantCulture), .. extra];
        var system = new Dictionary<string, string> { ["HOMEWORK_ENGINE_VARS"] = "LD_LIBRARY_PATH,LD_PRELOAD" };
        if (TorchSharpSide.Unavailable is null)
            return RunProcess(TorchSharpSide.Muxer, [TorchSharpSide.Dll, .. args],
                s with { Env = new Dictionary<string, string>([.. TorchSharpSide.Runtime, .. TorchSharpSide.Tuning, .. system]) }, $"TorchSharp child '{name}'");
        var self = Environment.ProcessPath!;
        string[] host = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Program).Assembly.Location] : [];
        return RunProcess(self, [.. host, .. args], s with { Env = system }, $"child '{name}'");
    }

    /// <summary>Runs one case in a fresh process (ours, TorchSharp's build of this bench, or the PyTorch peer) and parses its JSON line.</summary>
    private static Dictionary<string, double> Run(Side side, string name, int iters, Setting s)
    {
        string[] common = ["--iters", iters.ToString(CultureInfo.InvariantCulture), "--threads", s.Threads.ToString(CultureInfo.InvariantCulture)];
        if (side == Side.PyTorch) return RunProcess(Python, [peer, name, .. common], s, $"PyTorch peer '{name}'");
        // The runtime folder's LD_LIBRARY_PATH reaches only this child: it starts no system program.
        if (side == Side.TorchSharp)
            return RunProcess(TorchSharpSide.Muxer, [TorchSharpSide.Dll, "--child", name, .. common],
                s with { Env = new Dictionary<string, string>([.. TorchSharpSide.Runtime, .. s.Env ?? new Dictionary<string, string>()]) }, $"TorchSharp child '{name}'");
        // Under `dotnet Homework.Bench.dll` the process is the dotnet host, which needs the assembly path.
        var self = Environment.ProcessPath!;
        string[] host = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Program).Assembly.Location] : [];
        return RunProcess(self, [.. host, "--child", name, .. common], s, $"child '{name}'");
    }

    internal static Dictionary<string, double> RunProcess(string file, string[] args, Setting s, string what)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment.Remove("LD_PRELOAD");
        psi.Environment.Remove("OMP_WAIT_POLICY");
        if (s.Tcmalloc) psi.Environment["LD_PRELOAD"] = Tcmalloc;
        if (s.Passive) psi.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        // OpenBLAS keeps its own pool, which torch.set_num_threads leaves at one thread per core: without this, a
        // "threads=1" child of ours or PyTorch's still ran its matmuls on two threads.
        psi.Environment["OPENBLAS_NUM_THREADS"] = s.Threads.ToString(CultureInfo.InvariantCulture);
        if (s.CoreType == "") psi.Environment.Remove("OPENBLAS_CORETYPE");
        else if (s.CoreType is not null) psi.Environment["OPENBLAS_CORETYPE"] = s.CoreType;
        foreach (var (key, value) in s.Env ?? new Dictionary<string, string>())
            psi.Environment[key] = key == "LD_PRELOAD" && psi.Environment.TryGetValue(key, out var preload) && !string.IsNullOrEmpty(preload) ? $"{preload}:{value}" : value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{what} ({s}) exited {p.ExitCode}: {stderr.Result.Trim()}");
        // The last line is the JSON result; the MNIST peer prefixes it with "RESULT ".
        var last = stdout.Trim().Split('\n')[^1];
        var json = JsonDocument.Parse(last.StartsWith("RESULT ", StringComparison.Ordinal) ? last["RESULT ".Length..] : last).RootElement;
        return json.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Number).ToDictionary(e => e.Name, e => e.Value.GetDouble());
    }

    /// <summary>The whole number ≥ 1 after <paramref name="name"/>, or <paramref name="fallback"/> without one; anything else is one line naming it.</summary>
    internal static int Count(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        return i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new ArgumentException($"{name} needs a whole number of at least 1; got '{(i + 1 < args.Length ? args[i + 1] : "")}'");
    }

    private static string Option(string[] args, string name, string? fallback = null)
    {
        var i = Array.IndexOf(args, name);
        if (i >= 0 && i + 1 < args.Length) return args[i + 1];
        return fallback ?? throw new ArgumentException($"missing {name} VALUE");
    }
}
