// TDT4265 A1 (004) Task 2(e): Task 2(d)'s early-stopped logistic regression with and without reshuffling the training
// set before every epoch; both validation-accuracy curves on one figure, the early-stop epoch with shuffling beside
// the homework's 16, and its "fewer spikes" measured as drops of the validation accuracy. Not the shuffle itself
// (Trainer.Permutation).
using Homework.Reports;
using Homework.Training;
using static Homework.Experiments.Tdt4265.Tdt4265Runs;

namespace Homework.Experiments.Tdt4265;

/// <summary><c>tdt4265/task2e-shuffle</c>: Task 2(e).</summary>
public sealed class Task2eShuffle : Experiment
{
    /// <summary>The solution's "16 with shuffling" (and 33 without, Task 2d).</summary>
    public const int StatedEpoch = 16;

    /// <summary>Agreement we accept with the stop epoch: ±5 epochs, as for Task 2d.</summary>
    public const int Tolerance = 5;

    /// <summary>A "spike": validation accuracy falling by more than this between consecutive passes (0.5 points).</summary>
    public const double SpikeDrop = 0.005;

    private static readonly ExperimentOption<int> EpochsOption = EarlyStopEpochs(quick: 500);
    private static readonly ExperimentOption<double> Lr = LogisticLearningRate();
    private static readonly ExperimentOption<int> Size = TrainSize(quick: 600);

    /// <inheritdoc/>
    public override string Id => "tdt4265/task2e-shuffle";
    /// <inheritdoc/>
    public override string Title => "Logistic regression with and without shuffling every epoch";
    /// <inheritdoc/>
    public override string Questions => "Task 2(e)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, EpochsOption, Patience, BatchSize, Lr, Size];

    /// <summary>Drops of more than <paramref name="threshold"/> between consecutive values, and the largest drop (0 when none).</summary>
    public static (int count, double largest) Drops(IReadOnlyList<double> accuracy, double threshold)
    {
        var (count, largest) = (0, 0.0);
        for (var i = 1; i < accuracy.Count; i++)
        {
            var drop = accuracy[i - 1] - accuracy[i];
            if (drop > threshold) count++;
            largest = Math.Max(largest, drop);
        }
        return (count, largest);
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        using var data = new MnistData(binary: true, context.Get(Size));
        context.Output.WriteLine(data.Describe());
        var runs = new List<(string label, History history, int? stop)>();
        TrainConfig config = null!;
        foreach (var shuffle in new[] { false, true })
        {
            config = Config(context.Get(EpochsOption), context.Get(BatchSize), data.Train.Count, shuffle, context.Seed, context.Get(Patience));
            var label = shuffle ? "shuffled every epoch" : "no shuffling";
            var (model, history) = TrainLogistic(context, impl, data, config, context.Get(Lr), label);
            model.Dispose();
            runs.Add((label, history, StopEpoch(history, config.StepsPerEpoch(data.Train.Count))));
        }
        var (plain, shuffled) = (runs[0], runs[1]);
        // Spikes are counted from the end of the first epoch (both runs swing while the weights leave zero) over the
        // validation passes both runs made, so the longer run is not charged for its length.
        var first = plain.history.EvalEpoch.TakeWhile(e => e < 1).Count();
        var passes = Math.Min(plain.history.ValidationAccuracy.Count, shuffled.history.ValidationAccuracy.Count) - first;
        var plainDrops = Drops([.. plain.history.ValidationAccuracy.Skip(first).Take(passes)], SpikeDrop);
        var shuffledDrops = Drops([.. shuffled.history.ValidationAccuracy.Skip(first).Take(passes)], SpikeDrop);
        context.Output.WriteLine($"stop epochs: {plain.stop?.ToString() ?? "none"} without, {shuffled.stop?.ToString() ?? "none"} with shuffling; " +
            $"drops > {SpikeDrop}: {plainDrops.count} without, {shuffledDrops.count} with ({passes} passes from epoch 1 on)");

        var result = context.Result;
        var note = QuickNote(context);
        result.Compare("epoch in which early stopping kicks in, with shuffling (Task 2e)", StatedEpoch, shuffled.stop ?? double.NaN, Tolerance, "F0",
            shuffled.stop is null ? "the shuffled run never stopped early" : note);
        result.Compare("epoch in which early stopping kicks in, without shuffling (Task 2d)", Task2dEarlyStopping.StatedEpoch, plain.stop ?? double.NaN, Tolerance, "F0",
            plain.stop is null ? "the run without shuffling never stopped early" : note);
        result.Claim("shuffling gives fewer spikes in the validation accuracy", "fewer \"spikes\" with shuffling",
            $"{shuffledDrops.count} drops > {SpikeDrop} with, {plainDrops.count} without (largest {shuffledDrops.largest:F4} vs {plainDrops.largest:F4})",
            shuffledDrops.count < plainDrops.count, $"drops of more than {SpikeDrop} between consecutive validation passes, over {passes} passes from epoch 1 on in both runs");
        foreach (var r in runs)
        {
            result.Number($"early-stop epoch, {r.label}", r.stop?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            result.Number($"final validation accuracy, {r.label}", r.history.ValidationAccuracy[^1]);
        }
        result.Text("Task 2e: why fewer spikes", shuffledDrops.count < plainDrops.count
            ? $"Without shuffling every epoch presents the same batches in the same order, so a batch that is unrepresentative of the whole set " +
              $"(e.g. mostly one digit) pulls the weights the same wrong way every epoch and the validation accuracy dips each time: " +
              $"{plainDrops.count} drops of more than {SpikeDrop} in {passes} validation passes from epoch 1 on. Reshuffled, each batch is a fresh random sample " +
              $"that represents the set better, and such dips do not repeat: {shuffledDrops.count} drops."
            : $"In this run shuffling did not reduce the drops ({shuffledDrops.count} with against {plainDrops.count} without), so the homework's observation is not borne out here.");
        result.Add(Figure.Line("Task 2e: validation accuracy with and without shuffling", "gradient steps", "validation accuracy",
            [.. runs.Select(r => new Series($"validation accuracy, {r.label}", r.history.EvalStep, r.history.ValidationAccuracy))]) with
        {
            YRange = (0.93, 0.99),
            Caption = $"Both runs stop early (patience {config.Patience} validation passes); batch size {config.BatchSize}, learning rate {context.Get(Lr):g}, " +
                      $"shuffles seeded with --seed {context.Seed}.",
        });
    }
}
