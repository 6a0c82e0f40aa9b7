// CS229 PS2 (000) Q4(e): the CNN against the largest Linear Layer NN with fewer parameters — counts from the
// closed forms and from the real modules, then both trained alike and compared. Not the models (Models/Cnn.cs).
using System.Diagnostics;
using Homework.Cli.Progress;
using Homework.Data;
using TorchSharp;
using Homework.Reports;
using Spectre.Console;
using TorchModels = Homework.Torch.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Cli.Experiments.Mnist;

/// <summary>
/// The shared budget: same epochs, batch size and plain SGD step for both networks, both with PyTorch's default
/// initialisation (Q4's N(0, 1) weights and lr 5 make the ReLU CNN diverge). lr 0.1 and batches of 1000 are also the
/// PyTorch peer's CNN settings in bench/pytorch/mnist.py, so seconds per epoch compare directly.
/// </summary>
/// <param name="Epochs">Passes over the training images, the same for both.</param>
/// <param name="BatchSize">Examples per step, taken in order.</param>
/// <param name="LearningRate">Plain SGD step size.</param>
/// <param name="Seed">Seeds both initialisations.</param>
/// <param name="CheckpointDir">Where <c>cnn.dat</c> and <c>mlp-&lt;m&gt;.dat</c> go.</param>
public sealed record CompareConfig(int Epochs = 3, int BatchSize = 1000, double LearningRate = 0.1, long Seed = 0, string CheckpointDir = "checkpoints");

/// <summary>One network's row of the comparison.</summary>
public sealed record CompareRow(string Model, long Parameters, long ClosedForm, double SecondsPerEpoch, double TestAccuracy, IReadOnlyList<double> DevAccuracy, IReadOnlyList<double> TrainLoss);

/// <summary>Q4(e) as <c>homework cnn-vs-mlp</c> runs it.</summary>
public static class CnnVsMlpExperiment
{
    /// <summary>The answers to Q4(e) i–iv for r × r images and k classes, from the closed forms.</summary>
    public static IReadOnlyList<string> Answers(long r, long k)
    {
        var m = TorchModels.ParameterCounts.LargestMlpHidden(r, k);
        return
        [
            $"i.   a(i) after the convolution has shape (32, r, r) = (32, {r}, {r}): 32 filters, padding 1 and stride 1 keep r × r.",
            $"ii.  CNN parameters: 32·3·3 + 32 + 32r²k + k = {TorchModels.ParameterCounts.Cnn(r, k):N0} for r = {r}, k = {k}.",
            $"iii. Linear Layer NN parameters: r²m + m + mk + k (= {TorchModels.ParameterCounts.Mlp(r, m, k):N0} at m = {m}).",
            $"iv.  The largest m with fewer parameters than the CNN: m = {m} ({TorchModels.ParameterCounts.Mlp(r, m, k):N0} < {TorchModels.ParameterCounts.Cnn(r, k):N0}; m = {m + 1} gives {TorchModels.ParameterCounts.Mlp(r, m + 1, k):N0}).",
        ];
    }

    /// <summary>Trains a network with <paramref name="step"/> for the budget, timing each epoch and recording dev accuracy.</summary>
    public static (IReadOnlyList<double> trainLoss, IReadOnlyList<double> devAccuracy, double secondsPerEpoch) Train(
        CompareConfig config, Examples train, Examples dev, Action<torch.Tensor, torch.Tensor> step,
        Func<torch.Tensor, torch.Tensor> logits, IProgressSink progress, string name)
    {
        var trainLoss = new List<double>();
        var devAccuracy = new List<double>();
        var seconds = 0.0;
        for (var epoch = 1; epoch <= config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            for (long start = 0; start < train.Count; start += config.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var len = Math.Min(config.BatchSize, train.Count - start);
                step(train.Inputs.narrow(0, start, len), train.Labels.narrow(0, start, len));
                progress.Batch();
            }
            seconds += clock.Elapsed.TotalSeconds;
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                // Loss over the training set after the epoch, in chunks to bound memory.
                for (long start = 0; start < train.Count; start += 10_000)
                {
                    var len = Math.Min(10_000, train.Count - start);
                    lossSum += torch.nn.functional.cross_entropy(logits(train.Inputs.narrow(0, start, len)), train.Labels.narrow(0, start, len), reduction: nn.Reduction.Sum).item<double>();
                }
                trainLoss.Add(lossSum / train.Count);
                devAccuracy.Add(Accuracy(logits, dev));
            }
            progress.Epoch(epoch, $"{name} epoch {epoch}/{config.Epochs}: train loss {trainLoss[^1]:F4}, dev accuracy {devAccuracy[^1]:F4}, {clock.Elapsed.TotalSeconds:F2} s");
        }
        return (trainLoss, devAccuracy, seconds / config.Epochs);
    }

    /// <summary>Fraction of <paramref name="set"/> classified correctly, in chunks, without gradients.</summary>
    public static double Accuracy(Func<torch.Tensor, torch.Tensor> logits, Examples set)
    {
        using var noGrad = torch.no_grad();
        long correct = 0;
        for (long start = 0; start < set.Count; start += 10_000)
        {
            using var scope = torch.NewDisposeScope();
            var len = Math.Min(10_000, set.Count - start);
            correct += logits(set.Inputs.narrow(0, start, len)).argmax(1).eq(set.Labels.narrow(0, start, len)).sum().item<long>();
        }
        return (double)correct / set.Count;
    }

    /// <summary>Runs the comparison on the CS229 split and writes <c>reports/cnn-vs-mlp</c>; returns the two rows (CNN first).</summary>
    public static IReadOnlyList<CompareRow> Run(CompareConfig config, string reportsRoot, TextWriter output)
    {
        const long r = MnistExperiment.Side, k = MnistExperiment.Classes;
        using var data = Splits.Cs229Mnist();
        foreach (var line in Answers(r, k)) output.WriteLine(line);
        var m = TorchModels.ParameterCounts.LargestMlpHidden(r, k);
        Directory.CreateDirectory(config.CheckpointDir);

        // The CNN reads the same standardised pixels as (N, 1, r, r) views.
        Func<torch.Tensor, torch.Tensor> images = x => x.view(x.shape[0], 1, r, r);
        var rows = new List<CompareRow>();
        var batches = (int)((data.Train.Count + config.BatchSize - 1) / config.BatchSize);

        torch.manual_seed(config.Seed);
        using (var cnn = new TorchModels.Cnn(r, k))
        {
            Func<torch.Tensor, torch.Tensor> logits = x => { using var s = torch.NewDisposeScope(); return s.MoveToOuter(cnn.forward(images(x))); };
            var (loss, dev, sec) = TrainingProgress.Run($"CNN (32 filters 3×3, linear {32 * r * r}→{k})", config.Epochs, batches,
                sink => Train(config, data.Train, data.Validation, (x, y) => cnn.Step(images(x), y, config.LearningRate), logits, sink, "cnn"));
            cnn.save(Path.Combine(config.CheckpointDir, "cnn.dat"));
            rows.Add(new CompareRow("CNN", TorchModels.ParameterCounts.Count(cnn), TorchModels.ParameterCounts.Cnn(r, k), sec, Accuracy(logits, data.Test), dev, loss));
        }
        torch.manual_seed(config.Seed);
        using (var mlp = new TorchModels.SigmoidMlp(r * r, m, k))
        {
            Func<torch.Tensor, torch.Tensor> logits = x => mlp.forward(x);
            var (loss, dev, sec) = TrainingProgress.Run($"Linear Layer NN (784-{m}-10, sigmoid)", config.Epochs, batches,
                sink => Train(config, data.Train, data.Validation, (x, y) => mlp.Step(x, y, config.LearningRate), logits, sink, $"mlp-{m}"));
            mlp.save(Path.Combine(config.CheckpointDir, $"mlp-{m}.dat"));
            rows.Add(new CompareRow($"Linear NN (m = {m})", TorchModels.ParameterCounts.Count(mlp), TorchModels.ParameterCounts.Mlp(r, m, k), sec, Accuracy(logits, data.Test), dev, loss));
        }

        var table = new Table().AddColumns("model", "parameters (module)", "closed form", "s / epoch", "test accuracy");
        foreach (var row in rows)
            table.AddRow(row.Model, $"{row.Parameters:N0}", $"{row.ClosedForm:N0}", $"{row.SecondsPerEpoch:F2}", $"{row.TestAccuracy:F4}");
        table.Caption($"{config.Epochs} epochs each, batch {config.BatchSize}, SGD lr {config.LearningRate}, PyTorch default init");
        AnsiConsole.Write(table);
        output.WriteLine($"v.   Advantage of the CNN: with about as many parameters ({rows[0].Parameters:N0} vs {rows[1].Parameters:N0}) it reached test accuracy " +
            $"{rows[0].TestAccuracy:F4} against {rows[1].TestAccuracy:F4}: its 3×3 filters are shared across positions, so it learns local, " +
            $"translation-equivariant features. Disadvantage: more computation per parameter — {rows[0].SecondsPerEpoch:F2} s per epoch against " +
            $"{rows[1].SecondsPerEpoch:F2} s, and activations 32·r² wide to store.");

        var page = new ReportPage("cnn-vs-mlp", "CS229 PS2 Q4(e): CNN vs Linear Layer NN");
        page.Add(Figure.Line("Dev accuracy per epoch", "epoch", "dev accuracy", [.. rows.Select(x => Series.Indexed(x.Model, x.DevAccuracy))]) with
        { Caption = $"Same data, budget and optimizer. Test accuracy: {string.Join("; ", rows.Select(x => $"{x.Model} {x.TestAccuracy:F4}"))}." });
        page.Add(Figure.Line("Training loss per epoch", "epoch", "mean cross-entropy", [.. rows.Select(x => Series.Indexed(x.Model, x.TrainLoss))]) with
        { Caption = $"Parameters: {string.Join("; ", rows.Select(x => $"{x.Model} {x.Parameters:N0}"))}. Seconds per epoch: {string.Join("; ", rows.Select(x => $"{x.Model} {x.SecondsPerEpoch:F2}"))}." });
        output.WriteLine($"report: {page.Save(reportsRoot)}");
        return rows;
    }
}
