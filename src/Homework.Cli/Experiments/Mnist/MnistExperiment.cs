// CS229 PS2 (000) Q4(b-d): the 784-300-10 sigmoid MLP on MNIST, unregularised and with L2, checkpointed
// to .dat every epoch, evaluated on the test set from the saved files, plotted. Not the models (Models/SigmoidMlp.cs).
using Homework.Checkpoints;
using System.Diagnostics;
using Homework.Cli.Progress;
using Homework.Data;
using TorchSharp;
using Homework.Reports;
using TorchModels = Homework.Torch.Models;
using static TorchSharp.torch;

namespace Homework.Cli.Experiments.Mnist;

/// <summary>Q4's training settings: hidden size 300, lr 5, batches of 1000 taken in order, 30 epochs.</summary>
/// <param name="Impl">Which twin trains.</param>
/// <param name="Lambda">L2 strength: 0 for Q4(b), 1e-4 for Q4(c).</param>
/// <param name="Epochs">Passes over the 50,000 training images.</param>
/// <param name="BatchSize">Examples per gradient step (sequential, the images are pre-shuffled).</param>
/// <param name="LearningRate">Gradient-descent step size.</param>
/// <param name="Hidden">m, the hidden units.</param>
/// <param name="Seed">Seeds the N(0, 1) weight draw, so both twins start from the same weights.</param>
/// <param name="CheckpointDir">Where the .dat files go.</param>
public sealed record TrainConfig(
    Impl Impl = Impl.Torch,
    double Lambda = 0,
    int Epochs = 30,
    int BatchSize = 1000,
    double LearningRate = 5,
    int Hidden = 300,
    long Seed = 0,
    string CheckpointDir = "checkpoints")
{
    /// <summary><c>mnist-mlp</c> or <c>mnist-mlp-l2</c>.</summary>
    public string Variant => Lambda == 0 ? "mnist-mlp" : "mnist-mlp-l2";

    /// <summary><c>checkpoints/&lt;variant&gt;-&lt;impl&gt;.dat</c>.</summary>
    public string CheckpointPath => Path.Combine(CheckpointDir, $"{Variant}-{Impl.ToString().ToLowerInvariant()}.dat");
}

/// <summary>Per-epoch metrics of one run (index i = after epoch i + 1); seconds of training and of evaluating train + dev.</summary>
public sealed record History(IReadOnlyList<double> TrainLoss, IReadOnlyList<double> TrainAccuracy, IReadOnlyList<double> DevLoss,
    IReadOnlyList<double> DevAccuracy, IReadOnlyList<double> EpochSeconds, IReadOnlyList<double> EvalSeconds)
{
    internal static readonly string[] Keys = ["train_loss", "train_accuracy", "dev_loss", "dev_accuracy", "epoch_seconds", "eval_seconds"];

    internal static History From(Dictionary<string, List<double>> m) =>
        new(m["train_loss"], m["train_accuracy"], m["dev_loss"], m["dev_accuracy"], m["epoch_seconds"], m["eval_seconds"]);
}

/// <summary>The Q4 experiment: Train, then test accuracy from the checkpoint, then plots.</summary>
public static class MnistExperiment
{
    /// <summary>The digits' image side r and class count k.</summary>
    public const int Side = 28, Classes = 10;

    /// <summary>
    /// Trains one twin on <paramref name="data"/> (Train and Validation = dev), saving weights and metrics to
    /// <see cref="TrainConfig.CheckpointPath"/> after every epoch. With <paramref name="resume"/>, continues from the
    /// saved epoch (a finished run returns its history without training).
    /// </summary>
    public static History Train(TrainConfig config, DataSplit data, IProgressSink progress, bool resume)
    {
        var train = data.Train;
        var dev = data.Validation;
        using var model = MlpTwin.Create(config.Impl, train.Inputs.shape[1], config.Hidden, Classes, config.Lambda, config.Seed);
        Directory.CreateDirectory(config.CheckpointDir);
        var state = (resume ? model.Resume(config.CheckpointPath) : null) ?? new TrainingState();
        foreach (var key in History.Keys) state.Metrics.TryAdd(key, []);
        if (state.Epoch > 0) progress.Log($"resuming {config.CheckpointPath} after epoch {state.Epoch}");

        var batches = (train.Count + config.BatchSize - 1) / config.BatchSize;
        for (var epoch = state.Epoch + 1; epoch <= config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            for (long b = 0; b < batches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var start = b * config.BatchSize;
                var len = Math.Min(config.BatchSize, train.Count - start);
                model.Step(train.Inputs.narrow(0, start, len), train.Labels.narrow(0, start, len), config.LearningRate);
                progress.Batch();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (trainLoss, trainAcc) = model.Evaluate(train.Inputs, train.Labels);
            var (devLoss, devAcc) = model.Evaluate(dev.Inputs, dev.Labels);
            var evalSeconds = clock.Elapsed.TotalSeconds;
            state.Metrics["train_loss"].Add(trainLoss);
            state.Metrics["train_accuracy"].Add(trainAcc);
            state.Metrics["dev_loss"].Add(devLoss);
            state.Metrics["dev_accuracy"].Add(devAcc);
            state.Metrics["epoch_seconds"].Add(seconds);
            state.Metrics["eval_seconds"].Add(evalSeconds);
            state.Epoch = epoch;
            state.Step += batches;
            model.Save(config.CheckpointPath, state);
            progress.Epoch(epoch, $"{config.Variant} ({config.Impl}) epoch {epoch,2}/{config.Epochs}: train loss {trainLoss:F4} acc {trainAcc:F4} | dev loss {devLoss:F4} acc {devAcc:F4} | train {seconds:F2} s, eval {evalSeconds:F2} s");
        }
        return History.From(state.Metrics);
    }

    /// <summary>Q4(d): loads a saved checkpoint into a fresh autograd twin and measures accuracy on (X, labels).</summary>
    public static double AccuracyFromCheckpoint(string datPath, long hidden, Examples test)
    {
        using var model = new TorchModels.SigmoidMlp(test.Inputs.shape[1], hidden, Classes);
        model.load(datPath);
        return model.Accuracy(test.Inputs, test.Labels);
    }

    /// <summary>
    /// The whole of Q4(b-d) as <c>homework mnist</c> runs it: both variants, test accuracies from the checkpoints,
    /// and the report page. Returns the two runs' test accuracies (unregularised, regularised).
    /// </summary>
    public static (double plain, double l2) Run(Impl impl, int epochs, bool resume, string reportsRoot, TextWriter output)
    {
        using var data = Splits.Cs229Mnist();
        output.WriteLine($"CS229 PS2 Q4: {data.Train.Count} train / {data.Validation.Count} dev / {data.Test.Count} test images; {data.Preprocessing}");
        var results = new List<(TrainConfig config, History history, double test)>();
        foreach (var lambda in new[] { 0.0, 1e-4 })
        {
            var config = new TrainConfig(impl, lambda, epochs);
            var batches = (int)((data.Train.Count + config.BatchSize - 1) / config.BatchSize);
            var title = $"{config.Variant}, {impl} twin, λ = {lambda:g}";
            var history = TrainingProgress.Run(title, config.Epochs, batches, sink => Train(config, data, sink, resume));
            var test = AccuracyFromCheckpoint(config.CheckpointPath, config.Hidden, data.Test);
            output.WriteLine($"test accuracy of {config.CheckpointPath} (λ = {lambda:g}): {test:F4}");
            results.Add((config, history, test));
        }
        var page = new ReportPage("mnist", $"MNIST: CS229 PS2 Q4, 784-{results[0].config.Hidden}-10 sigmoid MLP ({impl} twin)");
        foreach (var (config, history, test) in results)
        {
            var label = config.Lambda == 0 ? "unregularized" : $"L2, λ = {config.Lambda:g}";
            page.Add(Figure.Line($"Loss per epoch ({label})", "epoch", "mean cross-entropy (no L2 term)",
                [Series.Indexed("train", history.TrainLoss), Series.Indexed("dev", history.DevLoss)]) with
            { Caption = $"Loss over the 50,000 training and 10,000 dev images after each epoch. Test accuracy from {config.CheckpointPath}: {test:F4}." });
            page.Add(Figure.Line($"Accuracy per epoch ({label})", "epoch", "accuracy",
                [Series.Indexed("train", history.TrainAccuracy), Series.Indexed("dev", history.DevAccuracy)]) with
            { Caption = $"Fraction classified correctly. Final dev accuracy {history.DevAccuracy[^1]:F4}; test {test:F4}." });
        }
        var index = page.Save(reportsRoot);
        output.WriteLine($"report: {index}");
        return (results[0].test, results[1].test);
    }
}
