// WPI DS541 HW2 (002) Q3: softmax regression on Fashion-MNIST by mini-batch SGD on f_CE + (α/2) Σ‖w⁽ᵏ⁾‖² (biases
// not regularised), its four hyperparameters tuned on the validation split by a grid, then the best configuration
// evaluated once on the test set. Not the model (Models/SoftmaxRegression.cs) and not the loop (Trainer).
using Homework.Common;
using System.Diagnostics;
using System.Globalization;
using Homework.Data;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Experiments.WpiDs541;

/// <summary><c>wpi-ds541/q3-softmax-sgd</c>: Q3.</summary>
public sealed class Q3SoftmaxSgd : Experiment
{
    /// <summary>Pixels and classes of Fashion-MNIST.</summary>
    public const int Pixels = 784, Classes = 10;

    /// <summary>The grid's mini-batch sizes.</summary>
    public static readonly int[] BatchSizes = [100, 500];

    /// <summary>The grid's learning rates.</summary>
    public static readonly double[] LearningRates = [0.05, 0.2];

    /// <summary>The grid's regularisation strengths α.</summary>
    public static readonly double[] Alphas = [1e-4, 1e-3];

    private static readonly ExperimentOption<Impl> ImplOption =
        Define.Choice("--impl", "Which twin trains: manual (the Q2 gradients by hand) or autograd.", Impl.Manual, DefaultSource.Ours);
    private static readonly ExperimentOption<int> MaxEpochs =
        Define.Int("--epochs", "The larger epoch count of the grid; the smaller is a third of it (HW1's methodology is silent on values).", 20, DefaultSource.Ours, 3, 1000, quick: 3);
    private static readonly ExperimentOption<int> TrainSize =
        Define.Int("--train-size", "Training images used, the first n of the 48,000.", 48_000, DefaultSource.Homework, 1000, 48_000, quick: 3_000);

    /// <inheritdoc/>
    public override string Id => "wpi-ds541/q3-softmax-sgd";
    /// <inheritdoc/>
    public override string Title => "Softmax regression on Fashion-MNIST: SGD, grid search on validation, one test evaluation";
    /// <inheritdoc/>
    public override string Questions => "Q3";
    /// <inheritdoc/>
    public override double TypicalSeconds => 16;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, MaxEpochs, TrainSize];

    /// <summary>One grid configuration's validation result.</summary>
    /// <param name="BatchSize">Mini-batch size.</param>
    /// <param name="LearningRate">SGD step size.</param>
    /// <param name="Epochs">Epochs trained.</param>
    /// <param name="Alpha">α of (α/2) Σ‖w⁽ᵏ⁾‖².</param>
    /// <param name="ValidationLoss">Unregularised cross entropy on the validation split.</param>
    /// <param name="ValidationAccuracy">Fraction correct on the validation split.</param>
    public sealed record Tuned(int BatchSize, double LearningRate, int Epochs, double Alpha, double ValidationLoss, double ValidationAccuracy);

    /// <summary>The best configuration: lowest validation cross entropy, then highest validation accuracy.</summary>
    public static Tuned Best(IEnumerable<Tuned> grid) => grid.OrderBy(t => t.ValidationLoss).ThenByDescending(t => t.ValidationAccuracy).First();

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        var maxEpochs = context.Get(MaxEpochs);
        int[] epochGrid = [Math.Max(1, maxEpochs / 3), maxEpochs];
        using var full = Splits.WpiFashion();
        var trainSize = context.Get(TrainSize);
        using var subset = trainSize < full.Train.Count ? full.Train.Rows(0, trainSize) : null;
        var train = subset ?? full.Train;
        context.Output.WriteLine($"{train.Count} train / {full.Validation.Count} validation / {full.Test.Count} test images; {full.Preprocessing}");

        // Epoch counts share a run: shuffles are seeded by (seed, epoch), so the first e epochs of a longer run are exactly
        // an e-epoch run, and the validation scores after epoch e are that configuration's.
        var grid = new List<Tuned>();
        var clock = Stopwatch.StartNew();
        foreach (var batch in BatchSizes)
            foreach (var lr in LearningRates)
                foreach (var alpha in Alphas)
                {
                    var config = new TrainConfig(maxEpochs, batch, Shuffle: true, Seed: context.Seed, EvaluateTrainingSet: false);
                    var history = Train(context, impl, alpha, lr, config, train, full.Validation, $"batch {batch}, lr {lr:g}, α {alpha:g}");
                    foreach (var e in epochGrid)
                        grid.Add(new Tuned(batch, lr, e, alpha, history.ValidationLoss[e - 1], history.ValidationAccuracy[e - 1]));
                }
        var gridSeconds = clock.Elapsed.TotalSeconds;
        var best = Best(grid);
        context.Output.WriteLine($"grid of {grid.Count} configurations in {gridSeconds:F1} s; best by validation cross entropy: {best}");

        // Only now, and once: the chosen configuration retrained from scratch (identical to its grid run), then the test set.
        var chosen = new TrainConfig(best.Epochs, best.BatchSize, Shuffle: true, Seed: context.Seed);
        using var model = SoftmaxRegressionPair.Zeros(impl, Pixels, Classes, BiasLayout.Separate, best.Alpha / 2, penaliseBiasRow: false, best.LearningRate);
        var curves = context.Progress($"chosen configuration, {impl} twin", chosen.Epochs, chosen.StepsPerEpoch(train.Count),
            sink => Trainer.Fit(model, train, full.Validation, chosen, sink, "chosen"));
        var test = Evaluator.Evaluate(model, full.Test);
        context.Output.WriteLine($"test: cross entropy {test.Loss:F4}, {test.Accuracy:P2} correct");

        var result = context.Result;
        var note = context.Quick ? "quick run: fewer epochs and images than a full run" : "";
        result.Claim("the retrained chosen configuration repeats its grid run", "tuning on validation, then one test evaluation",
            $"validation cross entropy {curves.ValidationLoss[^1]:F6} (grid {best.ValidationLoss:F6})",
            Math.Abs(curves.ValidationLoss[^1] - best.ValidationLoss) <= 1e-6, "equal to 1e-6: the run is deterministic", note);
        result.Number("test cross entropy (unregularised)", test.Loss);
        result.Number("test percent correct", test.Accuracy * 100, "F2");
        result.Number("chosen mini-batch size", best.BatchSize.ToString(CultureInfo.InvariantCulture));
        result.Number("chosen learning rate", best.LearningRate, "G4");
        result.Number("chosen epochs", best.Epochs.ToString(CultureInfo.InvariantCulture));
        result.Number("chosen α", best.Alpha, "G4");
        result.Number("grid configurations", grid.Count.ToString(CultureInfo.InvariantCulture));
        result.Number("grid seconds (all configurations)", gridSeconds, "F1");
        result.Text("Q3: answer", $"Tuned on the {full.Validation.Count:N0}-image validation split (20% of the training files, as HW1 did) over " +
            $"mini-batch size {{{string.Join(", ", BatchSizes)}}}, learning rate {{{string.Join(", ", LearningRates)}}}, epochs {{{string.Join(", ", epochGrid)}}} and " +
            $"α {{{string.Join(", ", Alphas)}}} ({grid.Count} configurations, {gridSeconds:F0} s), the lowest validation cross entropy ({best.ValidationLoss:F4}, " +
            $"{best.ValidationAccuracy:P2} correct) came from mini-batch {best.BatchSize}, learning rate {best.LearningRate:g}, {best.Epochs} epochs, α = {best.Alpha:g}. " +
            $"Evaluated once on the 10,000 test images: unregularised cross entropy {test.Loss:F4}, {test.Accuracy:P2} correctly classified.");
        result.Text("Method", "SGD on f_CE + (α/2) Σₖ w⁽ᵏ⁾ᵀw⁽ᵏ⁾ with the biases unregularised, weights and biases initialised to zero, pixels / 255, " +
            "the training portion reshuffled every epoch (seeded by --seed). Every configuration is scored on the validation split only; " +
            "the test set is touched once, by the chosen configuration, after tuning. Epoch counts share a run: shuffles are seeded by (seed, epoch), " +
            "so the scores after epoch e of the longer run are exactly those of an e-epoch run.");
        result.Table("Tuning: every configuration on the validation split", ["mini-batch", "learning rate", "epochs", "α", "validation CE", "validation % correct"],
            grid.OrderBy(t => t.ValidationLoss).Select(t => (IReadOnlyList<string>)
            [
                t.BatchSize.ToString(CultureInfo.InvariantCulture), t.LearningRate.ToString("G4", CultureInfo.InvariantCulture),
                t.Epochs.ToString(CultureInfo.InvariantCulture), t.Alpha.ToString("G4", CultureInfo.InvariantCulture),
                t.ValidationLoss.ToString("F4", CultureInfo.InvariantCulture), (t.ValidationAccuracy * 100).ToString("F2", CultureInfo.InvariantCulture),
            ]), "Sorted by validation cross entropy (unregularised); the first row is the configuration chosen.");
        result.Add(Figure.Line("Chosen configuration: loss per epoch", "epoch", "cross entropy (unregularised)",
            Series.Indexed("training", curves.TrainLoss), Series.Indexed("validation", curves.ValidationLoss)) with
        {
            IntegerX = true,
            Caption = $"Mini-batch {best.BatchSize}, learning rate {best.LearningRate:g}, α = {best.Alpha:g}. Test after the last epoch: {test.Loss:F4}.",
        });
        result.Add(Figure.Line("Chosen configuration: accuracy per epoch", "epoch", "fraction correct",
            Series.Indexed("training", curves.TrainAccuracy), Series.Indexed("validation", curves.ValidationAccuracy)) with
        {
            IntegerX = true,
            Caption = $"Test after the last epoch: {test.Accuracy:P2} correct.",
        });
    }

    private static History Train(ExperimentContext context, Impl impl, double alpha, double lr, TrainConfig config, Examples train, Examples validation, string label)
    {
        using var model = SoftmaxRegressionPair.Zeros(impl, Pixels, Classes, BiasLayout.Separate, alpha / 2, penaliseBiasRow: false, lr);
        return context.Progress($"{label}, {impl} twin", config.Epochs, config.StepsPerEpoch(train.Count),
            sink => Trainer.Fit(model, train, validation, config, sink, label));
    }
}
