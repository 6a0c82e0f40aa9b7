// The CMU 10-417 MLP pair (one and two hidden layers, momentum, dropout): both twins start equal and stay equal
// through momentum steps with dropout (masks drawn alike), dropout is off at evaluation, and a checkpoint written by
// the manual twin (in the autograd twin's state-dict layout) loads back.
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests.Pairs;

public sealed class CmuMlpPairTests
{
    // float32 twins that differ only in summation order; a wrong gradient or mask moves losses by far more.
    private static readonly Tolerance TwinTraining = new(1e-5, 1e-4, "float32 twins after 40 steps");

    // 200 random "images" of 20 pixels in 4 classes whose label depends on the pixels, so there is something to learn.
    internal static Examples Data(int n = 200)
    {
        manual_seed(3);
        var x = rand(n, 20);
        var labels = x.narrow(1, 0, 4).argmax(1);
        return new Examples(x, eye(4).index_select(0, labels), labels);
    }

    private static History Fit(Impl impl, CmuMlpSetting setting, Examples data, int epochs = 4) =>
        Trainer.Fit(CmuMlpPair.Create(impl, 20, 4, setting, seed: 11), data, data, new TrainConfig(epochs, 20, Shuffle: true, Seed: 5), NullProgress.Instance);

    [Theory]
    [InlineData(new long[] { 16 }, 0.0, 0.0)]
    [InlineData(new long[] { 16 }, 0.4, 0.2)]
    [InlineData(new long[] { 16, 12 }, 0.4, 0.2)]
    [InlineData(new long[] { 16, 12 }, 0.0, 0.5)]
    public void Manual_and_autograd_twins_train_alike_epoch_by_epoch(long[] hidden, double momentum, double dropout)
    {
        using var data = Data();
        var setting = new CmuMlpSetting(hidden, momentum, dropout, 0.05);
        var manual = Fit(Impl.Manual, setting, data);
        var autograd = Fit(Impl.Autograd, setting, data);
        TensorAssert.Close("train loss per epoch", [.. manual.TrainLoss], [.. autograd.TrainLoss], TwinTraining);
        TensorAssert.Close("test loss per epoch", [.. manual.ValidationLoss], [.. autograd.ValidationLoss], TwinTraining);
        Assert.True(manual.TrainLoss[^1] < manual.TrainLoss[0], $"the loss did not fall: {string.Join(", ", manual.TrainLoss)}");
    }

    [Fact]
    public void A_scored_step_with_dropout_scores_without_it_before_the_step()
    {
        // A model with a training mode: the step's own forward drops units, the score must not.
        using var data = Data(40);
        using var scored = CmuMlpPair.Create(Impl.Manual, 20, 4, new CmuMlpSetting([16], 0, 0.5, 0.05), seed: 11);
        using var plain = CmuMlpPair.Create(Impl.Manual, 20, 4, new CmuMlpSetting([16], 0, 0.5, 0.05), seed: 11);
        var expected = plain.Score(data);
        manual_seed(7);
        plain.Step(data);
        manual_seed(7);
        Assert.Equal(expected, scored.ScoredStep(data));
        TensorAssert.Close("weights after the step", scored.Parameter("layer0.linear.weight"), plain.Parameter("layer0.linear.weight"), Tolerance.Exact);
    }

    [Fact]
    public void Momentum_reaches_a_lower_training_loss_at_the_same_epoch()
    {
        using var data = Data();
        var plain = Fit(Impl.Manual, new CmuMlpSetting([16], 0, 0, 0.05), data);
        var momentum = Fit(Impl.Manual, new CmuMlpSetting([16], 0.4, 0, 0.05), data);
        Assert.True(momentum.TrainLoss[^1] < plain.TrainLoss[^1], $"α 0.4: {momentum.TrainLoss[^1]}, α 0: {plain.TrainLoss[^1]}");
    }

    [Fact]
    public void Evaluation_is_deterministic_and_scales_units_by_one_minus_p()
    {
        using var data = Data(40);
        using var withDropout = CmuMlpPair.Create(Impl.Manual, 20, 4, new CmuMlpSetting([16], 0, 0.5, 0.05), seed: 11);
        using var without = CmuMlpPair.Create(Impl.Manual, 20, 4, new CmuMlpSetting([16], 0, 0, 0.05), seed: 11);
        var a = withDropout.Score(data);
        Assert.Equal(a, withDropout.Score(data));
        // Same weights: halving the hidden units (1 − p = 0.5) must change the logits, hence the loss.
        Assert.NotEqual(a.LossSum, without.Score(data).LossSum);
        using var autograd = CmuMlpPair.Create(Impl.Autograd, 20, 4, new CmuMlpSetting([16], 0, 0.5, 0.05), seed: 11);
        Assert.Equal(a.LossSum, autograd.Score(data).LossSum, 4);
    }

    [Fact]
    public void A_manual_checkpoint_loads_back_and_a_momentum_run_refuses_to_resume()
    {
        using var data = Data(40);
        var dir = Directory.CreateTempSubdirectory("homework-cmu-").FullName;
        try
        {
            var path = Path.Combine(dir, "mlp.dat");
            var setting = new CmuMlpSetting([8, 6], 0, 0, 0.05);
            using var trained = CmuMlpPair.Create(Impl.Manual, 20, 4, setting, seed: 1);
            Trainer.Fit(trained, data, null, new TrainConfig(2, 10, CheckpointPath: path), NullProgress.Instance);
            using var fresh = CmuMlpPair.Create(Impl.Manual, 20, 4, setting, seed: 2);
            Assert.NotEqual(trained.Score(data), fresh.Score(data));
            Assert.Equal(2, fresh.Resume(path)!.Epoch);
            Assert.Equal(trained.Score(data), fresh.Score(data));
            using var momentum = CmuMlpPair.Create(Impl.Manual, 20, 4, setting with { Momentum = 0.4 }, seed: 1);
            Assert.Throws<NotSupportedException>(() => momentum.Resume(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
