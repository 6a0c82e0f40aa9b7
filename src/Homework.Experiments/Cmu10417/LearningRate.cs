// CMU 10-417 HW1 (003) Problem 5 Part 2, 2.3: two hidden layers of 150, no momentum or dropout, learning rates 0.01,
// 0.001 and 0.0001 for 200 epochs (manual twin); the homework's claims about each rate checked from the curves.
using Homework.Training.Pairs;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/2.3-learning-rate</c>.</summary>
public sealed class LearningRate : Experiment, ICmuGridExperiment
{
    /// <summary>The three settings of 2.3 (a)–(c).</summary>
    public static readonly IReadOnlyList<(string Name, CmuMlpSetting Setting)> Settings =
    [
        ("(a)", new([150, 150], 0, 0, 0.01)),
        ("(b)", new([150, 150], 0, 0, 0.001)),
        ("(c)", new([150, 150], 0, 0, 0.0001)),
    ];

    /// <inheritdoc/>
    public override string Id => "cmu-10417/2.3-learning-rate";
    /// <inheritdoc/>
    public override string Title => "Learning rate 0.01, 0.001, 0.0001 with two hidden layers of 150";
    /// <inheritdoc/>
    public override string Questions => "Problem 5 Part 2, 2.3 (a)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 67;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    public override bool TrainsAhead => true;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => CmuGrid.Options;

    /// <summary>The three settings (manual twin).</summary>
    public IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> Runs => [.. Settings.Select(s => (s.Name, s.Setting, Impl.Manual))];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = CmuGrid.Load(context);
        var runs = CmuGrid.Train(context, data, Runs);
        var (fast, mid, slow) = (runs[0], runs[1], runs[2]);
        CmuGrid.Figures(context, "2.3", runs, data);

        var result = context.Result;
        var note = CmuGrid.QuickNote(context);
        var (jFast, jMid) = (CmuGrid.Jitter(fast.TestLoss), CmuGrid.Jitter(mid.TestLoss));
        result.Claim("lr 0.01: unstable, high-variance curves (2.3)", "a higher learning rate (0.01) results in unstable (high variance) train/test loss and accuracy compared to 0.001",
            $"test-loss jitter (mean distance from the neighbours' midpoint): 0.01 {jFast:E2}, 0.001 {jMid:E2}", jFast > jMid, "0.01's jitter larger", note);
        result.Claim("lr 0.01: the test loss diverges after a few epochs (2.3)", "the higher learning rate's test loss diverges after a few epochs",
            $"0.01: test loss lowest {fast.MinTestLoss.Loss:F4} at epoch {fast.MinTestLoss.Epoch}, final {fast.FinalTestLoss:F4}",
            CmuGrid.RisesAfterMinimum(fast), "final test loss > 1.02 × its lowest", note);
        result.Claim("lr 0.0001: stable but slower (2.3)", "a low learning rate results in much more stable (low variance) but slower loss and accuracy curves",
            $"final train loss 0.0001 {slow.FinalTrainLoss:F4} vs 0.001 {mid.FinalTrainLoss:F4}; jitter 0.0001 {CmuGrid.Jitter(slow.TestLoss):E2} vs 0.001 {jMid:E2}",
            slow.FinalTrainLoss > mid.FinalTrainLoss && CmuGrid.Jitter(slow.TestLoss) <= jMid, "higher train loss and no more jitter", note);
        result.Text("Effect of the learning rate (from this run)",
            $"lr 0.01 reaches train loss {fast.FinalTrainLoss:F4} and its test loss is lowest at epoch {fast.MinTestLoss.Epoch} ({fast.MinTestLoss.Loss:F4}), ending at {fast.FinalTestLoss:F4}; " +
            $"lr 0.001 reaches {mid.FinalTrainLoss:F4} (test loss lowest at epoch {mid.MinTestLoss.Epoch}, final {mid.FinalTestLoss:F4}); " +
            $"lr 0.0001 only {slow.FinalTrainLoss:F4} (final test loss {slow.FinalTestLoss:F4}). " +
            $"Final test accuracies: {fast.FinalTestAccuracy:F4}, {mid.FinalTestAccuracy:F4}, {slow.FinalTestAccuracy:F4}. " +
            $"The larger the step, the faster the fit{(CmuGrid.RisesAfterMinimum(fast) ? " and the earlier the test loss turns up (overfitting)" : "")}; the test-loss curve's jitter is {jFast:E2} at 0.01 against {jMid:E2} at 0.001.");
    }
}
