// CS229 W2025 PS2 (000) Q4(e): the CNN against the largest Linear Layer NN with fewer parameters — counts from the
// closed forms and from the real modules, then both trained alike through the one training loop and compared.
// Not the models (Models/Cnn.cs, Models/SigmoidMlp.cs, Models/ParameterCounts.cs).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;
using TorchModels = Homework.Torch.Models;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q4e-cnn-vs-mlp</c>.</summary>
public sealed class Q4eCnnVsMlp : Experiment
{
    internal static readonly ExperimentOption<int> Epochs = Define.Int("--epochs", "Epochs of each network (the same budget for both).", 3, DefaultSource.Ours, 1, 1000, quick: 1);
    internal static readonly ExperimentOption<int> BatchSize = Define.Int("--batch-size", "Examples per step, taken in order.", 1000, DefaultSource.Ours, 1, 50_000);
    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Plain SGD step size for both (Q4's lr 5 with N(0, 1) weights makes the ReLU CNN diverge).", 0.1, DefaultSource.Ours, 0, 100, minExclusive: true);
    internal static readonly ExperimentOption<int> TrainSize = Define.Int("--train-size", "Training images used, the first n of the 50,000.", 50_000, DefaultSource.Ours, 1000, 50_000, quick: 2_000);

    /// <summary>Images per evaluation pass of the CNN.</summary>
    public const long CnnEvaluationChunk = 2_500;

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q4e-cnn-vs-mlp";
    /// <inheritdoc/>
    public override string Title => "CNN vs Linear Layer NN: parameter counts, then both trained alike";
    /// <inheritdoc/>
    public override string Questions => "Q4(e) i–v";
    /// <inheritdoc/>
    public override double TypicalSeconds => 20;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Epochs, BatchSize, LearningRate, TrainSize];

    /// <summary>The answers to Q4(e) i–iv for r × r images and k classes, from the closed forms.</summary>
    public static IReadOnlyList<string> Answers(long r, long k)
    {
        var m = TorchModels.ParameterCounts.LargestMlpHidden(r, k);
        return
        [
            $"i. a(i) after the convolution has shape (32, r, r) = (32, {r}, {r}): 32 filters, padding 1 and stride 1 keep r × r.",
            $"ii. CNN parameters: 32·3·3 + 32 + 32r²k + k = {TorchModels.ParameterCounts.Cnn(r, k):N0} for r = {r}, k = {k}.",
            $"iii. Linear Layer NN parameters: r²m + m + mk + k (= {TorchModels.ParameterCounts.Mlp(r, m, k):N0} at m = {m}).",
            $"iv. The largest m with fewer parameters than the CNN: m = {m} ({TorchModels.ParameterCounts.Mlp(r, m, k):N0} < {TorchModels.ParameterCounts.Cnn(r, k):N0}; m = {m + 1} gives {TorchModels.ParameterCounts.Mlp(r, m + 1, k):N0}).",
        ];
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        const long r = Q4Mnist.Side, k = Q4Mnist.Classes;
        using var full = Splits.Cs229Mnist();
        using var subset = context.Get(TrainSize) < full.Train.Count ? full.Train.Rows(0, context.Get(TrainSize)) : null;
        var train = subset ?? full.Train;
        var answers = Answers(r, k);
        foreach (var line in answers) context.Output.WriteLine(line);
        var m = TorchModels.ParameterCounts.LargestMlpHidden(r, k);
        var (config, lr) = (new TrainConfig(context.Get(Epochs), context.Get(BatchSize)), context.Get(LearningRate));
        var steps = config.StepsPerEpoch(train.Count);

        // Both start from PyTorch's default initialisation drawn after the same seed; the CNN reads the same
        // standardised pixels as (N, 1, r, r) views.
        var rows = new List<(string model, long parameters, long closedForm, History history, double test)>();
        using (var cnn = CnnPair.Create(Impl.Autograd, r, k, lr, context.Seed))
        {
            // The CNN's (chunk, 32, r, r) activations are ~100 kB an image: 2,500 images a pass evaluate with ~16% less
            // CPU than 10,000 and a peak RSS of ~1.0 GB instead of ~2.5 GB (bench/run.sh (6)).
            var c = config with { CheckpointPath = context.CheckpointPath("cnn"), EvaluationChunk = CnnEvaluationChunk };
            var history = context.Progress($"CNN (32 filters 3×3, linear {32 * r * r}→{k})", c.Epochs, steps,
                sink => Trainer.Fit(cnn, train, full.Validation, c, sink, "cnn"));
            rows.Add(("CNN", cnn.ParameterCount, TorchModels.ParameterCounts.Cnn(r, k), history, Evaluator.Evaluate(cnn, full.Test, CnnEvaluationChunk).Accuracy));
        }
        using (var mlp = SigmoidMlpPair.Create(Impl.Autograd, r * r, m, k, lambda: 0, lr, context.Seed, pytorchDefaultInit: true))
        {
            var c = config with { CheckpointPath = context.CheckpointPath($"mlp-{m}") };
            var history = context.Progress($"Linear Layer NN (784-{m}-10, sigmoid)", c.Epochs, steps,
                sink => Trainer.Fit(mlp, train, full.Validation, c, sink, $"mlp-{m}"));
            rows.Add(($"Linear NN (m = {m})", mlp.ParameterCount, TorchModels.ParameterCounts.Mlp(r, m, k), history, Evaluator.Evaluate(mlp, full.Test).Accuracy));
        }

        var result = context.Result;
        result.Number("CNN parameters", $"{rows[0].parameters:N0}");
        result.Number("largest m with fewer parameters", $"{m}");
        result.Number($"Linear NN parameters at m = {m}", $"{rows[1].parameters:N0}");
        result.Claim("closed forms ii and iii equal the modules' parameter counts", "r²m + m + mk + k and 32·3·3 + 32 + 32r²k + k",
            string.Join("; ", rows.Select(x => $"{x.model}: {x.closedForm:N0} vs {x.parameters:N0}")), rows.All(x => x.closedForm == x.parameters), "counted from the trained models");
        result.Text("Q4(e) i–iv", string.Join('\n', answers));
        result.Table("Trained alike", ["model", "parameters", "closed form", "s / epoch", "test accuracy"],
            rows.Select(x => (IReadOnlyList<string>)[x.model, $"{x.parameters:N0}", $"{x.closedForm:N0}", $"{x.history.EpochSeconds.Average():F2}", $"{x.test:F4}"]),
            $"{config.Epochs} epochs each on {train.Count:N0} images, batch {config.BatchSize}, SGD lr {lr}, PyTorch default initialisation.");
        result.Text("Q4(e) v", $"Advantage of the CNN: with about as many parameters ({rows[0].parameters:N0} vs {rows[1].parameters:N0}) it reached test accuracy " +
            $"{rows[0].test:F4} against {rows[1].test:F4}: its 3×3 filters are shared across positions, so it learns local, translation-equivariant features. " +
            $"Disadvantage: more computation per parameter — {rows[0].history.EpochSeconds.Average():F2} s per epoch against {rows[1].history.EpochSeconds.Average():F2} s — and activations 32·r² wide to store.");
        result.Add(Figure.Line("Dev accuracy per epoch", "epoch", "dev accuracy", [.. rows.Select(x => Series.Indexed(x.model, x.history.ValidationAccuracy))]) with
        { IntegerX = true, Markers = true, Caption = $"Same data, budget and optimizer. Test accuracy: {string.Join("; ", rows.Select(x => $"{x.model} {x.test:F4}"))}." });
        result.Add(Figure.Line("Training loss per epoch", "epoch", "mean cross-entropy", [.. rows.Select(x => Series.Indexed(x.model, x.history.TrainLoss))]) with
        { IntegerX = true, Markers = true, Caption = $"Seconds per epoch: {string.Join("; ", rows.Select(x => $"{x.model} {x.history.EpochSeconds.Average():F2}"))}." });
    }
}
