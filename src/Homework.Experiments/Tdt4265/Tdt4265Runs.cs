// What the TDT4265 A1 experiments (004 Tasks 2-4) share: the starter code's hyperparameters (which the homework does
// not print; chosen here and said so on every page), the MNIST splits (784 pixels; each twin handles the bias trick's
// 1 itself), the trainer settings of the starter (batches dropped at the end, validation
// every 20% of an epoch from step 0, the loss of every step), and the figures the homework asks for. Not an experiment.
using Homework.Common;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Experiments.Tdt4265;

/// <summary>Shared options, data and training of the 004 experiments.</summary>
internal static class Tdt4265Runs
{
    /// <summary>Input pixels (28 × 28) and softmax classes.</summary>
    public const int Pixels = 784, Classes = 10;

    /// <summary>Which twin trains (the homework derives the gradients by hand in Task 1, so manual by default).</summary>
    public static readonly ExperimentOption<Impl> ImplOption =
        Define.Choice("--impl", "Which twin trains: manual (hand-derived gradients, Task 1) or autograd.", Impl.Manual, DefaultSource.Ours);

    /// <summary>Batch size: "set in the starter code", not printed in the homework; 128 is the starter's.</summary>
    public static readonly ExperimentOption<int> BatchSize =
        Define.Int("--batch-size", "Examples per mini-batch (the homework's starter code sets it; not printed in the text).", 128, DefaultSource.Ours, 1, 20_000);

    /// <summary>Epochs of a run without early stopping (Tasks 2b-c, 3, 4): the starter's 50.</summary>
    public static ExperimentOption<int> Epochs(int quick) =>
        Define.Int("--epochs", "Epochs of each run (the starter code's value; not printed in the text).", 50, DefaultSource.Ours, 1, 10_000, quick: quick);

    /// <summary>Task 2d: "Increase the number of epochs to 500".</summary>
    public static ExperimentOption<int> EarlyStopEpochs(int quick) =>
        Define.Int("--epochs", "Upper bound on the epochs; early stopping ends the run before (Task 2d: 500).", 500, DefaultSource.Homework, 1, 10_000, quick: quick);

    /// <summary>Task 2d: stop when the validation loss has not improved for this many validation passes.</summary>
    public static readonly ExperimentOption<int> Patience =
        Define.Int("--patience", "Early stopping: validation passes without a new best validation loss (Task 2d: 10).", 10, DefaultSource.Homework, 1, 1000);

    /// <summary>Learning rate of logistic regression (Task 2).</summary>
    public static ExperimentOption<double> LogisticLearningRate() =>
        Define.Double("--lr", "Mini-batch gradient-descent step size (the starter's; not printed in the text).", 0.05, DefaultSource.Ours, 0, 100, minExclusive: true);

    /// <summary>Learning rate of softmax regression (Tasks 3-4).</summary>
    public static ExperimentOption<double> SoftmaxLearningRate() =>
        Define.Double("--lr", "Mini-batch gradient-descent step size (the starter's; not printed in the text).", 0.01, DefaultSource.Ours, 0, 100, minExclusive: true);

    /// <summary>Training images used (the first n of the split's); --quick uses fewer.</summary>
    public static ExperimentOption<int> TrainSize(int quick) =>
        Define.Int("--train-size", "Training examples used, the first n of the split's (all by default).", 20_000, DefaultSource.Homework, 100, 20_000, quick: quick);

    /// <summary>Task 3 and 4: reshuffle before every epoch (the starter's task 3 setting, Task 2e's finding).</summary>
    public static readonly ExperimentOption<bool> Shuffle =
        new("--shuffle", "Reshuffle the training set before every epoch (seeded by --seed).", true, true, DefaultSource.Ours, "true or false", _ => true);

    /// <summary>The 004 split (binary 2-vs-3, or all ten digits), its training rows cut to --train-size; owns the tensors.</summary>
    public sealed class MnistData : IDisposable
    {
        private readonly DataSplit full;

        /// <summary>Loads the split and takes views of its first <paramref name="trainSize"/> training rows.</summary>
        public MnistData(bool binary, int trainSize)
        {
            full = binary ? Splits.Tdt4265Binary() : Splits.Tdt4265Softmax();
            // Views into the split's tensors: only the view handles are freed here, the split frees the data.
            Train = full.Train.Rows(0, Math.Min(trainSize, full.Train.Count));
            Validation = full.Validation.Rows(0, full.Validation.Count);
            Test = full.Test.Rows(0, full.Test.Count);
            Preprocessing = full.Preprocessing + "; the bias is the weight's last row (the bias trick's constant-1 input)";
        }

        /// <summary>Training rows, (N, 784).</summary>
        public Examples Train { get; }
        /// <summary>Validation rows (the last 2,000 test images' share).</summary>
        public Examples Validation { get; }
        /// <summary>Test rows (the first 8,000 test images' share).</summary>
        public Examples Test { get; }
        /// <summary>What was done to the pixels.</summary>
        public string Preprocessing { get; }

        /// <summary>One line for the log.</summary>
        public string Describe() => $"{Train.Count} train / {Validation.Count} validation / {Test.Count} test images; {Preprocessing}";

        /// <summary>Frees the views and the split.</summary>
        public void Dispose()
        {
            foreach (var e in new[] { Train, Validation, Test }) e.Dispose();
            full.Dispose();
        }
    }

    /// <summary>
    /// The starter code's trainer: batches of <paramref name="batchSize"/> taken in order or reshuffled, the last short
    /// batch dropped, validation after step 0 and every fifth of an epoch, the loss of every step recorded.
    /// </summary>
    public static TrainConfig Config(int epochs, int batchSize, long trainCount, bool shuffle, long seed, int? patience = null)
    {
        var perEpoch = trainCount / batchSize;
        if (perEpoch < 1) throw new UserError($"--batch-size {batchSize} is larger than the {trainCount} training examples; use a smaller --batch-size");
        return new TrainConfig(epochs, batchSize, Shuffle: shuffle, Seed: seed, DropLast: true,
            EvaluateEverySteps: (int)Math.Max(1, perEpoch / 5), RecordStepLoss: true, Patience: patience);
    }

    /// <summary>Trains 004 Task 2's logistic regression (bias trick, zeros) at <paramref name="lr"/> under <paramref name="config"/>; the caller owns the pair.</summary>
    public static (Pair model, History history) TrainLogistic(ExperimentContext context, Impl impl, MnistData data, TrainConfig config, double lr, string label)
    {
        var model = LogisticRegressionPair.Zeros(impl, Pixels, BiasLayout.Trick, lr);
        var history = context.Progress($"{label}, {impl} twin", config.Epochs, config.StepsPerEpoch(data.Train.Count),
            sink => Trainer.Fit(model, data.Train, data.Validation, config, sink, label));
        return (model, history);
    }

    /// <summary>Trains 004 Task 3-4's softmax regression (bias trick, zeros, λ‖w‖²) at <paramref name="lr"/> under <paramref name="config"/>; the caller owns the pair.</summary>
    public static (Pair model, History history) TrainSoftmax(ExperimentContext context, Impl impl, MnistData data, TrainConfig config, double lr, double lambda,
        bool penaliseBiasRow, string label)
    {
        var model = SoftmaxRegressionPair.Zeros(impl, Pixels, Classes, BiasLayout.Trick, lambda, penaliseBiasRow, lr);
        var history = context.Progress($"{label}, {impl} twin", config.Epochs, config.StepsPerEpoch(data.Train.Count),
            sink => Trainer.Fit(model, data.Train, data.Validation, config, sink, label));
        return (model, history);
    }

    /// <summary>The epoch (1-based, as the homework counts) in which early stopping ended the run; null when it did not.</summary>
    public static int? StopEpoch(History h, long stepsPerEpoch) => h.EarlyStopStep is { } s ? (int)((s - 1) / stepsPerEpoch) + 1 : null;

    /// <summary>Training loss at every step and validation loss at every validation pass, against gradient steps taken.</summary>
    public static LineFigure LossFigure(string title, History h, (double, double) yRange, string caption) =>
        Figure.Line(title, "gradient steps", "cross-entropy loss",
            new Series("training loss (each batch)", [.. Enumerable.Range(0, h.StepLoss.Count).Select(i => (double)i)], h.StepLoss),
            new Series("validation loss", h.EvalStep, h.ValidationLoss)) with { YRange = yRange, Caption = caption };

    /// <summary>Training and validation accuracy at every validation pass, against gradient steps taken.</summary>
    public static LineFigure AccuracyFigure(string title, History h, (double, double)? yRange, string caption) =>
        Figure.Line(title, "gradient steps", "accuracy",
            new Series("training accuracy", h.EvalStep, h.TrainAccuracy),
            new Series("validation accuracy", h.EvalStep, h.ValidationAccuracy)) with { YRange = yRange, Caption = caption };

    /// <summary>The page note of a --quick run.</summary>
    public static string QuickNote(ExperimentContext context) => context.Quick ? "quick run: fewer epochs and images than the homework's" : "";
}
