// The CS229 sigmoid MLP pair through the one training loop on a real MNIST subset: the two twins agree epoch by epoch,
// a resumed run equals an uninterrupted one, and checkpoints written by either twin load into the other.
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests.Pairs;

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

    private static Examples Take(Examples e, long n)
    {
        using var view = e.Rows(0, n);
        return view.Copy();
    }
}

public sealed class SigmoidMlpPairTests(SmallMnist mnist) : IClassFixture<SmallMnist>, IDisposable
{
    // Both twins run float32 with the same start; they differ only in summation order, so losses drift apart by
    // float32 rounding amplified over 30 steps, far below the differences any wrong gradient makes.
    private static readonly Tolerance TwinTraining = new(1e-5, 1e-4, "float32 twins after 30 steps");

    private readonly string dir = Directory.CreateTempSubdirectory("homework-mnist-").FullName;

    private TrainConfig Config(int epochs, string sub) =>
        new(epochs, BatchSize: 200, CheckpointPath: Path.Combine(dir, sub, "mlp.dat"));

    private History Train(Impl impl, TrainConfig config, bool resume = false)
    {
        using var model = SigmoidMlpPair.Create(impl, 784, 32, 10, lambda: 1e-4, lr: 1, seed: 7);
        return Trainer.Fit(model, mnist.Split.Train, mnist.Split.Validation, config with { Resume = resume }, NullProgress.Instance);
    }

    // A fresh pair (other weights: another seed) of twin impl, loaded from the checkpoint.
    private static double AccuracyFromCheckpoint(string datPath, Impl impl, Examples test)
    {
        using var model = SigmoidMlpPair.Create(impl, 784, 32, 10, lambda: 1e-4, lr: 1, seed: 8);
        Assert.NotNull(model.Resume(datPath));
        return Evaluator.Evaluate(model, test).Accuracy;
    }

    [Fact]
    public void OneSeedGivesBothTwinsTheHomeworkInitialization()
    {
        using var manual = SigmoidMlpPair.Create(Impl.Manual, 50, 30, 10, lambda: 0, lr: 1, seed: 43);
        using var autograd = SigmoidMlpPair.Create(Impl.Autograd, 50, 30, 10, lambda: 0, lr: 1, seed: 43);
        foreach (var name in new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" })
            TensorAssert.Close(name, manual.Parameter(name), autograd.Parameter(name), Tolerance.Exact);
        // Q4(b): weights standard normal (1,500 draws), biases zero, in nn.Linear's (out, in) layout.
        Assert.InRange(manual.Parameter("fc1.weight").std().item<float>(), 0.9, 1.1);
        Assert.Equal([30L, 50L], manual.Parameter("fc1.weight").shape);
        Assert.Equal(0, manual.Parameter("fc1.bias").abs().sum().item<float>());
        using var other = SigmoidMlpPair.Create(Impl.Manual, 50, 30, 10, lambda: 0, lr: 1, seed: 44);
        Assert.NotEqual(manual.Parameter("fc1.weight").sum().item<float>(), other.Parameter("fc1.weight").sum().item<float>());
    }

    [Fact]
    public void ManualAndAutogradTwinsAgreeEpochByEpoch()
    {
        var manual = Train(Impl.Manual, Config(3, "manual"));
        var torchRun = Train(Impl.Autograd, Config(3, "torch"));
        TensorAssert.Close("train loss per epoch", [.. manual.TrainLoss], [.. torchRun.TrainLoss], TwinTraining);
        TensorAssert.Close("dev loss per epoch", [.. manual.ValidationLoss], [.. torchRun.ValidationLoss], TwinTraining);
        TensorAssert.Close("train accuracy per epoch", [.. manual.TrainAccuracy], [.. torchRun.TrainAccuracy], new Tolerance(1.0 / 2000, 0, "one image in 2,000"));
        // Learning happened, so the agreement is not that of two untrained networks.
        Assert.True(manual.TrainLoss[^1] < manual.TrainLoss[0], $"loss did not fall: {string.Join(", ", manual.TrainLoss)}");
    }

    [Fact]
    public void CheckpointsOfEitherTwinGiveTheSameTestAccuracy()
    {
        var manualConfig = Config(2, "manual");
        var torchConfig = Config(2, "torch");
        Train(Impl.Manual, manualConfig);
        Train(Impl.Autograd, torchConfig);
        // Each twin's checkpoint loaded into the other twin.
        var fromManual = AccuracyFromCheckpoint(manualConfig.CheckpointPath!, Impl.Autograd, mnist.Split.Test);
        var fromTorch = AccuracyFromCheckpoint(torchConfig.CheckpointPath!, Impl.Manual, mnist.Split.Test);
        Assert.InRange(Math.Abs(fromManual - fromTorch), 0, 1.0 / 500 + 1e-12);
        // Twenty steps from N(0, 1) weights: well above chance (0.1), far from converged.
        Assert.InRange(fromTorch, 0.2, 1.0);
    }

    [Theory]
    [InlineData(Impl.Autograd)]
    [InlineData(Impl.Manual)]
    public void ResumedRunEqualsUninterruptedRun(Impl impl)
    {
        var whole = Train(impl, Config(4, "whole"));
        var interrupted = Config(2, "interrupted");
        Train(impl, interrupted);
        var resumed = Train(impl, interrupted with { Epochs = 4 }, resume: true);

        TensorAssert.Close("train loss", [.. resumed.TrainLoss], [.. whole.TrainLoss], Tolerance.Exact);
        TensorAssert.Close("dev accuracy", [.. resumed.ValidationAccuracy], [.. whole.ValidationAccuracy], Tolerance.Exact);
        Assert.Equal(File.ReadAllBytes(Config(4, "whole").CheckpointPath!), File.ReadAllBytes(interrupted.CheckpointPath!));
    }

    [Fact]
    public void ResumeOfAFinishedRunTrainsNothing()
    {
        var config = Config(2, "done");
        var first = Train(Impl.Autograd, config);
        var before = File.GetLastWriteTimeUtc(config.CheckpointPath!);
        var again = Train(Impl.Autograd, config, resume: true);
        Assert.Equal(first.TrainLoss, again.TrainLoss);
        Assert.Equal(before, File.GetLastWriteTimeUtc(config.CheckpointPath!));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
