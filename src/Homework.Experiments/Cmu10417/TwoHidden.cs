// CMU 10-417 HW1 (003) Problem 5 Part 2, 2.2: two hidden layers, the four settings of 2.1 with 60/60 and 150/150
// units, 200 epochs of the manual twin, the homework's claims checked from the curves, and the one-hidden-layer
// runs of 2.1 trained again (same seed, so the same numbers) to answer "did two layers perform better?".
using Homework.Training.Pairs;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/2.2-two-hidden</c>.</summary>
public sealed class TwoHidden : Experiment, ICmuGridExperiment
{
    /// <summary>The four settings of 2.2 (a)–(d).</summary>
    public static readonly IReadOnlyList<(string Name, CmuMlpSetting Setting)> Settings =
    [
        ("(a)", new([60, 60], 0, 0, 0.001)),
        ("(b)", new([60, 60], 0.4, 0, 0.001)),
        ("(c)", new([60, 60], 0.4, 0.2, 0.001)),
        ("(d)", new([150, 150], 0.4, 0.2, 0.001)),
    ];

    /// <summary>How much higher a test accuracy must be to count as "performing better" (half a percentage point).</summary>
    public const double Better = 0.005;

    /// <inheritdoc/>
    public override string Id => "cmu-10417/2.2-two-hidden";
    /// <inheritdoc/>
    public override string Title => "Two hidden layers: momentum and dropout, and one layer against two";
    /// <inheritdoc/>
    public override string Questions => "Problem 5 Part 2, 2.2 (a)–(d)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 80;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    public override bool TrainsAhead => true;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => CmuGrid.Options;

    /// <summary>The four two-layer settings, then 2.1's four one-layer settings (manual twin).</summary>
    public IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> Runs =>
        [.. Settings.Select(s => (s.Name, s.Setting, Impl.Manual)), .. OneHidden.Settings.Select(s => ($"2.1{s.Name}", s.Setting, Impl.Manual))];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = CmuGrid.Load(context);
        var runs = CmuGrid.Train(context, data, Runs);
        var (two, one) = (runs[..4], runs[4..]);
        var (a, b, c) = (two[0], two[1], two[2]);
        CmuGrid.Figures(context, "2.2", two, data);

        var result = context.Result;
        var note = CmuGrid.QuickNote(context);
        var e = a.History.EpochsRun;
        var oneB = one[1];
        result.Claim("momentum: much steeper training curves with two layers (2.2)",
            "adding momentum to a 2 layer MLP leads to much steeper loss and accuracy curves compared to 1 layer MLP",
            $"train-loss drop from α = 0 to α = 0.4 after {e} epochs: two layers {a.FinalTrainLoss - b.FinalTrainLoss:F4}, one layer {one[0].FinalTrainLoss - oneB.FinalTrainLoss:F4}",
            a.FinalTrainLoss - b.FinalTrainLoss > one[0].FinalTrainLoss - oneB.FinalTrainLoss, "the two-layer drop is larger", note);
        result.Claim("momentum: a larger rise in test loss with two layers (2.2)",
            "the effect of momentum on the test curves for a 2 layer MLP leads to a higher increase in test loss than a 1 layer MLP",
            $"test-loss rise above its lowest, α = 0.4: two layers {b.FinalTestLoss - b.MinTestLoss.Loss:F4}, one layer {oneB.FinalTestLoss - oneB.MinTestLoss.Loss:F4}",
            b.FinalTestLoss - b.MinTestLoss.Loss > oneB.FinalTestLoss - oneB.MinTestLoss.Loss, "the two-layer rise is larger", note);
        result.Claim("dropout behaves as with one layer (2.2)", "introduction of dropout to a 2 layer MLP leads to a behaviour similar to 1 layer MLP",
            $"dropout raises the train loss: two layers {c.FinalTrainLoss:F4} vs {b.FinalTrainLoss:F4}, one layer {one[2].FinalTrainLoss:F4} vs {oneB.FinalTrainLoss:F4}",
            c.FinalTrainLoss > b.FinalTrainLoss == one[2].FinalTrainLoss > oneB.FinalTrainLoss, "the same direction in both", note);
        var bestTwo = two.MaxBy(r => r.FinalTestAccuracy)!;
        var bestOne = one.MaxBy(r => r.FinalTestAccuracy)!;
        var pairs = two.Zip(one, (t, o) => $"{t.Name} {t.FinalTestAccuracy:F4} vs {o.FinalTestAccuracy:F4}");
        result.Claim("two layers not significantly better than one (2.2)", "increasing the depth from 1 to 2 layers does not seem to significantly improve loss and accuracy",
            $"best test accuracy: two layers {bestTwo.FinalTestAccuracy:F4} ({bestTwo.Name}), one layer {bestOne.FinalTestAccuracy:F4} ({bestOne.Name})",
            bestTwo.FinalTestAccuracy - bestOne.FinalTestAccuracy <= Better, $"two layers' best at most {Better:F3} above one layer's", note);
        result.Table("2.2: two hidden layers against one, same settings", ["setting", "two layers: test accuracy", "one layer (2.1): test accuracy", "difference"],
            two.Zip(one, (t, o) => (IReadOnlyList<string>)[$"{t.Name} (α {t.Setting.Momentum}, p {t.Setting.Dropout})", ExperimentResult.F(t.FinalTestAccuracy), ExperimentResult.F(o.FinalTestAccuracy), ExperimentResult.F(t.FinalTestAccuracy - o.FinalTestAccuracy, "+0.0000;-0.0000")]),
            "The one-layer runs are 2.1's settings trained again here with the same seed, data and options.");
        result.Text("Momentum, dropout, and did two layers perform better? (from this run)",
            $"With two layers, momentum 0.4 takes the training loss after {e} epochs from {a.FinalTrainLoss:F4} to {b.FinalTrainLoss:F4}; " +
            $"its test loss is lowest at epoch {b.MinTestLoss.Epoch} ({b.MinTestLoss.Loss:F4}) and ends at {b.FinalTestLoss:F4}. " +
            $"Dropout 0.2 leaves the training loss at {c.FinalTrainLoss:F4} and the test loss at {c.FinalTestLoss:F4}. " +
            $"Test accuracy, two layers vs one: {string.Join("; ", pairs)}. " +
            (bestTwo.FinalTestAccuracy - bestOne.FinalTestAccuracy > Better
                ? $"Two layers did better here: {bestTwo.FinalTestAccuracy:F4} against {bestOne.FinalTestAccuracy:F4} at best."
                : $"Two layers did not do clearly better: {bestTwo.FinalTestAccuracy:F4} against {bestOne.FinalTestAccuracy:F4} at best."));
    }
}
