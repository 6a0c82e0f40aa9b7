// CMU 10-417 HW1 (003) Problem 5 Part 2, 2.1: one hidden layer, four settings of (hidden, momentum, dropout, lr),
// 200 epochs of the hand-written (manual) twin, the homework's claims about momentum and dropout checked from the
// curves, and the autograd twin trained on setting (c) beside the manual one to show both curves agree.
// Not the models (Homework.Manual/Cmu, Homework.Torch/Cmu) and not the loop (Homework.Training.Trainer).
using Homework.Training.Pairs;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/2.1-one-hidden</c>.</summary>
public sealed class OneHidden : Experiment, ICmuGridExperiment
{
    /// <summary>The four settings of 2.1 (a)–(d).</summary>
    public static readonly IReadOnlyList<(string Name, CmuMlpSetting Setting)> Settings =
    [
        ("(a)", new([60], 0, 0, 0.001)),
        ("(b)", new([60], 0.4, 0, 0.001)),
        ("(c)", new([60], 0.4, 0.2, 0.001)),
        ("(d)", new([150], 0.4, 0.2, 0.001)),
    ];

    /// <summary>
    /// Largest |manual − autograd| of the check setting's per-epoch losses that still counts as agreeing: float32
    /// rounding (the twins sum in different orders) carried through 41,600 steps.
    /// </summary>
    public const double TwinLossTolerance = 1e-3;

    /// <summary>Largest accuracy difference that still counts as agreeing: rounding flips a few borderline images (0.5%).</summary>
    public const double TwinAccuracyTolerance = 0.005;

    /// <inheritdoc/>
    public override string Id => "cmu-10417/2.1-one-hidden";
    /// <inheritdoc/>
    public override string Title => "One hidden layer: momentum and dropout, 200 epochs";
    /// <inheritdoc/>
    public override string Questions => "Problem 5 Part 2, 2.1 (a)–(d)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 53;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    public override bool TrainsAhead => true;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => CmuGrid.Options;

    /// <summary>The largest differences between the manual and autograd twins' per-epoch train/test losses, and accuracies.</summary>
    public static (double Loss, double Accuracy) TwinGap(CmuRun manual, CmuRun autograd)
    {
        static double Max(IReadOnlyList<double> x, IReadOnlyList<double> y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max();
        return (Math.Max(Max(manual.History.TrainLoss, autograd.History.TrainLoss), Max(manual.TestLoss, autograd.TestLoss)),
                Math.Max(Max(manual.History.TrainAccuracy, autograd.History.TrainAccuracy), Max(manual.TestAccuracy, autograd.TestAccuracy)));
    }

    /// <summary>The four settings on the manual twin, then setting (c) on the autograd twin.</summary>
    public IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> Runs =>
        [.. Settings.Select(s => (s.Name, s.Setting, Impl.Manual)), (Settings[2].Name, Settings[2].Setting, Impl.Autograd)];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = CmuGrid.Load(context);
        var runs = CmuGrid.Train(context, data, Runs);
        var (a, b, c, d, autograd) = (runs[0], runs[1], runs[2], runs[3], runs[4]);
        CmuGrid.Figures(context, "2.1", runs[..4], data);

        var result = context.Result;
        var note = CmuGrid.QuickNote(context);
        var e = a.History.EpochsRun;
        result.Claim("momentum: steeper training curves (2.1)", "adding momentum leads to steeper loss and accuracy curves during training",
            $"train loss after {e} epochs: (b) α = 0.4 {b.FinalTrainLoss:F4} vs (a) α = 0 {a.FinalTrainLoss:F4}", b.FinalTrainLoss < a.FinalTrainLoss, note: note);
        result.Claim("momentum: the test loss starts to increase (2.1)", "with momentum the test loss starts to increase and test accuracy remains steady",
            $"(b) test loss lowest {b.MinTestLoss.Loss:F4} at epoch {b.MinTestLoss.Epoch}, final {b.FinalTestLoss:F4}", CmuGrid.RisesAfterMinimum(b),
            "final test loss > 1.02 × its lowest", note);
        result.Claim("dropout: a gradual decrease, without a hit on the test set (2.1)",
            "dropout leads to a gradual decrease/increase in loss/accuracy and reaches the optimum without incurring any hit on the test set",
            $"train loss (c) {c.FinalTrainLoss:F4} vs (b) {b.FinalTrainLoss:F4}; final test loss (c) {c.FinalTestLoss:F4} vs (b) {b.FinalTestLoss:F4}",
            c.FinalTrainLoss > b.FinalTrainLoss && c.FinalTestLoss <= b.FinalTestLoss, "dropout's train loss higher and its final test loss no higher", note);
        var gap = TwinGap(c, autograd);
        result.Claim("manual twin = autograd twin on setting (c)", "hand-written backprop computes the gradients autograd does",
            $"largest |manual − autograd| over {e} epochs: losses {gap.Loss:E2}, accuracies {gap.Accuracy:E2}",
            gap.Loss <= TwinLossTolerance && gap.Accuracy <= TwinAccuracyTolerance, $"losses ≤ {TwinLossTolerance:E0}, accuracies ≤ {TwinAccuracyTolerance}",
            "both twins start from the same weights and draw the same dropout masks and shuffles; the gap is float32 rounding carried through training");
        result.Number("largest manual − autograd loss gap, setting (c)", gap.Loss, "E2");
        result.Number("largest manual − autograd accuracy gap, setting (c)", gap.Accuracy, "E2");
        result.Number("s/epoch (training), manual twin (c)", c.History.EpochSeconds.Average(), "F3");
        result.Number("s/epoch (training), autograd twin (c)", autograd.History.EpochSeconds.Average(), "F3");

        result.Text("Effect of momentum and dropout (from this run)",
            $"Momentum 0.4 {(b.FinalTrainLoss < a.FinalTrainLoss ? "lowers" : "does not lower")} the training loss faster: after {e} epochs {b.FinalTrainLoss:F4} against {a.FinalTrainLoss:F4} without it. " +
            $"Its test loss is lowest at epoch {b.MinTestLoss.Epoch} ({b.MinTestLoss.Loss:F4}) and ends at {b.FinalTestLoss:F4}" +
            (CmuGrid.RisesAfterMinimum(b) ? ", so it overfits once the training loss keeps falling. " : ", so within these epochs it has not started to overfit. ") +
            $"Dropout 0.2 (c) keeps the training loss higher ({c.FinalTrainLoss:F4}) and ends with test loss {c.FinalTestLoss:F4} against {b.FinalTestLoss:F4} without dropout; " +
            $"the wider layer (d, 150 units) reaches test accuracy {d.FinalTestAccuracy:F4} against {c.FinalTestAccuracy:F4} for (c). " +
            $"Final test accuracies: (a) {a.FinalTestAccuracy:F4}, (b) {b.FinalTestAccuracy:F4}, (c) {c.FinalTestAccuracy:F4}, (d) {d.FinalTestAccuracy:F4}.");
    }
}
