// The MNIST workloads of the speed benchmark, run in a child process: CS229 PS2 Q4's 30-epoch MLP run
// (either twin) and one Q4(e) CNN epoch, the same work bench/pytorch/mnist.py times. Not the orchestration.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Training;
using Homework.Training.Twins;
using TorchModels = Homework.Torch.Models;

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
            using var model = MlpTwin.Create(impl, 784, 300, 10, lambda: 0, seed: 0);
            var history = Trainer.Fit(model, data.Train, data.Validation,
                new TrainConfig(epochs, BatchSize: 1000, LearningRate: 5, CheckpointPath: Path.Combine(dir, "mlp.dat")), rss);
            return new()
            {
                ["train_s_per_epoch"] = Median(history.EpochSeconds),
                ["eval_s_per_epoch"] = Median(history.EvalSeconds),
                ["dev_acc"] = history.ValidationAccuracy[^1],
                ["rss_first_mb"] = rss.Readings[0],
                ["rss_mid_mb"] = rss.Readings[rss.Readings.Count / 2],
                ["rss_last_mb"] = rss.Readings[^1],
                ["rss_max_mb"] = rss.Readings.Max(),
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
        torch.manual_seed(0);
        var module = new TorchModels.Cnn(28, 10);
        using var cnn = new ModuleClassifier(module, (x, y, lr) => module.Step(x, y, lr), x => x.view(x.shape[0], 1, 28, 28));
        var history = Trainer.Fit(cnn, data.Train, data.Validation, new TrainConfig(1, BatchSize: 1000, LearningRate: 0.1, EvaluateTrainingSet: false), new RssSink());
        return new() { ["train_s_per_epoch"] = history.EpochSeconds[0], ["dev_acc"] = history.ValidationAccuracy[^1] };
    }

    private static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Records the process's resident set size (MiB) after every epoch, after a full garbage collection.</summary>
    private sealed class RssSink : IProgressSink
    {
        public List<double> Readings { get; } = [];
        public void Batch() { }

        public void Epoch(int epoch, string summary)
        {
            // After a full collection (outside the timed train/eval work), RSS growth can only be retained memory:
            // native tensors or live managed objects, not garbage the GC has not got round to.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Readings.Add(Rss());
            if (Environment.GetEnvironmentVariable("HOMEWORK_BENCH_TRACE") is not null) Console.Error.WriteLine($"epoch {epoch}: RSS {Readings[^1]:F1} MiB");
        }

        public void Log(string line) { }

        private static double Rss()
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
    }
}
