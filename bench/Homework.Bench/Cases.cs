// The workloads timed in a child process, one per case, mirroring bench/pytorch/ops.py line for line.
// Not the orchestration (Program.cs); each case returns its elapsed seconds.
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Bench;

internal static class Cases
{
    public static readonly string[] Names = ["adds", "matmul", "alloc", "mlp", "mnist-autograd", "mnist-manual", "cnn"];

    /// <summary>Runs one case and returns its measurements (seconds, and for adds the scoped variant too).</summary>
    public static Dictionary<string, double> Run(string name, int iters) => name switch
    {
        "adds" => Adds(iters),
        "matmul" => Matmul(iters),
        "alloc" => Timed(Alloc(iters)),
        "mlp" => Timed(Mlp(iters)),
        "mnist-autograd" => MnistCases.Mlp(Homework.Training.Pairs.Impl.Autograd, iters),
        "mnist-manual" => MnistCases.Mlp(Homework.Training.Pairs.Impl.Manual, iters),
        "cnn" => MnistCases.Cnn(),
        "eval-cnn" => MnistCases.Eval(cnn: true, chunk: iters),
        "eval-mlp" => MnistCases.Eval(cnn: false, chunk: iters),
        _ => throw new ArgumentException($"unknown case '{name}': use one of {string.Join(", ", Names)}"),
    };

    private static Dictionary<string, double> Timed(double seconds) => new() { ["seconds"] = seconds };

    // Per-op overhead: an add of two 10-element tensors, the result freed each iteration, timed in blocks
    // of 1000 (the total, and the best block: the least disturbed by other processes on a shared machine).
    // Once with `using`, once the idiomatic way with a dispose scope per step.
    private static Dictionary<string, double> Adds(int iters)
    {
        using var x = ones(10);
        // Half a second of warm-up lets the tiered JIT reach its optimised, profile-guided code.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 0.5;)
        {
            Blocks(1000, () => { using var y = x + x; });
            Blocks(1000, () => { using var scope = NewDisposeScope(); _ = x + x; });
        }
        var (seconds, best) = Blocks(iters, () => { using var y = x + x; });
        var (scoped, scopedBest) = Blocks(iters, () =>
        {
            using var scope = NewDisposeScope();
            _ = x + x;
        });
        return new() { ["seconds"] = seconds, ["best_op_seconds"] = best, ["scoped_seconds"] = scoped, ["scoped_best_op_seconds"] = scopedBest };
    }

    private static (double seconds, double bestOp) Blocks(int iters, Action op, int block = 1000)
    {
        var best = double.PositiveInfinity;
        var total = Stopwatch.StartNew();
        for (var done = 0; done < iters; done += block)
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < block; i++) op();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds / block);
        }
        return (total.Elapsed.TotalSeconds, best);
    }

    // The total, and the best block of 10 (as for adds: on a shared machine, the block least disturbed by other load).
    private static Dictionary<string, double> Matmul(int iters)
    {
        using var scope = NewDisposeScope();
        var a = randn(1000, 784);
        var b = randn(784, 300);
        for (var i = 0; i < 3; i++) { using var c = a.matmul(b); }
        var (seconds, best) = Blocks(iters, () => { using var c = a.matmul(b); }, block: 10);
        return new() { ["seconds"] = seconds, ["best_op_seconds"] = best };
    }

    // Allocation-heavy: every step makes three fresh 100 MB float activations (1000x32x28x28).
    private static double Alloc(int iters)
    {
        using var x = randn([1000, 32, 28, 28]);
        Step(x);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iters; i++) Step(x);
        return sw.Elapsed.TotalSeconds;

        static void Step(Tensor x)
        {
            using var scope = NewDisposeScope();
            _ = (x * 2 + 1).relu();
        }
    }

    // An MLP forward on a 1000-sample batch: BLAS (matmul) and ATen's OpenMP loops (sigmoid, softmax) in turn.
    private static double Mlp(int iters)
    {
        using var scope = NewDisposeScope();
        var x = randn(1000, 784);
        var w1 = randn(784, 300) * 0.05;
        var w2 = randn(300, 10) * 0.05;
        for (var i = 0; i < 3; i++) Step();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iters; i++) Step();
        return sw.Elapsed.TotalSeconds;

        void Step()
        {
            using var s = NewDisposeScope();
            _ = x.matmul(w1).sigmoid().matmul(w2).softmax(1);
        }
    }
}
