// TDT4265 A1 (004) Task 2(b)-(c): logistic regression "2" vs "3" on MNIST by mini-batch gradient descent from zero
// weights, the loss of every step and the validation loss every 20% of an epoch, the accuracies, and the final
// train / validation / test accuracy beside the homework's Figure 2. Not the model (Models/LogisticRegression.cs).
using Homework.Training;
using static Homework.Experiments.Tdt4265.Tdt4265Runs;

namespace Homework.Experiments.Tdt4265;

/// <summary><c>tdt4265/task2-logistic</c>: Task 2(b)-(c).</summary>
public sealed class Task2Logistic : Experiment
{
    /// <summary>Figure 2's caption: "Final Train accuracy: 0.976, val: 0.9575, test: 0.967".</summary>
    public const double StatedTrain = 0.976, StatedValidation = 0.9575, StatedTest = 0.967;

    /// <summary>Agreement we accept with Figure 2's accuracies: ±0.01 (about 40 of the validation set's 2-vs-3 images).</summary>
    public const double Tolerance = 0.01;

    private static readonly ExperimentOption<int> EpochsOption = Epochs(quick: 2);
    private static readonly ExperimentOption<double> Lr = LogisticLearningRate();
    private static readonly ExperimentOption<int> Size = TrainSize(quick: 2_000);

    /// <inheritdoc/>
    public override string Id => "tdt4265/task2-logistic";
    /// <inheritdoc/>
    public override string Title => "Logistic regression, 2 vs 3 on MNIST, mini-batch gradient descent";
    /// <inheritdoc/>
    public override string Questions => "Task 2(b)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, EpochsOption, BatchSize, Lr, Size];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        using var data = new MnistData(binary: true, context.Get(Size));
        context.Output.WriteLine(data.Describe());
        var config = Config(context.Get(EpochsOption), context.Get(BatchSize), data.Train.Count, shuffle: false, context.Seed);
        var (model, history) = TrainLogistic(context, impl, data, config, context.Get(Lr), "logistic regression");
        using var _ = model;
        var train = Evaluator.Evaluate(model, data.Train);
        var validation = Evaluator.Evaluate(model, data.Validation);
        var test = Evaluator.Evaluate(model, data.Test);
        context.Output.WriteLine($"final accuracy: train {train.Accuracy:F4}, validation {validation.Accuracy:F4}, test {test.Accuracy:F4}");

        var result = context.Result;
        var note = QuickNote(context);
        result.Compare("final training accuracy (Figure 2)", StatedTrain, train.Accuracy, Tolerance, note: note);
        result.Compare("final validation accuracy (Figure 2)", StatedValidation, validation.Accuracy, Tolerance, note: note);
        result.Compare("final test accuracy (Figure 2)", StatedTest, test.Accuracy, Tolerance, note: note);
        result.Number("final training loss", train.Loss);
        result.Number("final validation loss", validation.Loss);
        result.Number("final test loss", test.Loss);
        result.Number("gradient steps", history.StepLoss.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        result.Number("seconds of gradient steps per epoch", history.EpochSeconds.Average(), "F3");
        result.Text("Settings", $"The homework's hyperparameters are in its starter code, which it does not print: batch size {config.BatchSize}, " +
            $"learning rate {context.Get(Lr):g}, {config.Epochs} epochs, batches taken in order (no shuffling), the last short batch dropped, " +
            $"weights initialised to zero, validation after the first step and every {config.EvaluateEverySteps} steps (20% of an epoch). " +
            $"Test accuracy is measured once, after the last step.");
        result.Add(LossFigure("Task 2b: loss", history, (0, 0.2),
            $"Training loss of every batch, measured just before its step, and validation loss over all {data.Validation.Count} validation images, " +
            "against gradient steps; the homework suggests y in [0, 0.2]."));
        result.Add(AccuracyFigure("Task 2c: accuracy", history, (0.93, 0.99),
            $"Accuracy (ŷ ≥ 0.5 predicts \"2\") on the {data.Train.Count} training and {data.Validation.Count} validation images. " +
            $"Final: train {train.Accuracy:F4}, validation {validation.Accuracy:F4}, test {test.Accuracy:F4} (homework: {StatedTrain}, {StatedValidation}, {StatedTest})."));
    }
}
