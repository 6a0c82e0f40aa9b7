// The metrics of one training run, by name: what the plots draw and what a resumed run continues. Stored in the
// checkpoint's .train.json (TrainingState.Metrics), so a resumed run returns the whole history, not just its tail.
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training;

/// <summary>
/// Metric series of a run. Per step: <see cref="StepLoss"/>. Per evaluation: <see cref="EvalStep"/>,
/// <see cref="EvalEpoch"/>, <see cref="TrainLoss"/>, <see cref="TrainAccuracy"/>, <see cref="ValidationLoss"/>,
/// <see cref="ValidationAccuracy"/>, <see cref="EvalSeconds"/>. Per epoch: <see cref="EpochSeconds"/>.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> series;

    /// <summary>A history over <paramref name="metrics"/> (a checkpoint's saved metrics, or a fresh dictionary).</summary>
    public History(Dictionary<string, List<double>> metrics)
    {
        series = metrics;
        foreach (var key in Keys) series.TryAdd(key, []);
    }

    /// <summary>Every series name this class writes.</summary>
    public static readonly string[] Keys =
        ["step_loss", "eval_step", "eval_epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "eval_seconds", "epoch_seconds", "early_stop_step"];

    /// <summary>Loss of each training batch, measured just before its step (when recorded).</summary>
    public IReadOnlyList<double> StepLoss => series["step_loss"];

    /// <summary>Gradient steps taken before each evaluation.</summary>
    public IReadOnlyList<double> EvalStep => series["eval_step"];

    /// <summary>Epochs (fractional) completed at each evaluation.</summary>
    public IReadOnlyList<double> EvalEpoch => series["eval_epoch"];

    /// <summary>Mean loss over the training set at each evaluation (no regularisation term).</summary>
    public IReadOnlyList<double> TrainLoss => series["train_loss"];

    /// <summary>Training-set accuracy at each evaluation.</summary>
    public IReadOnlyList<double> TrainAccuracy => series["train_accuracy"];

    /// <summary>Mean loss over the validation set at each evaluation.</summary>
    public IReadOnlyList<double> ValidationLoss => series["val_loss"];

    /// <summary>Validation-set accuracy at each evaluation.</summary>
    public IReadOnlyList<double> ValidationAccuracy => series["val_accuracy"];

    /// <summary>Seconds spent in each evaluation.</summary>
    public IReadOnlyList<double> EvalSeconds => series["eval_seconds"];

    /// <summary>Seconds of gradient steps in each epoch (evaluation excluded).</summary>
    public IReadOnlyList<double> EpochSeconds => series["epoch_seconds"];

    /// <summary>The global step at which early stopping ended the run; null when it ran all its epochs.</summary>
    public long? EarlyStopStep => series["early_stop_step"].Count > 0 ? (long)series["early_stop_step"][0] : null;

    /// <summary>Epochs whose steps ran (the last one partly, when early stopping cut it).</summary>
    public int EpochsRun => EpochSeconds.Count;

    internal void Add(string key, double value) => series[key].Add(value);
}
