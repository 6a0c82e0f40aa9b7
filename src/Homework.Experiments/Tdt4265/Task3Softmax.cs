// TDT4265 A1 (004) Task 3(b)-(d): 10-way softmax regression (785 × 10, zeros) on MNIST by mini-batch gradient
// descent; the loss of every step and the validation loss, the accuracies, and the overfitting answer backed by the
// train-validation gap. Not the model (Models/SoftmaxRegression.cs).
using Homework.Training;
using static Homework.Experiments.Tdt4265.Tdt4265Runs;

namespace Homework.Experiments.Tdt4265;

/// <summary><c>tdt4265/task3-softmax</c>: Task 3(b)-(d).</summary>
public sealed class Task3Softmax : Experiment
{
    /// <summary>The accuracy gap (train − validation) above which we call the model overfitted, as 3(d)'s solution does.</summary>
    public const double OverfitGap = 0.01;

    private static readonly ExperimentOption<int> EpochsOption = Epochs(quick: 2);
    private static readonly ExperimentOption<double> Lr = SoftmaxLearningRate();
    private static readonly ExperimentOption<int> Size = TrainSize(quick: 3_000);

    /// <inheritdoc/>
    public override string Id => "tdt4265/task3-softmax";
    /// <inheritdoc/>
    public override string Title => "Softmax regression on all ten MNIST digits";
    /// <inheritdoc/>
    public override string Questions => "Task 3(b)–(d)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 7;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, EpochsOption, BatchSize, Lr, Shuffle, Size];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        using var data = new MnistData(binary: false, context.Get(Size));
        context.Output.WriteLine(data.Describe());
        var config = Config(context.Get(EpochsOption), context.Get(BatchSize), data.Train.Count, context.Get(Shuffle), context.Seed);
        var (model, history) = TrainSoftmax(context, impl, data, config, context.Get(Lr), lambda: 0, penaliseBiasRow: true, "softmax regression");
        using var _ = model;
        var train = Evaluator.Evaluate(model, data.Train);
        var validation = Evaluator.Evaluate(model, data.Validation);
        var test = Evaluator.Evaluate(model, data.Test);
        context.Output.WriteLine($"final accuracy: train {train.Accuracy:F4}, validation {validation.Accuracy:F4}, test {test.Accuracy:F4}");

        var result = context.Result;
        var gap = train.Accuracy - validation.Accuracy;
        var lossGap = validation.Loss - train.Loss;
        var overfit = gap > OverfitGap;
        result.Claim("signs of overfitting (Task 3d)", "yes: the model performs much better on the training set",
            $"train accuracy {train.Accuracy:F4} vs validation {validation.Accuracy:F4} (gap {gap:F4}); loss {train.Loss:F4} vs {validation.Loss:F4}",
            overfit, $"overfitting if train − validation accuracy > {OverfitGap}", QuickNote(context));
        result.Number("final training accuracy", train.Accuracy);
        result.Number("final validation accuracy", validation.Accuracy);
        result.Number("final test accuracy", test.Accuracy);
        result.Number("final training loss", train.Loss);
        result.Number("final validation loss", validation.Loss);
        result.Number("final test loss", test.Loss);
        result.Number("seconds of gradient steps per epoch", history.EpochSeconds.Average(), "F3");
        result.Text("Settings", $"Starter-code hyperparameters (not printed in the homework): batch size {config.BatchSize}, learning rate {context.Get(Lr):g}, " +
            $"{config.Epochs} epochs, {(config.Shuffle ? $"reshuffled every epoch (seed {context.Seed})" : "batches in order")}, weights 785 × 10 initialised to zero, no regularisation.");
        var minValLoss = history.ValidationLoss.Min();
        result.Text("Task 3d: overfitting?", overfit
            ? $"Yes. After {config.Epochs} epochs the model classifies {train.Accuracy:P2} of the training images but {validation.Accuracy:P2} of the validation images, " +
              $"a gap of {gap * 100:F2} points, and its training loss {train.Loss:F4} is {lossGap:F4} below the validation loss {validation.Loss:F4} " +
              $"(lowest validation loss {minValLoss:F4}). The validation loss {(validation.Loss > minValLoss + 1e-4 ? "has started to rise from its minimum" : "has not risen yet")}, " +
              "but the model fits the training set clearly better than unseen images."
            : $"Not clearly: the accuracy gap is {gap * 100:F2} points (train {train.Accuracy:F4}, validation {validation.Accuracy:F4}), at most {OverfitGap * 100:F0} points.");
        result.Add(LossFigure("Task 3b: loss", history, (0.2, 0.6),
            "Training loss of every batch (just before its step) and validation loss every 20% of an epoch, against gradient steps; the homework suggests y in [0.2, 0.6]."));
        result.Add(AccuracyFigure("Task 3c: accuracy", history, (0.85, 0.95),
            $"Training and validation accuracy every 20% of an epoch. Final: train {train.Accuracy:F4}, validation {validation.Accuracy:F4}, test {test.Accuracy:F4}."));
    }
}
