// The one training loop of the project: mini-batches in order or reshuffled every epoch, evaluation once an epoch
// or every k steps, early stopping on the validation loss, per-epoch checkpoints and exact resume. Every experiment
// and the bench that train by mini-batches train through it, with either twin of a pair, one model or a stack of
// same-shape models in lockstep (one history each). Not a model and not an optimizer: ITrainable.Step (ITrainableStack.Step)
// is both, at the rate its model was made with.
using System.Diagnostics;
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training;

/// <summary>Fits an <see cref="ITrainable"/> as a <see cref="TrainConfig"/> says.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, evaluating on it and on <paramref name="validation"/>
    /// (when given) as <paramref name="config"/> says, and returns the whole history. With
    /// <see cref="TrainConfig.Resume"/>, a saved run continues where it stopped, drawing the same shuffles, so it ends
    /// bit for bit where an uninterrupted run ends; a finished run returns its history without training.
    /// </summary>
    public static History Fit(ITrainable model, Examples train, Examples? validation, TrainConfig config, IProgressSink progress, string name = "run")
    {
        Check(config, train, validation);
        var path = config.CheckpointPath;
        if (path is not null) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (config.Resume && path is not null) CheckResumable(path, config);
        var state = (config.Resume && path is not null ? model.Resume(path) : null) ?? new TrainingState { Settings = config.RecordedSettings() };
        var history = new History(state.Metrics);
        if (state.Epoch > 0) progress.Log($"resuming {path} after epoch {state.Epoch}");
        Loop(new One(model), train, validation, config, progress, state, [history], [name],
            config.RecordStepLoss ? model.ScoredStep : null,
            path is null ? null : saved => model.Save(path, saved));
        return history;
    }

    // A resume continues the run that was saved, or nothing: the saved progress must exist, have been started with
    // the same settings, and not have trained past the epochs asked for (or the result would be another run's).
    // Checked on the .train.json alone, before any weight is loaded.
    private static void CheckResumable(string path, TrainConfig config)
    {
        var saved = TrainingState.Read(path) ?? throw new CheckpointException(
            $"resume: there is no saved run at {path} (no {Path.GetFileName(TrainingState.TrainPath(path))} beside it); leave out --resume to start a fresh run");
        var now = config.RecordedSettings();
        var differences = saved.Settings.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(k => saved.Settings.GetValueOrDefault(k) != now.GetValueOrDefault(k))
            .Select(k => $"{k} {saved.Settings.GetValueOrDefault(k) ?? "(not set)"} (now {now.GetValueOrDefault(k) ?? "not set"})").ToList();
        if (differences.Count > 0)
            throw new CheckpointException($"resume: {path} was trained with other settings: {string.Join(", ", differences)}; " +
                "resume with the values it was started with, or leave out --resume to start a fresh run");
        if (saved.Epoch > config.Epochs)
            throw new CheckpointException($"resume: {path} has trained {saved.Epoch} epochs, more than the {config.Epochs} asked for, so this run would report " +
                $"a {saved.Epoch}-epoch model; resume with {saved.Epoch} epochs or more, or leave out --resume to start a fresh run");
    }

    /// <summary>
    /// Trains every member of <paramref name="stack"/> in lockstep, each step on the same batch for all (each member
    /// at its own learning rate), with the shuffles and
    /// evaluations <see cref="Fit(ITrainable, Examples, Examples?, TrainConfig, IProgressSink, string)"/> would give each
    /// member alone; returns the members' histories in order. A stack has no checkpoints, early stopping or step losses.
    /// </summary>
    public static History[] Fit(ITrainableStack stack, Examples train, Examples? validation, TrainConfig config, IProgressSink progress, IReadOnlyList<string> names)
    {
        Check(config, train, validation);
        if (config.CheckpointPath is not null || config.Patience is not null || config.RecordStepLoss)
            throw new ArgumentException("a stack of models trains without checkpoints, early stopping or step losses (its members would share one file and one stop); train the members one by one for those", nameof(config));
        if (names.Count != stack.Count) throw new ArgumentException($"{stack.Count} members need {stack.Count} names; got {names.Count}", nameof(names));
        History[] histories = [.. Enumerable.Range(0, stack.Count).Select(_ => new History([]))];
        Loop(stack, train, validation, config, progress, new TrainingState(), histories, names, scoredStep: null, save: null);
        return histories;
    }

    // The loop itself, for one model or a stack of members trained in lockstep. Only a single model has the loss of
    // each step measured (scoredStep, which steps too) and its progress saved after each epoch (save).
    private static void Loop(ITrainableStack members, Examples train, Examples? validation, TrainConfig config, IProgressSink progress,
        TrainingState state, History[] histories, IReadOnlyList<string> names, Func<Examples, Score>? scoredStep, Action<TrainingState>? save)
    {
        var steps = config.StepsPerEpoch(train.Count);
        for (var epoch = state.Epoch + 1; epoch <= config.Epochs && histories[0].EarlyStopStep is null; epoch++)
        {
            using var order = config.Shuffle ? Permutation(train.Count, config.Seed, epoch) : null;
            var clock = Stopwatch.StartNew();
            for (long b = 0; b < steps; b++)
            {
                using (var scope = torch.NewDisposeScope())
                {
                    var start = b * config.BatchSize;
                    var length = Math.Min(config.BatchSize, train.Count - start);
                    var batch = order is null ? train.Rows(start, length) : train.Select(order.narrow(0, start, length));
                    if (scoredStep is not null) histories[0].Add("step_loss", scoredStep(batch).LossSum / batch.Count);
                    else members.Step(batch);
                }
                var stepIndex = state.Step++;
                for (var k = 0; k < members.Count; k++) progress.Batch();
                if (config.EvaluateEverySteps is { } every && stepIndex % every == 0)
                {
                    clock.Stop();
                    if (Evaluate(members, train, validation, config, histories, state.Step, steps)) break;
                    clock.Start();
                }
            }
            foreach (var history in histories) history.Add("epoch_seconds", clock.Elapsed.TotalSeconds);
            if (config.EvaluateEverySteps is null) Evaluate(members, train, validation, config, histories, state.Step, steps);
            state.Epoch = epoch;
            save?.Invoke(state);
            for (var k = 0; k < members.Count; k++) progress.Epoch(epoch, Summary(names[k], epoch, config.Epochs, histories[k]));
        }
    }

    // Evaluates, records, and applies early stopping (a single model only); true when the run must stop.
    private static bool Evaluate(ITrainableStack members, Examples train, Examples? validation, TrainConfig config, History[] histories, long stepsDone, long stepsPerEpoch)
    {
        var clock = Stopwatch.StartNew();
        foreach (var history in histories)
        {
            history.Add("eval_step", stepsDone);
            history.Add("eval_epoch", (double)stepsDone / stepsPerEpoch);
        }
        if (config.EvaluateTrainingSet)
        {
            var t = Evaluator.Evaluate(members, train, config.EvaluationChunk);
            for (var k = 0; k < histories.Length; k++)
            {
                histories[k].Add("train_loss", t[k].Loss);
                histories[k].Add("train_accuracy", t[k].Accuracy);
            }
        }
        if (validation is not null)
        {
            var v = Evaluator.Evaluate(members, validation, config.EvaluationChunk);
            for (var k = 0; k < histories.Length; k++)
            {
                histories[k].Add("val_loss", v[k].Loss);
                histories[k].Add("val_accuracy", v[k].Accuracy);
            }
        }
        foreach (var history in histories) history.Add("eval_seconds", clock.Elapsed.TotalSeconds);
        if (config.Patience is not { } patience || !ShouldStop(histories[0].ValidationLoss, patience)) return false;
        histories[0].Add("early_stop_step", stepsDone);
        return true;
    }

    // A single model as a stack of one.
    private sealed class One(ITrainable model) : ITrainableStack
    {
        public int Count => 1;

        public void Step(Examples batch) => model.Step(batch);

        public Score[] Score(Examples batch) => [model.Score(batch)];
    }

    /// <summary>
    /// True when none of the last <paramref name="patience"/> validation losses improved on the best one before
    /// them: the validation set was passed <paramref name="patience"/> times without a new best.
    /// </summary>
    public static bool ShouldStop(IReadOnlyList<double> validationLoss, int patience)
    {
        if (validationLoss.Count <= patience) return false;
        var best = double.PositiveInfinity;
        for (var i = 0; i < validationLoss.Count - patience; i++) best = Math.Min(best, validationLoss[i]);
        for (var i = validationLoss.Count - patience; i < validationLoss.Count; i++)
            if (validationLoss[i] < best) return false;
        return true;
    }

    /// <summary>
    /// The order of epoch <paramref name="epoch"/>'s examples: a Fisher–Yates permutation from System.Random, whose
    /// seeded sequence is fixed across .NET versions, seeded by (seed, epoch) so a resumed run draws the same one.
    /// </summary>
    public static torch.Tensor Permutation(long count, long seed, int epoch)
    {
        var rng = new Random(unchecked((int)(seed * 1_000_003 + epoch)));
        var order = new long[count];
        for (long i = 0; i < count; i++) order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return torch.tensor(order).DetachFromDisposeScope();
    }

    private static string Summary(string name, int epoch, int epochs, History h)
    {
        var parts = new List<string> { $"{name} epoch {epoch}/{epochs}:" };
        if (h.TrainLoss.Count > 0) parts.Add($"train loss {h.TrainLoss[^1]:F4} acc {h.TrainAccuracy[^1]:F4} |");
        if (h.ValidationLoss.Count > 0) parts.Add($"val loss {h.ValidationLoss[^1]:F4} acc {h.ValidationAccuracy[^1]:F4} |");
        parts.Add($"train {h.EpochSeconds[^1]:F2} s");
        if (h.EarlyStopStep is { } s) parts.Add($"| early stop after step {s}");
        return string.Join(' ', parts);
    }

    private static void Check(TrainConfig c, Examples train, Examples? validation)
    {
        if (c.Epochs < 0) throw new ArgumentOutOfRangeException(nameof(c), c.Epochs, "Epochs must be >= 0");
        if (c.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(c), c.BatchSize, "BatchSize must be >= 1");
        if (c.EvaluateEverySteps is < 1) throw new ArgumentOutOfRangeException(nameof(c), c.EvaluateEverySteps, "EvaluateEverySteps must be >= 1");
        if (c.EvaluationChunk < 1) throw new ArgumentOutOfRangeException(nameof(c), c.EvaluationChunk, "EvaluationChunk must be >= 1");
        if (c.Patience is < 1) throw new ArgumentOutOfRangeException(nameof(c), c.Patience, "Patience must be >= 1");
        if (c.Patience is not null && validation is null) throw new ArgumentException("early stopping needs a validation set", nameof(validation));
        if (c.Resume && c.CheckpointPath is null) throw new ArgumentException("Resume needs a CheckpointPath", nameof(c));
        if (train.Count == 0) throw new ArgumentException("the training set is empty", nameof(train));
        if (c.DropLast && train.Count < c.BatchSize) throw new ArgumentException($"DropLast with {train.Count} examples and batches of {c.BatchSize} leaves no step", nameof(train));
    }
}
