// CS229 W2025 PS2 (000) Q4(b)–(d): the 784-300-10 sigmoid MLP on MNIST, unregularised and with L2, checkpointed to
// .dat every epoch, tested from the saved files, plotted on shared axes. Not the models (Models/SigmoidMlp.cs) and
// not the loop (Homework.Training.Trainer).
using Homework.Checkpoints;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q4-mnist</c>: Q4(b)–(d), the main job.</summary>
public sealed class Q4Mnist : Experiment
{
    /// <summary>The digits' image side r and class count k.</summary>
    public const int Side = 28, Classes = 10;

    /// <summary>The homework's stated test accuracies (Q4(d)): "close to 0.92870 without regularization, and 0.96760 with".</summary>
    public const double StatedPlain = 0.92870, StatedL2 = 0.96760;

    internal static readonly ExperimentOption<Impl> ImplOption = Define.Choice("--impl", "Which twin trains: manual (hand-derived gradients) or autograd.", Impl.Autograd, DefaultSource.Ours);
    internal static readonly ExperimentOption<int> Epochs = Define.Int("--epochs", "Epochs of each run.", 30, DefaultSource.Homework, 1, 1000, quick: 2);
    internal static readonly ExperimentOption<int> BatchSize = Define.Int("--batch-size", "Examples per step, taken in order (the images are pre-shuffled).", 1000, DefaultSource.Homework, 1, 50_000);
    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Mini-batch gradient-descent step size.", 5, DefaultSource.Homework, 0, 100, minExclusive: true);
    internal static readonly ExperimentOption<int> Hidden = Define.Int("--hidden", "Hidden units m.", 300, DefaultSource.Homework, 1, 10_000);
    internal static readonly ExperimentOption<double> Lambda = Define.Double("--lambda", "L2 strength of the regularised run (Q4(c)).", 1e-4, DefaultSource.Homework, 0, 1, minExclusive: true);
    internal static readonly ExperimentOption<int> TrainSize = Define.Int("--train-size", "Training images used, the first n of the 50,000.", 50_000, DefaultSource.Homework, 1000, 50_000, quick: 5_000);
    internal static readonly ExperimentOption<bool> Resume = Define.Flag("--resume", "Continue interrupted runs from their last saved epoch.");

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q4-mnist";
    /// <inheritdoc/>
    public override string Title => "MNIST with a 784-300-10 sigmoid MLP, unregularised and L2";
    /// <inheritdoc/>
    public override string Questions => "Q4(b)–(d)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 26;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, Epochs, BatchSize, LearningRate, Hidden, Lambda, TrainSize, Resume, Workers];

    /// <summary>Runs trained side by side.</summary>
    internal static readonly ExperimentOption<int> Workers = Define.Int("--workers",
        "Runs trained side by side (1: one after another with the process's two threads; 2: both at once, one thread each). " +
        "1 is faster here: this machine's two vCPUs give ~1.35x one core's throughput, so side by side took 62.0 s against 46.3 s (bench/run.sh --main-job).",
        1, DefaultSource.Ours, 1, 2);

    /// <summary>
    /// Trains each of <paramref name="runs"/> (a pair and its config, which names its checkpoint) on
    /// <paramref name="data"/>'s train split with dev as validation, one evaluation per epoch, <paramref name="workers"/>
    /// at a time (which is faster on this machine is measured in <see cref="Workers"/>'s description).
    /// </summary>
    public static History[] Train(IReadOnlyList<(string Name, ITrainable Model, TrainConfig Config)> runs, DataSplit data, int workers, IProgressSink progress)
    {
        var shared = ConcurrentRuns.Synchronized(progress);
        return ConcurrentRuns.Run([.. runs.Select(r => (Func<History>)(() => Trainer.Fit(r.Model, data.Train, data.Validation, r.Config, shared, r.Name)))], workers);
    }

    /// <summary>Q4(d): loads a saved run into a fresh pair (twin <paramref name="impl"/>) and measures its accuracy on <paramref name="test"/>.</summary>
    public static double AccuracyFromCheckpoint(string datPath, Impl impl, long hidden, Examples test)
    {
        using var model = SigmoidMlpPair.Create(impl, test.Inputs.shape[1], hidden, Classes, lambda: 0, lr: 1, seed: 0);
        _ = model.Resume(datPath) ?? throw new CheckpointException($"{datPath} has no saved run to test");
        return Evaluator.Evaluate(model, test).Accuracy;
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        var hidden = context.Get(Hidden);
        using var full = Splits.Cs229Mnist();
        var trainSize = context.Get(TrainSize);
        // A --train-size subset is a view of the first n images; only the view is freed, the split owns the data.
        using var subset = trainSize < full.Train.Count ? full.Train.Rows(0, trainSize) : null;
        var split = subset is null ? full : full with { Train = subset };
        context.Output.WriteLine($"{split.Train.Count} train / {split.Validation.Count} dev / {split.Test.Count} test images; {split.Preprocessing}");
        var config = new TrainConfig(context.Get(Epochs), context.Get(BatchSize), Resume: context.Get(Resume));
        var lambdas = new[] { 0.0, context.Get(Lambda) };
        var labels = lambdas.Select(l => l == 0 ? "unregularized" : $"L2 λ = {l:g}").ToArray();
        var paths = lambdas.Select(l => context.CheckpointPath($"mlp{(l == 0 ? "" : "-l2")}-{impl.ToString().ToLowerInvariant()}")).ToArray();
        // Every option that changes what a run computes goes into its checkpoint, so --resume under other values is refused.
        var settings = context.Values.Where(v => v.option != Resume && v.option != Workers && v.option != Epochs)
            .ToDictionary(v => v.option.Name, v => v.option.Format(v.value));
        var configs = paths.Select((p, i) => config with { CheckpointPath = p, Settings = new Dictionary<string, string>(settings) { ["λ of this run"] = lambdas[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture) } }).ToArray();
        // Both twins are drawn here, one after the other: the seeded draw uses libtorch's one global generator.
        var models = lambdas.Select(l => SigmoidMlpPair.Create(impl, split.Train.Inputs.shape[1], hidden, Classes, l, context.Get(LearningRate), context.Seed)).ToArray();
        History[] histories;
        try
        {
            var workers = context.Get(Workers);
            histories = context.Progress($"{string.Join(" and ", labels)}, {impl} twin, {workers} side by side", 2 * config.Epochs, config.StepsPerEpoch(split.Train.Count),
                sink => Train([.. lambdas.Select((l, i) => ($"{(l == 0 ? "plain" : "l2")} ({impl})", (ITrainable)models[i], configs[i]))], split, workers, sink));
        }
        finally
        {
            foreach (var m in models) m.Dispose();
        }
        var runs = new List<(string label, double lambda, History history, double test, string path)>();
        for (var i = 0; i < lambdas.Length; i++)
        {
            var test = AccuracyFromCheckpoint(paths[i], impl, hidden, split.Test);
            context.Output.WriteLine($"test accuracy of {paths[i]} ({labels[i]}): {test:F4}");
            runs.Add((labels[i], lambdas[i], histories[i], test, paths[i]));
        }

        var result = context.Result;
        var note = context.Quick ? "quick run: fewer epochs and images than the homework's" : "";
        result.Compare("test accuracy, unregularized (Q4(d))", StatedPlain, runs[0].test, 0.01, note: note);
        result.Compare($"test accuracy, L2 λ = {runs[1].lambda:g} (Q4(d))", StatedL2, runs[1].test, 0.01, note: note);
        result.Claim("regularisation raises test accuracy (Q4(d))", "better test accuracy with regularization",
            $"{runs[1].test:F4} vs {runs[0].test:F4}", runs[1].test > runs[0].test);
        foreach (var r in runs)
        {
            result.Number($"final train loss, {r.label}", r.history.TrainLoss[^1]);
            result.Number($"final dev accuracy, {r.label}", r.history.ValidationAccuracy[^1]);
            result.Number($"seconds per training epoch, {r.label}", r.history.EpochSeconds.Average(), "F2");
        }
        var (plain, l2) = (runs[0], runs[1]);
        result.Text("Q4(d): why", l2.test > plain.test
            ? $"The L2 penalty keeps the weights small, so the network fits the {split.Train.Count:N0} training images less exactly " +
              $"(final train loss {l2.history.TrainLoss[^1]:F4} against {plain.history.TrainLoss[^1]:F4}) and generalises better: " +
              $"test accuracy {l2.test:F4} against {plain.test:F4}. Test accuracies come from the saved checkpoints, loaded into a fresh model."
            : $"In this run the L2 model did not test better ({l2.test:F4} against {plain.test:F4}), so the homework's expectation is not borne out here" +
              (context.Quick ? ": a quick run stops long before the penalty's effect on the weights shows." : "."));
        // The homework's two pairs of plots: (b) loss and accuracy of the unregularised run, (c) the same for the L2 run.
        foreach (var r in runs)
        {
            var part = r.lambda == 0 ? "Q4(b)" : "Q4(c)";
            result.Add(Figure.Line($"{part} loss per epoch, {r.label}", "epoch", "mean cross-entropy (no L2 term)",
                [Series.Indexed("train", r.history.TrainLoss), Series.Indexed("dev", r.history.ValidationLoss)]) with
            {
                IntegerX = true,
                Caption = $"{part}'s first plot: the {r.label} run's loss over the training and dev sets after each epoch.",
            });
            result.Add(Figure.Line($"{part} accuracy per epoch, {r.label}", "epoch", "accuracy",
                [Series.Indexed("train", r.history.TrainAccuracy), Series.Indexed("dev", r.history.ValidationAccuracy)]) with
            {
                IntegerX = true,
                Caption = $"{part}'s second plot: the {r.label} run's accuracy on the training and dev sets after each epoch; test accuracy {r.test:F4}.",
            });
        }
        result.Add(Figure.Line("Loss per epoch", "epoch", "mean cross-entropy (no L2 term)",
            [.. runs.SelectMany(r => new[] { Series.Indexed($"train, {r.label}", r.history.TrainLoss), Series.Indexed($"dev, {r.label}", r.history.ValidationLoss) })]) with
        {
            IntegerX = true,
            Caption = $"Both runs on shared axes, for comparison (Q4(c)'s question): loss over the {split.Train.Count:N0} training and {split.Validation.Count:N0} dev images after each epoch.",
        });
        result.Add(Figure.Line("Accuracy per epoch", "epoch", "accuracy",
            [.. runs.SelectMany(r => new[] { Series.Indexed($"train, {r.label}", r.history.TrainAccuracy), Series.Indexed($"dev, {r.label}", r.history.ValidationAccuracy) })]) with
        {
            IntegerX = true,
            Caption = $"Fraction classified correctly after each epoch. Test accuracy from the checkpoints: {string.Join("; ", runs.Select(r => $"{r.label} {r.test:F4}"))}.",
        });
    }
}
