// WPI DS541 HW2 (002) Q1: the least-squares linear fit of the four XOR points (Deep Learning book eq. (6.1)) is flat,
// w = 0 and b = 0.5. Checked numerically two ways: the normal equations solved directly, and gradient descent with
// the project's least-squares twin on rows [x₁, x₂, 1]. Closed form and twelve steps of arithmetic: no epochs.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training.Pairs;
using Homework.Training;

namespace Homework.Experiments.WpiDs541;

/// <summary><c>wpi-ds541/q1-xor</c>: Q1.</summary>
public sealed class Q1Xor : Experiment
{
    /// <summary>The XOR points as rows [x₁, x₂, 1] (the 1 carries b) and their targets.</summary>
    public static readonly double[,] Rows = { { 0, 0, 1 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 1 } };

    /// <summary>XOR of each row.</summary>
    public static readonly double[] Targets = [0, 1, 1, 0];

    private static readonly ExperimentOption<Impl> ImplOption =
        Define.Choice("--impl", "Which least-squares twin descends: manual (hand-derived gradient) or autograd.", Impl.Manual, DefaultSource.Ours);
    private static readonly ExperimentOption<int> Steps =
        Define.Int("--steps", "Gradient-descent steps (learning rate 1 on J = 1/(2n)‖Aθ − y‖², from θ = 0).", 500, DefaultSource.Ours, 1, 1_000_000, quick: 200);

    /// <inheritdoc/>
    public override string Id => "wpi-ds541/q1-xor";
    /// <inheritdoc/>
    public override string Title => "A linear model cannot solve XOR: the least-squares fit is flat";
    /// <inheritdoc/>
    public override string Questions => "Q1";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    public override bool DrawsRandomNumbers => false;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, Steps];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(Rows);
        var y = torch.tensor(Targets);
        // ∇ f_MSE = −(1/2) Aᵀ(y − Aθ) = 0  ⇔  AᵀA θ = Aᵀy
        var solved = torch.linalg.solve(a.T.matmul(a), a.T.matmul(y.unsqueeze(1))).squeeze(1).data<double>().ToArray();

        var impl = context.Get(ImplOption);
        var steps = context.Get(Steps);
        var trace = new List<double[]>();
        var losses = new List<double>();
        using (var model = LeastSquaresPair.Zeros(impl, 3, lr: 1.0))
        {
            var rows = Examples.Regression(a, y);
            for (var s = 0; s < steps; s++)
            {
                model.Step(rows);
                trace.Add(model.Parameter("beta").data<double>().ToArray());
                losses.Add(2 * Evaluator.Evaluate(model, rows).Loss);             // f_MSE = (1/n)Σ(…)² = 2 J
            }
        }
        var gd = trace[^1];
        var predictions = a.matmul(torch.tensor(solved)).data<double>().ToArray();
        var mse = predictions.Zip(Targets).Average(p => (p.First - p.Second) * (p.First - p.Second));

        var result = context.Result;
        string[] names = ["w₁", "w₂", "b"];
        double[] stated = [0, 0, 0.5];
        for (var i = 0; i < 3; i++) result.Compare($"{names[i]} from the normal equations", stated[i], solved[i], 1e-12, "G6");
        for (var i = 0; i < 3; i++)
            result.Compare($"{names[i]} after {steps} gradient-descent steps ({impl} twin)", stated[i], gd[i], 1e-6, "G6",
                context.Quick ? "quick run: fewer steps" : "");
        result.Number("f_MSE at the optimum (eq. 6.1)", mse, "F6");
        result.Table("Predictions of the fitted line", ["x₁", "x₂", "XOR", "ŷ = w·x + b"],
            Enumerable.Range(0, 4).Select(i => (IReadOnlyList<string>)[Rows[i, 0].ToString("F0"), Rows[i, 1].ToString("F0"), Targets[i].ToString("F0"), predictions[i].ToString("F6")]));
        result.Text("Q1", $"Setting the gradient of f_MSE(w, b) = (1/4) Σ (y − xᵀw − b)² to zero gives the normal equations AᵀA θ = Aᵀy; " +
            $"solved: w = ({solved[0]:F6}, {solved[1]:F6}), b = {solved[2]:F6}. Every prediction is {predictions[0]:F3}: the best linear fit is flat and " +
            $"always guesses 0.5, with f_MSE = {mse:F4}. Gradient descent from zero reaches the same point: w = ({gd[0]:F6}, {gd[1]:F6}), b = {gd[2]:F6}.");
        var x = Enumerable.Range(1, steps).Select(i => (double)i).ToArray();
        result.Add(Figure.Line("Gradient descent on the XOR points", "gradient steps", "value",
            new Series("w₁", x, [.. trace.Select(t => t[0])]), new Series("w₂", x, [.. trace.Select(t => t[1])]),
            new Series("b", x, [.. trace.Select(t => t[2])]), new Series("f_MSE", x, losses)) with
        {
            Caption = "Parameters and f_MSE per step from θ = 0: w goes to 0, b to 0.5 and f_MSE to 0.25.",
        });
    }
}
