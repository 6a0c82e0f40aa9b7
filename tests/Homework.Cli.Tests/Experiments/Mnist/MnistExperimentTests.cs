// The main job's training loop on a real MNIST subset: the two twins agree epoch by epoch, a resumed run
// equals an uninterrupted one, and checkpoints written by either twin load into the other.
using Homework.Cli.Experiments.Mnist;
using Homework.Cli.Progress;
using Homework.Data;
using Homework.TestSupport;

namespace Homework.Cli.Tests.Experiments.Mnist;

/// <summary>The first 2,000 training and 500 dev images of the CS229 split, loaded once.</summary>
public sealed class SmallMnist : IDisposable
{
    public SmallMnist()
    {
        using var full = Splits.Cs229Mnist();
        Split = new DataSplit(Take(full.Train, 2000), Take(full.Validation, 500), Take(full.Test, 500), full.Preprocessing);
    }

    public DataSplit Split { get; }

    public void Dispose() => Split.Dispose();

    private static Examples Take(Examples e, long n) =>
        new(e.Inputs.narrow(0, 0, n).clone(), e.Targets.narrow(0, 0, n).clone(), e.Labels.narrow(0, 0, n).clone());
}

public sealed class MnistExperimentTests(SmallMnist mnist) : IClassFixture<SmallMnist>, IDisposable
{
    // Both twins run float32 with the same start; they differ only in summation order, so losses drift apart by
    // float32 rounding amplified over 30 steps, far below the differences any wrong gradient makes.
    private static readonly Tolerance TwinTraining = new(1e-5, 1e-4, "float32 twins after 30 steps");

    private readonly string dir = Directory.CreateTempSubdirectory("homework-mnist-").FullName;

    private TrainConfig Config(Impl impl, int epochs, string sub, double lambda = 1e-4) =>
        new(impl, lambda, epochs, BatchSize: 200, LearningRate: 1, Hidden: 32, Seed: 7, CheckpointDir: Path.Combine(dir, sub));

    private History Train(TrainConfig config, bool resume = false) => MnistExperiment.Train(config, mnist.Split, new NullSink(), resume);

    [Fact]
    public void ManualAndTorchTwinsAgreeEpochByEpoch()
    {
        var manual = Train(Config(Impl.Manual, 3, "manual"));
        var torchRun = Train(Config(Impl.Torch, 3, "torch"));
        TensorAssert.Close("train loss per epoch", [.. manual.TrainLoss], [.. torchRun.TrainLoss], TwinTraining);
        TensorAssert.Close("dev loss per epoch", [.. manual.DevLoss], [.. torchRun.DevLoss], TwinTraining);
        TensorAssert.Close("train accuracy per epoch", [.. manual.TrainAccuracy], [.. torchRun.TrainAccuracy], new Tolerance(1.0 / 2000, 0, "one image in 2,000"));
        // Learning happened, so the agreement is not that of two untrained networks.
        Assert.True(manual.TrainLoss[^1] < manual.TrainLoss[0], $"loss did not fall: {string.Join(", ", manual.TrainLoss)}");
    }

    [Fact]
    public void CheckpointsOfEitherTwinGiveTheSameTestAccuracy()
    {
        var manualConfig = Config(Impl.Manual, 2, "manual");
        var torchConfig = Config(Impl.Torch, 2, "torch");
        Train(manualConfig);
        Train(torchConfig);
        var fromManual = MnistExperiment.AccuracyFromCheckpoint(manualConfig.CheckpointPath, 32, mnist.Split.Test);
        var fromTorch = MnistExperiment.AccuracyFromCheckpoint(torchConfig.CheckpointPath, 32, mnist.Split.Test);
        Assert.InRange(Math.Abs(fromManual - fromTorch), 0, 1.0 / 500 + 1e-12);
        // Twenty steps from N(0, 1) weights: well above chance (0.1), far from converged.
        Assert.InRange(fromTorch, 0.2, 1.0);
    }

    [Theory]
    [InlineData(Impl.Torch)]
    [InlineData(Impl.Manual)]
    public void ResumedRunEqualsUninterruptedRun(Impl impl)
    {
        var whole = Train(Config(impl, 4, "whole"));
        var interrupted = Config(impl, 2, "interrupted");
        Train(interrupted);
        var resumed = Train(interrupted with { Epochs = 4 }, resume: true);

        TensorAssert.Close("train loss", [.. resumed.TrainLoss], [.. whole.TrainLoss], Tolerance.Exact);
        TensorAssert.Close("dev accuracy", [.. resumed.DevAccuracy], [.. whole.DevAccuracy], Tolerance.Exact);
        Assert.Equal(File.ReadAllBytes(Config(impl, 4, "whole").CheckpointPath), File.ReadAllBytes(interrupted.CheckpointPath));
    }

    [Fact]
    public void ResumeOfAFinishedRunTrainsNothing()
    {
        var config = Config(Impl.Torch, 2, "done");
        var first = Train(config);
        var before = File.GetLastWriteTimeUtc(config.CheckpointPath);
        var again = Train(config, resume: true);
        Assert.Equal(first.TrainLoss, again.TrainLoss);
        Assert.Equal(before, File.GetLastWriteTimeUtc(config.CheckpointPath));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class NullSink : IProgressSink
    {
        public void Batch() { }
        public void Epoch(int epoch, string summary) { }
        public void Log(string line) { }
    }
}
