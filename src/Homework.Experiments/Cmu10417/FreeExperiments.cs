// CMU 10-417 HW1 (003) Problem 5 Part 2, 2.4: three experiments of our choice around one baseline (one hidden layer
// of 60, momentum 0.4, no dropout, lr 0.001 = 2.1(b)): more momentum, more dropout, and narrower or wider hidden
// layers, 200 epochs each (manual twin), each with its figures, final test accuracies and a conclusion built from
// the numbers. The homework's own 2.4 finding (more momentum: faster, then unstable) is checked on the first.
using Homework.Training.Pairs;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/2.4-free</c>.</summary>
public sealed class FreeExperiments : Experiment, ICmuGridExperiment
{
    /// <summary>The baseline every experiment varies: 2.1(b).</summary>
    public static readonly CmuMlpSetting Baseline = new([60], 0.4, 0, 0.001);

    /// <summary>The three experiments: a title, what we expected, and the two settings besides the baseline.</summary>
    public static readonly IReadOnlyList<(string Title, string Expected, CmuMlpSetting[] Variants)> Experiments =
    [
        ("momentum", "more momentum takes larger effective steps (lr / (1 − α)): a faster fall of the training loss, then an earlier rise of the test loss",
            [Baseline with { Momentum = 0.7 }, Baseline with { Momentum = 0.9 }]),
        ("dropout", "more dropout slows the fit of the training set and narrows the gap between train and test loss",
            [Baseline with { Dropout = 0.2 }, Baseline with { Dropout = 0.5 }]),
        ("width", "a narrower layer underfits (higher train and test loss); a wider one fits the training set faster and overfits sooner",
            [Baseline with { Hidden = [15] }, Baseline with { Hidden = [300] }]),
    ];

    /// <inheritdoc/>
    public override string Id => "cmu-10417/2.4-free";
    /// <inheritdoc/>
    public override string Title => "Three experiments of our own: momentum, dropout and width";
    /// <inheritdoc/>
    public override string Questions => "Problem 5 Part 2, 2.4";
    /// <inheritdoc/>
    public override double TypicalSeconds => 71;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    public override bool TrainsAhead => true;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => CmuGrid.Options;

    /// <summary>The baseline, then each experiment's two variants (manual twin).</summary>
    public IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> Runs =>
        [("baseline", Baseline, Impl.Manual), .. Experiments.SelectMany(x => x.Variants.Select((s, j) => ($"{x.Title} {(char)('A' + j)}", s, Impl.Manual)))];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = CmuGrid.Load(context);
        var runs = CmuGrid.Train(context, data, Runs);
        var baseline = runs[0];
        var result = context.Result;
        var note = CmuGrid.QuickNote(context);
        for (var i = 0; i < Experiments.Count; i++)
        {
            var (title, expected, _) = Experiments[i];
            CmuRun[] set = [baseline, runs[1 + 2 * i], runs[2 + 2 * i]];
            CmuGrid.Figures(context, $"2.4 {title}", set, data);
            var gaps = set.Select(r => r.FinalTestLoss - r.FinalTrainLoss).ToArray();
            var rises = set.Select(r => r.FinalTestLoss - r.MinTestLoss.Loss).ToArray();
            var lines = set.Select((r, k) => $"{r.Name} {r.Setting}: train loss {r.FinalTrainLoss:F4}, test loss {r.FinalTestLoss:F4} (lowest {r.MinTestLoss.Loss:F4} at epoch {r.MinTestLoss.Epoch}), test accuracy {r.FinalTestAccuracy:F4}");
            var verdict = title switch
            {
                "momentum" => set[2].FinalTrainLoss < set[1].FinalTrainLoss && set[1].FinalTrainLoss < set[0].FinalTrainLoss && rises[2] >= rises[0],
                "dropout" => set[2].FinalTrainLoss > set[1].FinalTrainLoss && set[1].FinalTrainLoss > set[0].FinalTrainLoss && gaps[2] < gaps[0],
                _ => set[1].FinalTrainLoss > set[0].FinalTrainLoss && set[2].FinalTrainLoss < set[0].FinalTrainLoss && set[2].MinTestLoss.Epoch <= set[0].MinTestLoss.Epoch,
            };
            result.Text($"2.4 {title}: what we expected and what happened",
                $"Expected: {expected}.\n{string.Join("\n", lines)}.\n" +
                $"Test minus train loss at the end: {string.Join(", ", gaps.Select(g => g.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}. " +
                (verdict ? "This matches what we expected." : "This does not fully match what we expected: see the numbers above."));
            if (title == "momentum")
                result.Claim("more momentum: faster, and the test loss diverges (2.4)",
                    "with increasing momentum the loss curves are faster, and the test loss starts to diverge after a few epochs",
                    $"train loss α 0.4 / 0.7 / 0.9: {set[0].FinalTrainLoss:F4} / {set[1].FinalTrainLoss:F4} / {set[2].FinalTrainLoss:F4}; test-loss rise above its lowest: {rises[0]:F4} / {rises[1]:F4} / {rises[2]:F4}",
                    verdict, "train loss falls with α and α 0.9's test loss rises at least as much as α 0.4's", note);
        }
    }
}
