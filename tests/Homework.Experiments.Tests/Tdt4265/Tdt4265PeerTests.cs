// Issue 25 item 4, no shortcut changes a result: seeded short runs of tdt4265/task3-softmax and tdt4265/task4-l2 (their
// --quick settings: 2 epochs of the first 3,000 images in batches of 128, the last short batch dropped, validation after
// the first step and every fifth of an epoch) against PyTorch 1.13.1 computing the same thing plainly
// (tests/fixtures/experiments/make_peers_quick.py): task 3's loss of every step and every evaluation, task 4's validation
// series of every λ and its weight norms, to float32 tolerance, with either twin.
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Experiments.Tests.Tdt4265;

public sealed class Tdt4265PeerTests : IDisposable
{
    private const int Epochs = 2, Rows = 3_000;

    // An accuracy counts images, and two float32 computations that agree to 1e-6 can still put an image whose two
    // largest logits tie to rounding on either side: one image of the 2,000 validation ones, or of the 3,000 training ones.
    private static readonly Tolerance OneValidationImage = new(1.0 / 2_000 + 1e-12, 0, "one validation image");
    private static readonly Tolerance OneTrainingImage = new(1.0 / Rows + 1e-12, 0, "one training image");
    // A page number printed with 4 decimals (F4) of a float32 result.
    private static readonly Tolerance PrintedF4 = new(0.5e-4 + 1e-6, 1e-5, "F4-rounded float32");

    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void The_quick_runs_draw_the_shuffles_the_fixture_was_computed_with() => PeerFixture.AssertSameShuffles(Epochs, Rows);

    [Theory]
    [InlineData(Impl.Manual)]
    [InlineData(Impl.Autograd)]
    public void Task3_every_step_loss_and_evaluation_equal_pytorchs(Impl impl)
    {
        var (record, _, _) = harness.RunQuick("tdt4265/task3-softmax", ("--impl", impl));
        Assert.True(record.Succeeded, record.Error);
        var peer = PeerFixture.Root.GetProperty("task3-softmax");
        var h = peer.GetProperty("history");
        double[] Expected(string key) => PeerFixture.Doubles(h.GetProperty(key));

        var steps = PeerFixture.Line(record, "Task 3b: loss", "training loss (each batch)");
        Assert.Equal(Epochs * (Rows / 128), steps.Y.Count);
        TensorAssert.Close("every step's training loss", [.. steps.Y], Expected("step_loss"), Tolerance.Float32);
        var validation = PeerFixture.Line(record, "Task 3b: loss", "validation loss");
        Assert.Equal(Expected("eval_step"), validation.X);
        TensorAssert.Close("validation loss at each evaluation", [.. validation.Y], Expected("val_loss"), Tolerance.Float32);
        TensorAssert.Close("training accuracy at each evaluation", [.. PeerFixture.Line(record, "Task 3c: accuracy", "training accuracy").Y], Expected("train_accuracy"), OneTrainingImage);
        TensorAssert.Close("validation accuracy at each evaluation", [.. PeerFixture.Line(record, "Task 3c: accuracy", "validation accuracy").Y], Expected("val_accuracy"), OneValidationImage);

        var final = peer.GetProperty("final");
        foreach (var (set, name) in new[] { ("train", "training"), ("validation", "validation"), ("test", "test") })
            TensorAssert.Close($"final {name} loss", [PeerFixture.Number(record, $"final {name} loss")], [final.GetProperty(set)[0].GetDouble()], PrintedF4);
    }

    [Theory]
    [InlineData(Impl.Manual)]
    [InlineData(Impl.Autograd)]
    public void Task4_every_lambdas_validation_series_and_weight_norm_equal_pytorchs(Impl impl)
    {
        var (record, _, _) = harness.RunQuick("tdt4265/task4-l2", ("--impl", impl));
        Assert.True(record.Succeeded, record.Error);
        var runs = PeerFixture.Root.GetProperty("task4-l2").GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([0.0, .. Homework.Experiments.Tdt4265.Task4L2.Lambdas], runs.Select(r => r.GetProperty("lambda").GetDouble()));
        foreach (var run in runs)
        {
            var lambda = run.GetProperty("lambda").GetDouble();
            var label = FormattableString.Invariant($"λ = {lambda:g}");
            TensorAssert.Close($"‖w‖², {label}", [PeerFixture.Number(record, $"‖w‖² after training, {label}")], [run.GetProperty("norm").GetDouble()], PrintedF4);
            TensorAssert.Close($"final validation accuracy, {label}", [PeerFixture.Number(record, $"final validation accuracy, {label}")],
                [run.GetProperty("validation_accuracy").GetDouble()], OneValidationImage with { Absolute = OneValidationImage.Absolute + 0.5e-4 });
            if (lambda == 0) continue;  // Task 4(c)'s figure draws the regularised runs
            var series = PeerFixture.Line(record, "Task 4c: validation accuracy for each λ", label);
            var history = run.GetProperty("history");
            Assert.Equal(PeerFixture.Doubles(history.GetProperty("eval_step")), series.X);
            TensorAssert.Close($"validation accuracy at each evaluation, {label}", [.. series.Y], PeerFixture.Doubles(history.GetProperty("val_accuracy")), OneValidationImage);
        }
    }
}
