// How one run trains: the settings the homeworks vary (epochs, batch size, shuffling, how often to evaluate, early
// stopping) and where it checkpoints. Not the model's own hyperparameters (hidden size, λ, learning rate: its pair's).
namespace Homework.Training;

/// <summary>Settings of one <see cref="Trainer"/> run.</summary>
/// <param name="Epochs">Passes over the training set (the upper bound when <paramref name="Patience"/> stops early).</param>
/// <param name="BatchSize">Examples per gradient step.</param>
/// <param name="Shuffle">Reshuffle the training set before every epoch (a permutation drawn from <paramref name="Seed"/> and the epoch, so a resumed run draws the same ones); false takes batches in order.</param>
/// <param name="Seed">Seeds the shuffling.</param>
/// <param name="DropLast">Skip a last batch smaller than <paramref name="BatchSize"/>.</param>
/// <param name="EvaluateEverySteps">Evaluate after every k-th step, counted from the first step (step 0, k, 2k, ...),
/// as TDT4265's trainer validates every 20% of an epoch; null evaluates once at the end of every epoch.</param>
/// <param name="EvaluateTrainingSet">Also measure loss and accuracy on the whole training set at each evaluation.</param>
/// <param name="RecordStepLoss">Record the loss of every training batch, measured just before its step.</param>
/// <param name="Patience">Early stopping: stop once the validation loss has not improved on its best for this many
/// consecutive evaluations (TDT4265 2d); null never stops early.</param>
/// <param name="CheckpointPath">Saves the weights and progress here after every epoch; null saves nothing.</param>
/// <param name="Resume">Continue from <paramref name="CheckpointPath"/> when it holds a saved run.</param>
/// <param name="EvaluationChunk">Examples per forward pass when evaluating (<see cref="Evaluator.Chunk"/> unless a model's
/// activations make a smaller chunk cheaper, as the CS229 CNN's do: bench/run.sh (6)).</param>
/// <param name="Settings">Everything that decides what this run computes, by name (an experiment's options: model size,
/// λ, seed, learning rate...), saved with its checkpoints; <see cref="Resume"/> under other values is refused. Null
/// records this config's own fields (then the model's hyperparameters are not checked on resume).</param>
public sealed record TrainConfig(
    int Epochs,
    int BatchSize,
    bool Shuffle = false,
    long Seed = 0,
    bool DropLast = false,
    int? EvaluateEverySteps = null,
    bool EvaluateTrainingSet = true,
    bool RecordStepLoss = false,
    int? Patience = null,
    string? CheckpointPath = null,
    bool Resume = false,
    long EvaluationChunk = Evaluator.Chunk,
    IReadOnlyDictionary<string, string>? Settings = null)
{
    /// <summary>What a checkpoint of this run records as its settings (<see cref="Settings"/>, or this config's own fields but the epochs).</summary>
    public Dictionary<string, string> RecordedSettings() => Settings is not null ? new(Settings) : new()
    {
        ["batch size"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["shuffle"] = Shuffle ? $"seed {Seed}" : "off",
        ["drop last"] = DropLast.ToString(),
        ["evaluate every"] = EvaluateEverySteps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "epoch",
        ["patience"] = Patience?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
    };

    /// <summary>Gradient steps in one epoch over <paramref name="examples"/> examples.</summary>
    public long StepsPerEpoch(long examples) => DropLast ? examples / BatchSize : (examples + BatchSize - 1) / BatchSize;
}
