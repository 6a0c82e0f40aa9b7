// The one training loop on small synthetic data: evaluation schedule, early stopping, shuffling and its exact
// resume. The expected counts come from the schedule's arithmetic, not from running the loop.
using Homework.Checkpoints;
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("homework-trainer-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // 103 points in R^5, 3 classes by the sign pattern of two coordinates: learnable, not trivially.
    private static Examples Blobs(int n, int seed)
    {
        manual_seed(seed);
        var x = randn(n, 5);
        var labels = (x.select(1, 0).gt(0).to(ScalarType.Int64) + x.select(1, 1).gt(0.5).to(ScalarType.Int64)).DetachFromDisposeScope();
        return new Examples(x.DetachFromDisposeScope(), labels.to(ScalarType.Float32).DetachFromDisposeScope(), labels);
    }

    private static History Fit(TrainConfig config, Examples train, Examples? validation, Impl impl = Impl.Autograd, double lr = 0.5)
    {
        using var model = SigmoidMlpPair.Create(impl, 5, 8, 3, lambda: 0, lr, seed: 3);
        return Trainer.Fit(model, train, validation, config, NullProgress.Instance);
    }

    [Fact]
    public void Evaluates_after_step_0_and_every_kth_step_as_TDT4265s_trainer_does()
    {
        using var train = Blobs(103, 1);
        using var val = Blobs(40, 2);
        // 103 examples in batches of 10: 11 steps an epoch, 33 in three epochs; every 4th step from step 0: 0, 4, ..., 32.
        var h = Fit(new TrainConfig(3, 10, EvaluateEverySteps: 4, RecordStepLoss: true), train, val);
        Assert.Equal(33, h.StepLoss.Count);
        Assert.Equal([1, 5, 9, 13, 17, 21, 25, 29, 33], h.EvalStep.Select(s => (int)s));
        Assert.Equal(9, h.ValidationLoss.Count);
        Assert.Equal(3, h.EpochSeconds.Count);
        Assert.Equal(33.0 / 11, h.EvalEpoch[^1], 12);
    }

    [Fact]
    public void Drop_last_skips_the_short_batch()
    {
        using var train = Blobs(103, 1);
        var h = Fit(new TrainConfig(2, 10, DropLast: true, RecordStepLoss: true), train, null);
        Assert.Equal(20, h.StepLoss.Count);
        Assert.Equal(2, h.TrainLoss.Count);
        Assert.Empty(h.ValidationLoss);
    }

    [Theory]
    [InlineData(new double[] { 5, 4, 3, 2, 1 }, 2, false)]
    [InlineData(new double[] { 5, 4, 4, 4 }, 2, true)]      // 4 and 4 do not improve on the best before them, 4
    [InlineData(new double[] { 5, 4, 6, 3.9 }, 2, false)]   // 3.9 is a new best
    [InlineData(new double[] { 5, 6 }, 2, false)]           // fewer than patience + 1 evaluations
    [InlineData(new double[] { 1, 2, 3, 4 }, 3, true)]
    public void Should_stop_when_the_last_patience_losses_do_not_beat_the_best_before_them(double[] losses, int patience, bool stop) =>
        Assert.Equal(stop, Trainer.ShouldStop(losses, patience));

    [Fact]
    public void Early_stopping_ends_the_run_and_says_where()
    {
        using var train = Blobs(103, 1);
        using var val = Blobs(40, 2);
        // A learning rate this large makes the validation loss stop improving quickly.
        var h = Fit(new TrainConfig(500, 10, EvaluateEverySteps: 1, Patience: 3), train, val, lr: 50);
        Assert.NotNull(h.EarlyStopStep);
        Assert.True(h.EpochsRun < 500);
        Assert.True(Trainer.ShouldStop(h.ValidationLoss, 3));
        Assert.False(Trainer.ShouldStop(h.ValidationLoss.Take(h.ValidationLoss.Count - 1).ToList(), 3), "it should stop at the first evaluation that meets the rule");
    }

    [Fact]
    public void Each_epoch_permutation_is_a_permutation_fixed_by_seed_and_epoch()
    {
        using var a = Trainer.Permutation(1000, 7, 3);
        using var b = Trainer.Permutation(1000, 7, 3);
        using var c = Trainer.Permutation(1000, 7, 4);
        Assert.Equal(a.data<long>().ToArray(), b.data<long>().ToArray());
        Assert.NotEqual(a.data<long>().ToArray(), c.data<long>().ToArray());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), a.data<long>().ToArray().Order());
    }

    [Theory]
    [InlineData(Impl.Autograd)]
    [InlineData(Impl.Manual)]
    public void A_shuffled_run_resumed_midway_ends_byte_identical_to_an_uninterrupted_one(Impl impl)
    {
        using var train = Blobs(103, 1);
        using var val = Blobs(40, 2);
        var whole = new TrainConfig(4, 10, Shuffle: true, Seed: 11, CheckpointPath: Path.Combine(dir, "whole", "m.dat"));
        var part = whole with { Epochs = 2, CheckpointPath = Path.Combine(dir, "part", "m.dat") };
        var h1 = Fit(whole, train, val, impl);
        Fit(part, train, val, impl);
        var h2 = Fit(part with { Epochs = 4, Resume = true }, train, val, impl);
        Assert.Equal(File.ReadAllBytes(whole.CheckpointPath!), File.ReadAllBytes(part.CheckpointPath!));
        TensorAssert.Close("validation loss", [.. h2.ValidationLoss], [.. h1.ValidationLoss], Tolerance.Exact);
        // Shuffling changed the path: the same run in order ends elsewhere.
        var inOrder = Fit(whole with { Shuffle = false, CheckpointPath = Path.Combine(dir, "order", "m.dat") }, train, val, impl);
        Assert.NotEqual(h1.ValidationLoss[^1], inOrder.ValidationLoss[^1]);
    }

    [Fact]
    public void A_resume_under_other_settings_or_to_fewer_epochs_or_with_nothing_saved_is_refused_before_any_weight_changes()
    {
        using var train = Blobs(103, 1);
        var path = Path.Combine(dir, "resume", "m.dat");
        var saved = new TrainConfig(3, 10, Shuffle: true, Seed: 11, CheckpointPath: path);
        Fit(saved, train, null);
        var weights = File.ReadAllBytes(path);
        var other = Assert.Throws<CheckpointException>(() => Fit(saved with { BatchSize = 20, Epochs = 5, Resume = true }, train, null));
        Assert.Contains("was trained with other settings: batch size 10 (now 20)", other.Message);
        var settings = new Dictionary<string, string> { ["--lr"] = "5", ["--hidden"] = "300" };
        var fewer = Assert.Throws<CheckpointException>(() => Fit(saved with { Epochs = 2, Resume = true }, train, null));
        Assert.Contains("has trained 3 epochs, more than the 2 asked for", fewer.Message);
        var nothing = Assert.Throws<CheckpointException>(() => Fit(saved with { CheckpointPath = Path.Combine(dir, "none", "m.dat"), Resume = true }, train, null));
        Assert.Contains("there is no saved run at", nothing.Message);
        Assert.Equal(weights, File.ReadAllBytes(path));
        // The same settings resume; a run started with an experiment's settings is held to those.
        Fit(saved with { Epochs = 4, Resume = true }, train, null);
        var named = saved with { CheckpointPath = Path.Combine(dir, "named", "m.dat"), Settings = settings };
        Fit(named, train, null);
        var changed = Assert.Throws<CheckpointException>(() => Fit(named with { Epochs = 4, Resume = true, Settings = new Dictionary<string, string>(settings) { ["--lr"] = "1" } }, train, null));
        Assert.Contains("--lr 5 (now 1)", changed.Message);
        Assert.DoesNotContain("--hidden", changed.Message);
    }

    [Fact]
    public void Bad_settings_are_refused_before_any_step()
    {
        using var train = Blobs(20, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(new TrainConfig(1, 0), train, null));
        Assert.Throws<ArgumentException>(() => Fit(new TrainConfig(1, 5, Patience: 2), train, null));
        Assert.Throws<ArgumentException>(() => Fit(new TrainConfig(1, 50, DropLast: true), train, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(new TrainConfig(1, 5, EvaluationChunk: 0), train, null));
    }

    [Fact]
    public void The_evaluation_chunk_changes_no_metric()
    {
        // Chunks add per-example sums, so 103 examples in chunks of 7 (14 full and one of 5) score as one pass does.
        using var train = Blobs(103, 1);
        using var val = Blobs(40, 2);
        var whole = Fit(new TrainConfig(2, 10), train, val);
        var chunked = Fit(new TrainConfig(2, 10, EvaluationChunk: 7), train, val);
        TensorAssert.Close("train loss", [.. chunked.TrainLoss], [.. whole.TrainLoss], Tolerance.Float32);
        TensorAssert.Close("validation loss", [.. chunked.ValidationLoss], [.. whole.ValidationLoss], Tolerance.Float32);
        TensorAssert.Close("train accuracy", [.. chunked.TrainAccuracy], [.. whole.TrainAccuracy], Tolerance.Exact);
    }
}
