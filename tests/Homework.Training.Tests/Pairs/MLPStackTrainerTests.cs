// MLPStackTrainer through the one training loop: every member's history equals its setting trained alone by the manual
// CmuMlpPair (same initial weights, masks and shuffles) up to float32 rounding, whatever its momentum, dropout or
// learning rate; shapes must match; and the loop refuses what a stack cannot do (checkpoints, early stopping).
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests.Pairs;

public sealed class MLPStackTrainerTests
{
    // Members and runs alone differ only in summation order (one GEMM for all members against one each).
    private static readonly Tolerance StackTraining = new(1e-5, 1e-4, "float32 stack against runs alone after 40 steps");

    private static Examples Data(int n = 200) => CmuMlpPairTests.Data(n);

    private static TrainConfig Config() => new(4, 20, Shuffle: true, Seed: 5);

    [Theory]
    [InlineData(new long[] { 16 })]
    [InlineData(new long[] { 16, 12 })]
    public void Each_member_trains_as_its_setting_alone(long[] hidden)
    {
        using var data = Data();
        CmuMlpSetting[] settings = [new(hidden, 0, 0, 0.05), new(hidden, 0.4, 0.2, 0.05), new(hidden, 0.9, 0.5, 0.01)];
        using var stack = MLPStackTrainer.Create(20, 4, settings, seed: 11);
        var histories = Trainer.Fit(stack, data, data, Config(), NullProgress.Instance, ["a", "b", "c"]);
        Assert.Equal(3, histories.Length);
        for (var k = 0; k < settings.Length; k++)
        {
            using var alone = CmuMlpPair.Create(Impl.Manual, 20, 4, settings[k], seed: 11);
            var expected = Trainer.Fit(alone, data, data, Config(), NullProgress.Instance);
            TensorAssert.Close($"member {k} train loss per epoch", [.. histories[k].TrainLoss], [.. expected.TrainLoss], StackTraining);
            TensorAssert.Close($"member {k} test loss per epoch", [.. histories[k].ValidationLoss], [.. expected.ValidationLoss], StackTraining);
            TensorAssert.Close($"member {k} test accuracy per epoch", [.. histories[k].ValidationAccuracy], [.. expected.ValidationAccuracy], Tolerance.Exact);
        }
        // The members differ from one another: a stack that trained one setting K times would pass the loop above only by luck.
        Assert.NotEqual(histories[0].TrainLoss[^1], histories[2].TrainLoss[^1]);
    }

    [Fact]
    public void Settings_of_different_shapes_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => MLPStackTrainer.Create(20, 4, [new([16], 0, 0, 0.05), new([8], 0, 0, 0.05)], seed: 1));
        Assert.Contains("share their hidden sizes", e.Message);
    }

    [Fact]
    public void A_stack_is_refused_checkpoints_and_early_stopping()
    {
        using var data = Data(40);
        using var stack = MLPStackTrainer.Create(20, 4, [new([8], 0, 0, 0.05)], seed: 1);
        foreach (var config in new[] { Config() with { CheckpointPath = "x.dat" }, Config() with { Patience = 2 } })
            Assert.Contains("without checkpoints, early stopping", Assert.Throws<ArgumentException>(() => Trainer.Fit(stack, data, data, config, NullProgress.Instance, ["a"])).Message);
    }
}
