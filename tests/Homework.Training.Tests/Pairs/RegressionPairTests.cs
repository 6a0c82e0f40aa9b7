// The logistic and softmax regression pairs through the one training loop: both twins take the same steps (float64,
// so any gradient difference shows), checkpoints of either load into the other, and the binary score follows 004's
// rule ŷ ≥ 0.5. Expected values come from the other twin (autograd) or from hand-counted examples, never the pair.
using Homework.Common;
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests.Pairs;

public sealed class RegressionPairTests : IDisposable
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

    private const double Lr = 0.3;

    private static TrainConfig Config => new(Epochs: 3, BatchSize: 16, Shuffle: true, Seed: 3, EvaluateEverySteps: 2, RecordStepLoss: true);

    [Theory]
    [InlineData(BiasLayout.Trick)]
    [InlineData(BiasLayout.Separate)]
    public void LogisticTwinsTakeTheSameSteps(BiasLayout layout)
    {
        using var data = Data(binary: true, seed: 1);
        using var manual = LogisticRegressionPair.Zeros(Impl.Manual, 6, layout, Lr, ScalarType.Float64);
        using var autograd = LogisticRegressionPair.Zeros(Impl.Autograd, 6, layout, Lr, ScalarType.Float64);
        var a = Trainer.Fit(manual, data, data, Config, NullProgress.Instance);
        var b = Trainer.Fit(autograd, data, data, Config, NullProgress.Instance);
        Assert.Equal(Math.Log(2), b.StepLoss[0], 1e-12);                 // both start from zero: ŷ = 1/2
        TensorAssert.Close("step losses", [.. a.StepLoss], [.. b.StepLoss], Tolerance.Float64);
        TensorAssert.Close("w", manual.Parameter("linear.weight"), autograd.Parameter("linear.weight"), Tolerance.Float64);
        Assert.Equal(layout == BiasLayout.Trick ? [1L, 7L] : [1L, 6L], manual.Parameter("linear.weight").shape);
        if (layout == BiasLayout.Separate) TensorAssert.Close("b", manual.Parameter("linear.bias"), autograd.Parameter("linear.bias"), Tolerance.Float64);
        Assert.True(a.StepLoss[^1] < Math.Log(2) - 0.1, $"the loss did not fall from log 2: {a.StepLoss[^1]}");
    }

    [Theory]
    [InlineData(BiasLayout.Trick, true)]
    [InlineData(BiasLayout.Trick, false)]
    [InlineData(BiasLayout.Separate, false)]
    public void SoftmaxTwinsTakeTheSameSteps(BiasLayout layout, bool penaliseBiasRow)
    {
        using var data = Data(binary: false, seed: 2);
        using var manual = SoftmaxRegressionPair.Zeros(Impl.Manual, 6, 4, layout, l2: 0.05, penaliseBiasRow, Lr, ScalarType.Float64);
        using var autograd = SoftmaxRegressionPair.Zeros(Impl.Autograd, 6, 4, layout, l2: 0.05, penaliseBiasRow, Lr, ScalarType.Float64);
        var a = Trainer.Fit(manual, data, data, Config, NullProgress.Instance);
        var b = Trainer.Fit(autograd, data, data, Config, NullProgress.Instance);
        Assert.Equal(Math.Log(4), b.StepLoss[0], 1e-12);                 // both start from zero: uniform over 4 classes
        TensorAssert.Close("step losses", [.. a.StepLoss], [.. b.StepLoss], Tolerance.Float64);
        TensorAssert.Close("W", manual.Parameter("linear.weight"), autograd.Parameter("linear.weight"), Tolerance.Float64);
        Assert.True(a.ValidationAccuracy[^1] > 0.5, $"accuracy {a.ValidationAccuracy[^1]} on 4 classes: nothing was learnt");
    }

    [Fact]
    public void PenalisingTheBiasRowShrinksIt()
    {
        // Same data and steps; only the bias row's penalty differs, so only its size can tell the runs apart.
        using var data = Data(binary: false, seed: 4);
        double BiasRowNorm(bool penalise)
        {
            using var model = SoftmaxRegressionPair.Zeros(Impl.Manual, 6, 4, BiasLayout.Trick, l2: 0.5, penalise, Lr, ScalarType.Float64);
            Trainer.Fit(model, data, null, Config with { EvaluateEverySteps = null }, NullProgress.Instance);
            return model.Parameter("linear.weight").narrow(1, 6, 1).square().sum().item<double>();     // (4, 7): the bias trick's column
        }
        Assert.True(BiasRowNorm(true) < BiasRowNorm(false), "the penalised bias row is not smaller");
    }

    [Theory]
    [InlineData(Impl.Manual, Impl.Autograd)]
    [InlineData(Impl.Autograd, Impl.Manual)]
    public void CheckpointsOfOneTwinLoadIntoTheOther(Impl saver, Impl loader)
    {
        using var data = Data(binary: false, seed: 5);
        var path = Path.Combine(dir, $"softmax-{saver}.dat");
        using var trained = SoftmaxRegressionPair.Zeros(saver, 6, 4, BiasLayout.Separate, 0.01, false, Lr, ScalarType.Float64);
        Trainer.Fit(trained, data, null, Config with { CheckpointPath = path, EvaluateEverySteps = null }, NullProgress.Instance);
        using var fresh = SoftmaxRegressionPair.Zeros(loader, 6, 4, BiasLayout.Separate, 0.01, false, Lr, ScalarType.Float64);
        Assert.NotNull(fresh.Resume(path));
        TensorAssert.Close("W after loading", fresh.Parameter("linear.weight"), trained.Parameter("linear.weight"), Tolerance.Exact);
        // The twins compute logits with different ops (libtorch may round them differently): loss to float64 rounding.
        var (expected, actual) = (trained.Score(data), fresh.Score(data));
        Assert.Equal(expected.Correct, actual.Correct);
        TensorAssert.Close("loss sum after loading", [actual.LossSum], [expected.LossSum], Tolerance.Float64);

        var logisticPath = Path.Combine(dir, $"logistic-{saver}.dat");
        using var data2 = Data(binary: true, seed: 6);
        using var logistic = LogisticRegressionPair.Zeros(saver, 6, BiasLayout.Separate, Lr, ScalarType.Float64);
        Trainer.Fit(logistic, data2, null, Config with { CheckpointPath = logisticPath, EvaluateEverySteps = null }, NullProgress.Instance);
        using var logisticFresh = LogisticRegressionPair.Zeros(loader, 6, BiasLayout.Separate, Lr, ScalarType.Float64);
        Assert.NotNull(logisticFresh.Resume(logisticPath));
        TensorAssert.Close("w after loading", logisticFresh.Parameter("linear.weight"), logistic.Parameter("linear.weight"), Tolerance.Exact);
        TensorAssert.Close("b after loading", logisticFresh.Parameter("linear.bias"), logistic.Parameter("linear.bias"), Tolerance.Exact);
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

    [Theory]
    [InlineData(Impl.Manual, BiasLayout.Trick)]
    [InlineData(Impl.Manual, BiasLayout.Separate)]
    [InlineData(Impl.Autograd, BiasLayout.Trick)]
    public void A_scored_step_scores_the_batch_before_its_step_as_Score_then_Step_do(Impl impl, BiasLayout layout)
    {
        using var data = Data(binary: false, seed: 4);
        var batch = data.Rows(0, 16);
        using var scored = SoftmaxRegressionPair.Zeros(impl, 6, 4, layout, l2: 0.05, penaliseBiasRow: false, Lr, ScalarType.Float64);
        using var plain = SoftmaxRegressionPair.Zeros(impl, 6, 4, layout, l2: 0.05, penaliseBiasRow: false, Lr, ScalarType.Float64);
        // Two steps first, so the weights (and the score) are not those of the all-zero start.
        foreach (var model in new[] { scored, plain })
            for (var k = 0; k < 2; k++) model.Step(data.Rows(16 * (k + 1), 16));
        var expected = plain.Score(batch);
        plain.Step(batch);
        var got = scored.ScoredStep(batch);
        Assert.Equal(expected.Correct, got.Correct);
        TensorAssert.Close("loss sum", [got.LossSum], [expected.LossSum], Tolerance.Float64);
        Assert.NotEqual(Math.Log(4) * 16, got.LossSum, 1e-6);
        TensorAssert.Close("W after the step", scored.Parameter("linear.weight"), plain.Parameter("linear.weight"), Tolerance.Float64);
    }
}
