// TDT4265 A1 (004) Task 2(d): Task 2's logistic regression with early stopping (no new best validation loss in 10
// validation passes) and the epoch bound raised to 500; the epoch it stops in beside the homework's 33. Not the
// stopping rule itself (Trainer.ShouldStop).
using Homework.Reports;
using static Homework.Experiments.Tdt4265.Tdt4265Runs;

namespace Homework.Experiments.Tdt4265;

/// <summary><c>tdt4265/task2d-early-stopping</c>: Task 2(d).</summary>
public sealed class Task2dEarlyStopping : Experiment
{
    /// <summary>The solution's "Early stop at epoch 33 without shuffling".</summary>
    public const int StatedEpoch = 33;

    /// <summary>Agreement we accept: ±5 epochs (the stop depends on where a 10-pass plateau of a noisy loss begins).</summary>
    public const int Tolerance = 5;

    private static readonly ExperimentOption<int> EpochsOption = EarlyStopEpochs(quick: 500);
    private static readonly ExperimentOption<double> Lr = LogisticLearningRate();
    private static readonly ExperimentOption<int> Size = TrainSize(quick: 600);

    /// <inheritdoc/>
    public override string Id => "tdt4265/task2d-early-stopping";
    /// <inheritdoc/>
    public override string Title => "Logistic regression with early stopping (no shuffling)";
    /// <inheritdoc/>
    public override string Questions => "Task 2(d)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, EpochsOption, Patience, BatchSize, Lr, Size];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        using var data = new MnistData(binary: true, context.Get(Size));
        context.Output.WriteLine(data.Describe());
        var config = Config(context.Get(EpochsOption), context.Get(BatchSize), data.Train.Count, shuffle: false, context.Seed, context.Get(Patience));
        var (model, history) = TrainLogistic(context, impl, data, config, context.Get(Lr), "early stopping, no shuffle");
        model.Dispose();
        var perEpoch = config.StepsPerEpoch(data.Train.Count);
        var stop = StopEpoch(history, perEpoch);
        context.Output.WriteLine(stop is { } e ? $"early stopping ended the run in epoch {e} (after step {history.EarlyStopStep})" : $"no early stop within {config.Epochs} epochs");

        var result = context.Result;
        var best = history.ValidationLoss.Select((v, i) => (v, i)).MinBy(p => p.v);
        result.Compare("epoch in which early stopping kicks in, no shuffling (Task 2d)", StatedEpoch, stop ?? double.NaN, Tolerance, "F0",
            stop is null ? $"the run never stopped early within {config.Epochs} epochs" : QuickNote(context));
        result.Claim("early stopping ends the run before the 500-epoch bound", "it kicks in (epoch 33)",
            stop is { } s ? $"epoch {s} of {config.Epochs}" : "never", stop is not null && stop < config.Epochs);
        result.Number("step of the early stop", history.EarlyStopStep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        result.Number("best validation loss", best.v, "F5");
        result.Number("epoch of the best validation loss", history.EvalEpoch[best.i], "F1");
        result.Number("validation passes", history.ValidationLoss.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Text("Task 2d: answer", stop is { } ep
            ? $"Early stopping kicks in during epoch {ep} (after gradient step {history.EarlyStopStep}): the best validation loss, {best.v:F5}, " +
              $"was reached at epoch {history.EvalEpoch[best.i]:F1}, and the {config.Patience} validation passes after it did not improve on it. " +
              $"Validation runs every {config.EvaluateEverySteps} steps ({perEpoch} steps per epoch, batches in order, batch size {config.BatchSize}, learning rate {context.Get(Lr):g})."
            : $"The validation loss kept improving: no early stop within {config.Epochs} epochs.");
        result.Add(Figure.Line("Task 2d: validation loss with early stopping", "epoch", "validation cross-entropy loss",
            new Series("validation loss", history.EvalEpoch, history.ValidationLoss)) with
        {
            Caption = $"Validation loss at every validation pass (every 20% of an epoch) until early stopping"
                + (stop is { } x ? $" in epoch {x}; the homework stops in epoch {StatedEpoch}." : "."),
        });
    }
}
