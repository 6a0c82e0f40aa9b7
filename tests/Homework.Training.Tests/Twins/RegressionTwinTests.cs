// The logistic and softmax regression twins through the one training loop: both twins take the same steps (float64,
// so any gradient difference shows), checkpoints of either load into the other, and the binary score follows 004's
// rule ŷ ≥ 0.5. Expected values come from the other twin (autograd) or from hand-counted examples, never the adapter.
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Twins;

namespace Homework.Training.Tests.Twins;

public sealed class RegressionTwinTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("homework-regression-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // 60 random examples of 6 features; binary labels, or 4 classes with one-hot targets.
    private static Examples Data(bool binary, long seed)
    {
        manual_seed(seed);
        var x = randn(60, 6, float64);
        var labels = binary ? x.narrow(1, 0, 1).squeeze(1).add(x.narrow(1, 1, 1).squeeze(1)).gt(0).to(ScalarType.Int64) : x.narrow(1, 0, 4).argmax(1);
        var targets = binary ? labels.to(ScalarType.Float64).unsqueeze(1) : nn.functional.one_hot(labels, 4).to(ScalarType.Float64);
        return new Examples(x.DetachFromDisposeScope(), targets.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }

    private static TrainConfig Config => new(Epochs: 3, BatchSize: 16, LearningRate: 0.3, Shuffle: true, Seed: 3, EvaluateEverySteps: 2, RecordStepLoss: true);

    [Theory]
    [InlineData(BiasLayout.Trick)]
    [InlineData(BiasLayout.Separate)]
    public void LogisticTwinsTakeTheSameSteps(BiasLayout layout)
    {
        using var data = Data(binary: true, seed: 1);
        using var manual = LogisticRegressionTwin.Zeros(Impl.Manual, 6, layout, ScalarType.Float64);
        using var autograd = LogisticRegressionTwin.Zeros(Impl.Torch, 6, layout, ScalarType.Float64);
        var a = Trainer.Fit(manual, data, data, Config, NullProgress.Instance);
        var b = Trainer.Fit(autograd, data, data, Config, NullProgress.Instance);
        Assert.Equal(Math.Log(2), b.StepLoss[0], 1e-12);                 // both start from zero: ŷ = 1/2
        TensorAssert.Close("step losses", [.. a.StepLoss], [.. b.StepLoss], Tolerance.Float64);
        TensorAssert.Close("w", manual.Weight(), autograd.Weight(), Tolerance.Float64);
        Assert.Equal(layout == BiasLayout.Trick ? [7L] : [6L], manual.Weight().shape);
        if (layout == BiasLayout.Separate) TensorAssert.Close("b", manual.Bias()!, autograd.Bias()!, Tolerance.Float64);
        Assert.True(a.StepLoss[^1] < Math.Log(2) - 0.1, $"the loss did not fall from log 2: {a.StepLoss[^1]}");
    }

    [Theory]
    [InlineData(BiasLayout.Trick, true)]
    [InlineData(BiasLayout.Trick, false)]
    [InlineData(BiasLayout.Separate, false)]
    public void SoftmaxTwinsTakeTheSameSteps(BiasLayout layout, bool penaliseBiasRow)
    {
        using var data = Data(binary: false, seed: 2);
        using var manual = SoftmaxRegressionTwin.Zeros(Impl.Manual, 6, 4, layout, l2: 0.05, penaliseBiasRow, ScalarType.Float64);
        using var autograd = SoftmaxRegressionTwin.Zeros(Impl.Torch, 6, 4, layout, l2: 0.05, penaliseBiasRow, ScalarType.Float64);
        var a = Trainer.Fit(manual, data, data, Config, NullProgress.Instance);
        var b = Trainer.Fit(autograd, data, data, Config, NullProgress.Instance);
        Assert.Equal(Math.Log(4), b.StepLoss[0], 1e-12);                 // both start from zero: uniform over 4 classes
        TensorAssert.Close("step losses", [.. a.StepLoss], [.. b.StepLoss], Tolerance.Float64);
        TensorAssert.Close("W", manual.Weight(), autograd.Weight(), Tolerance.Float64);
        Assert.True(a.ValidationAccuracy[^1] > 0.5, $"accuracy {a.ValidationAccuracy[^1]} on 4 classes: nothing was learnt");
    }

    [Fact]
    public void PenalisingTheBiasRowShrinksIt()
    {
        // Same data and steps; only the bias row's penalty differs, so only its size can tell the runs apart.
        using var data = Data(binary: false, seed: 4);
        double BiasRowNorm(bool penalise)
        {
            using var model = SoftmaxRegressionTwin.Zeros(Impl.Manual, 6, 4, BiasLayout.Trick, l2: 0.5, penalise, ScalarType.Float64);
            Trainer.Fit(model, data, null, Config with { EvaluateEverySteps = null }, NullProgress.Instance);
            return model.Weight().narrow(0, 6, 1).square().sum().item<double>();
        }
        Assert.True(BiasRowNorm(true) < BiasRowNorm(false), "the penalised bias row is not smaller");
    }

    [Theory]
    [InlineData(Impl.Manual, Impl.Torch)]
    [InlineData(Impl.Torch, Impl.Manual)]
    public void CheckpointsOfOneTwinLoadIntoTheOther(Impl saver, Impl loader)
    {
        using var data = Data(binary: false, seed: 5);
        var path = Path.Combine(dir, $"softmax-{saver}.dat");
        using var trained = SoftmaxRegressionTwin.Zeros(saver, 6, 4, BiasLayout.Separate, 0.01, false, ScalarType.Float64);
        Trainer.Fit(trained, data, null, Config with { CheckpointPath = path, EvaluateEverySteps = null }, NullProgress.Instance);
        using var fresh = SoftmaxRegressionTwin.Zeros(loader, 6, 4, BiasLayout.Separate, 0.01, false, ScalarType.Float64);
        Assert.NotNull(fresh.Resume(path));
        TensorAssert.Close("W after loading", fresh.Weight(), trained.Weight(), Tolerance.Exact);
        // The twins compute logits with different ops (libtorch may round them differently): loss to float64 rounding.
        var (expected, actual) = (trained.Score(data), fresh.Score(data));
        Assert.Equal(expected.Correct, actual.Correct);
        TensorAssert.Close("loss sum after loading", [actual.LossSum], [expected.LossSum], Tolerance.Float64);

        var logisticPath = Path.Combine(dir, $"logistic-{saver}.dat");
        using var data2 = Data(binary: true, seed: 6);
        using var logistic = LogisticRegressionTwin.Zeros(saver, 6, BiasLayout.Separate, ScalarType.Float64);
        Trainer.Fit(logistic, data2, null, Config with { CheckpointPath = logisticPath, EvaluateEverySteps = null }, NullProgress.Instance);
        using var logisticFresh = LogisticRegressionTwin.Zeros(loader, 6, BiasLayout.Separate, ScalarType.Float64);
        Assert.NotNull(logisticFresh.Resume(logisticPath));
        TensorAssert.Close("w after loading", logisticFresh.Weight(), logistic.Weight(), Tolerance.Exact);
        TensorAssert.Close("b after loading", logisticFresh.Bias()!, logistic.Bias()!, Tolerance.Exact);
    }

    [Fact]
    public void BinaryScorePredictsOneWhenTheProbabilityIsAtLeastOneHalf()
    {
        using var scope = NewDisposeScope();
        // z = 0 gives ŷ = 0.5, which 004 Task 2c counts as "1"; losses are log(1 + e^{-z}) for y = 1 and log(1 + e^{z}) for y = 0.
        var z = tensor(new double[] { 0, 2, -1, -3 });
        var y = tensor(new long[] { 1, 0, 0, 1 });
        var score = Classification.BinaryScore(z, y);
        Assert.Equal(2, score.Correct);                                       // z = 0 → 1 (right), 2 → 1 (wrong), -1 → 0 (right), -3 → 0 (wrong)
        var expected = Math.Log(2) + Math.Log(1 + Math.Exp(2)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(3));
        Assert.Equal(expected, score.LossSum, 1e-12);
    }
}
