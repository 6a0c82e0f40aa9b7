// The MNIST workloads of the speed benchmark, run in a child process: CS229 PS2 Q4's 30-epoch MLP run
// (either twin) and one Q4(e) CNN epoch, the same work bench/pytorch/mnist.py times. Not the orchestration.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Bench;

internal static class MnistCases
{
    /// <summary>Trains the Q4 MLP for <paramref name="epochs"/> epochs with <paramref name="impl"/>; medians of train and eval seconds, RSS growth.</summary>
    public static Dictionary<string, double> Mlp(Impl impl, int epochs)
    {
        using var data = Splits.Cs229Mnist();
        var dir = Directory.CreateTempSubdirectory("homework-bench-").FullName;
        try
        {
            var rss = new RssSink();
            // Q4(b)'s settings, as homework run cs229-w25/q4-mnist trains them.
            using var model = SigmoidMlpPair.Create(impl, 784, 300, 10, lambda: 0, lr: 5, seed: 0);
            var history = Trainer.Fit(model, data.Train, data.Validation,
                new TrainConfig(epochs, BatchSize: 1000, CheckpointPath: Path.Combine(dir, "mlp.dat")), rss);
            return new()
            {
                ["train_s_per_epoch"] = Median(history.EpochSeconds),
                ["eval_s_per_epoch"] = Median(history.EvalSeconds),
                ["dev_acc"] = history.ValidationAccuracy[^1],
                ["rss_first_mb"] = rss.Readings[0],
                ["rss_mid_mb"] = rss.Readings[rss.Readings.Count / 2],
                ["rss_last_mb"] = rss.Readings[^1],
                ["rss_max_mb"] = rss.Readings.Max(),
                ["rss_peak_mb"] = RssSink.Status("VmHWM"),
                ["train_cpu_s_per_epoch"] = Median(rss.TrainCpu),
                ["eval_cpu_s_per_epoch"] = Median(rss.EvalCpu),
            };
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One training epoch of the Q4(e) CNN with the peer's settings (batch 1000, lr 0.1, default init).</summary>
    public static Dictionary<string, double> Cnn()
    {
        using var data = Splits.Cs229Mnist();
        using var cnn = CnnPair.Create(Impl.Autograd, 28, 10, lr: 0.1, seed: 0);
        var sink = new RssSink();
        var history = Trainer.Fit(cnn, data.Train, data.Validation, new TrainConfig(1, BatchSize: 1000, EvaluateTrainingSet: false), sink);
        return new() { ["train_s_per_epoch"] = history.EpochSeconds[0], ["train_cpu_s_per_epoch"] = sink.TrainCpu[0], ["dev_acc"] = history.ValidationAccuracy[^1] };
    }

    /// <summary>
    /// Evaluator.Evaluate over the 50,000 training and 10,000 dev images (what every epoch of Q4(e) evaluates), in chunks
    /// of <paramref name="chunk"/> rows, of the CNN or the 784-300-10 MLP (PyTorch default initialisation): the wall and CPU
    /// seconds (user + system: first touches of fresh pages are system time) of the second pass, and the peak RSS.
    /// </summary>
    public static Dictionary<string, double> Eval(bool cnn, int chunk)
    {
        using var data = Splits.Cs229Mnist();
        using var model = cnn
            ? CnnPair.Create(Impl.Autograd, 28, 10, lr: 0.1, seed: 0)
            : SigmoidMlpPair.Create(Impl.Autograd, 784, 300, 10, lambda: 0, lr: 5, seed: 0, pytorchDefaultInit: true);
        void Pass() { Evaluator.Evaluate(model, data.Train, chunk); Evaluator.Evaluate(model, data.Validation, chunk); }
        Pass();
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        Pass();
        return new()
        {
            ["seconds"] = wall.Elapsed.TotalSeconds, ["cpu_seconds"] = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, ["rss_peak_mb"] = RssSink.Status("VmHWM"),
        };
    }

    private static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>
    /// Records the process's resident set size (MiB) after every epoch, after a full garbage collection, and the
    /// process CPU seconds (all threads) of each epoch's training and of its evaluation + checkpoint save. CPU
    /// seconds measure the work done, which other load on a shared machine does not inflate as it does wall time.
    /// </summary>
    private sealed class RssSink : IProgressSink
    {
        private double epochStart = Cpu(), lastBatch;

        public List<double> Readings { get; } = [];
        public List<double> TrainCpu { get; } = [];
        public List<double> EvalCpu { get; } = [];

        public void Batch() => lastBatch = Cpu();

        public void Epoch(int epoch, string summary)
        {
            var now = Cpu();
            TrainCpu.Add(lastBatch - epochStart);
            EvalCpu.Add(now - lastBatch);
            // After a full collection (outside the timed train/eval work), RSS growth can only be retained memory:
            // native tensors or live managed objects, not garbage the GC has not got round to.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Readings.Add(Status("VmRSS"));
            epochStart = Cpu();
            if (Environment.GetEnvironmentVariable("HOMEWORK_BENCH_TRACE") is not null) Console.Error.WriteLine($"epoch {epoch}: RSS {Readings[^1]:F1} MiB");
        }

        public void Log(string line) { }

        private static double Cpu() => Environment.CpuUsage.TotalTime.TotalSeconds;

        /// <summary>A memory figure of this process in MiB from /proc/self/status: VmRSS (resident now) or VmHWM (peak).</summary>
        public static double Status(string field)
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
    }
}
