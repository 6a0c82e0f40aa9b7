// TDT4265 A1 (004) Task 4(b), (c), (e): softmax regression with L2 regularisation λ‖w‖² (R over the whole 785 × 10
// matrix, bias row included, as eq. (27) defines it; --penalise-bias-row false leaves the row out); the ten digit
// weight images for λ = 0 and λ = 1; validation accuracy for λ = 1, 0.1, 0.01, 0.001, each from scratch; ‖w‖² after
// training against λ. Not the model (Models/SoftmaxRegression.cs).
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training;
using static Homework.Experiments.Tdt4265.Tdt4265Runs;

namespace Homework.Experiments.Tdt4265;

/// <summary><c>tdt4265/task4-l2</c>: Task 4(b), (c), (e).</summary>
public sealed class Task4L2 : Experiment
{
    /// <summary>Task 4(c)'s λ values (4(b)'s λ = 1.0 is the first).</summary>
    public static readonly double[] Lambdas = [1.0, 0.1, 0.01, 0.001];

    private static readonly ExperimentOption<int> EpochsOption = Epochs(quick: 2);
    private static readonly ExperimentOption<double> Lr = SoftmaxLearningRate();
    private static readonly ExperimentOption<int> Size = TrainSize(quick: 3_000);

    /// <summary>004 eq. (27) sums w²ᵢⱼ over the whole weight matrix, which under the bias trick includes the bias row.</summary>
    public static readonly ExperimentOption<bool> PenaliseBiasRow =
        new("--penalise-bias-row", "Penalise the bias trick's row too (004 eq. (27): R(w) sums over every w_ij); false leaves it out as CS229 and WPI do.",
            true, true, DefaultSource.Homework, "true or false", _ => true);

    /// <inheritdoc/>
    public override string Id => "tdt4265/task4-l2";
    /// <inheritdoc/>
    public override string Title => "Softmax regression with L2 regularisation: weight images, λ sweep, weight norms";
    /// <inheritdoc/>
    public override string Questions => "Task 4(b), (c), (e)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 34;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, EpochsOption, BatchSize, Lr, Shuffle, PenaliseBiasRow, Size];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        var penaliseBias = context.Get(PenaliseBiasRow);
        using var data = new MnistData(binary: false, context.Get(Size));
        context.Output.WriteLine(data.Describe());
        var config = Config(context.Get(EpochsOption), context.Get(BatchSize), data.Train.Count, context.Get(Shuffle), context.Seed);
        var runs = new List<(double lambda, History history, double[,] weight, double norm, double validation)>();
        foreach (var lambda in new[] { 0.0 }.Concat(Lambdas))
        {
            var (model, history) = TrainSoftmax(context, impl, data, config, context.Get(Lr), lambda, penaliseBias, $"λ = {lambda:g}");
            using (model)
            {
                using var scope = torch.NewDisposeScope();
                var w = model.Parameter("linear.weight").T.to(ScalarType.Float64);                   // (785, 10)
                var norm = w.square().sum().item<double>();                                      // ‖w‖² over every entry, bias row included
                var values = w.data<double>().ToArray();
                var weight = new double[w.shape[0], w.shape[1]];
                for (var i = 0; i < values.Length; i++) weight[i / Classes, i % Classes] = values[i];
                var validation = Evaluator.Evaluate(model, data.Validation).Accuracy;
                context.Output.WriteLine($"λ = {lambda:g}: ‖w‖² = {norm:F4}, final validation accuracy {validation:F4}");
                runs.Add((lambda, history, weight, norm, validation));
            }
        }

        var result = context.Result;
        var note = QuickNote(context);
        var (plain, strong) = (runs[0], runs[1]);
        var swept = runs.Skip(1).ToList();
        result.Claim("4(b): λ = 1.0 gives smaller (smoother) weights than λ = 0", "the λ = 1.0 weights are less noisy",
            $"‖w‖² {strong.norm:F4} vs {plain.norm:F4}; neighbour difference / mean |w| {Roughness(strong.weight):F3} vs {Roughness(plain.weight):F3}",
            strong.norm < plain.norm && Roughness(strong.weight) < Roughness(plain.weight), "‖w‖² smaller, and neighbouring pixels closer relative to the weights' size", note);
        result.Claim("4(d): validation accuracy degrades with any amount of regularisation", "accuracy degrades when applying regularisation",
            string.Join(", ", runs.Select(r => $"λ = {r.lambda:g}: {r.validation:F4}")),
            swept.All(r => r.validation <= plain.validation) && strong.validation < plain.validation,
            "every λ > 0 at most the λ = 0 accuracy, and λ = 1.0 below it", note);
        var byLambda = swept.OrderBy(r => r.lambda).ToList();
        result.Claim("4(e): higher λ drives ‖w‖² down", "higher values of λ drive the L2 norm down",
            string.Join(", ", byLambda.Select(r => $"λ = {r.lambda:g}: {r.norm:F3}")),
            byLambda.Zip(byLambda.Skip(1)).All(p => p.Second.norm < p.First.norm), "‖w‖² strictly decreasing as λ increases", note);
        foreach (var r in runs) result.Number($"‖w‖² after training, λ = {r.lambda:g}", r.norm, "F4");
        foreach (var r in runs) result.Number($"final validation accuracy, λ = {r.lambda:g}", r.validation);
        result.Text("Settings", $"R(w) = Σᵢⱼ w²ᵢⱼ over the whole 785 × 10 matrix{(penaliseBias ? ", bias row included, as eq. (27) defines it (gradient 2λw everywhere, eq. (28))" : ", bias row left out (--penalise-bias-row false)")}. " +
            $"Each λ trains from zero weights: batch size {config.BatchSize}, learning rate {context.Get(Lr):g}, {config.Epochs} epochs, " +
            $"{(config.Shuffle ? $"reshuffled every epoch (seed {context.Seed})" : "batches in order")} (starter-code values, not printed in the homework). ‖w‖² is taken over every entry, bias row included.");
        result.Text("Task 4b: why are the λ = 1.0 weights less noisy?",
            $"The penalty's gradient 2λw pulls every weight towards 0 at every step, so a weight survives only where many images push it the same way. " +
            $"Pixels that matter for a digit's average shape keep their weight; isolated pixels that only fit a few training images decay, so the image is smooth " +
            $"(‖w‖² {strong.norm:F3} against {plain.norm:F3}; neighbouring pixels differ by {Roughness(strong.weight):F3} of the mean |weight| against {Roughness(plain.weight):F3}).");
        result.Text("Task 4d: why does accuracy degrade?",
            $"A linear model is already too simple to overfit MNIST much, so the penalty mostly removes capacity it needs: validation accuracy " +
            $"{strong.validation:F4} at λ = 1.0 against {plain.validation:F4} unregularised.");
        result.Add(Figure.ImageGrid("Task 4b: weights of each digit, λ = 0 (top) and λ = 1.0 (bottom)", "weight", Classes,
            [.. new[] { plain, strong }.SelectMany(r => Enumerable.Range(0, Classes).Select(k => DigitImage($"λ = {r.lambda:g}: digit {k}", r.weight, k)))]) with
        {
            XTitle = "pixel column",
            YTitle = "pixel row",
            ColorScale = "RdBu",
            Caption = "Each digit's 784 weights as a 28 × 28 image (the bias row is not drawn), one colour scale for all twenty.",
        });
        result.Add(Figure.Line("Task 4c: validation accuracy for each λ", "gradient steps", "validation accuracy",
            [.. swept.Select(r => new Series($"λ = {r.lambda:g}", r.history.EvalStep, r.history.ValidationAccuracy))]) with
        {
            // The homework's ylim, kept only while every curve stays inside it (a stronger λ falls below 0.7).
            YRange = (0.7, 0.95),
            Caption = "Validation accuracy every 20% of an epoch, one run from zero weights per λ.",
        });
        result.Add(Figure.Line("Task 4e: squared L2 norm of the weights against λ", "λ", "‖w‖² after training",
            new Series("‖w‖²", [.. byLambda.Select(r => r.lambda)], [.. byLambda.Select(r => r.norm)])) with
        {
            Markers = true,
            LogX = true,
            Caption = $"‖w‖² over every entry of the 785 × 10 matrix after the last step; λ = 0 (not drawn on the log axis) ends at {plain.norm:F3}.",
        });
    }

    /// <summary>The 28 × 28 image of digit <paramref name="k"/>'s weights (column k of W without the bias row).</summary>
    private static GridImage DigitImage(string title, double[,] w, int k)
    {
        var pixels = new double[28, 28];
        for (var p = 0; p < Pixels; p++) pixels[p / 28, p % 28] = w[p, k];
        return new GridImage(title, pixels);
    }

    /// <summary>
    /// How noisy the digit images are, independent of their scale: the mean |difference| between horizontally and
    /// vertically neighbouring weights, divided by the mean |weight| (bias row excluded).
    /// </summary>
    public static double Roughness(double[,] w)
    {
        double sum = 0, size = 0;
        var count = 0;
        for (var p = 0; p < Pixels; p++)
            for (var k = 0; k < Classes; k++) size += Math.Abs(w[p, k]);
        for (var k = 0; k < Classes; k++)
            for (var r = 0; r < 28; r++)
                for (var c = 0; c < 28; c++)
                {
                    if (c + 1 < 28) { sum += Math.Abs(w[r * 28 + c + 1, k] - w[r * 28 + c, k]); count++; }
                    if (r + 1 < 28) { sum += Math.Abs(w[(r + 1) * 28 + c, k] - w[r * 28 + c, k]); count++; }
                }
        return size == 0 ? 0 : sum / count / (size / (Pixels * Classes));
    }
}
