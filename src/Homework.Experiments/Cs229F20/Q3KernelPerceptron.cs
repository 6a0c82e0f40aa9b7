// CS229 F2020 PS2 (001) Q3(b)–(c): the kernelised perceptron trained in one pass with the dot-product, RBF and invalid
// kernels, tested on the regenerated test set, one figure per kernel. Not the perceptron (Manual/Models/KernelPerceptron.cs).
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training.Pairs;
using ManualModels = Homework.Manual.Models;

namespace Homework.Experiments.Cs229F20;

/// <summary><c>cs229-f20/q3-kernel-perceptron</c>.</summary>
public sealed class Q3KernelPerceptron : Experiment
{
    internal static readonly ExperimentOption<double> Sigma = Define.Double("--sigma", "Width σ of the RBF kernel exp(−‖x − z‖²/(2σ²)) (the starter's rbf_kernel default).", 1, DefaultSource.Ours, 0, 100, minExclusive: true);
    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Perceptron step size α (the starter's perceptron.py value).", 0.5, DefaultSource.Ours, 0, 100, minExclusive: true);
    internal static readonly ExperimentOption<int> TrainSize = Define.Int("--train-size", "Training points used, the first n of the 500, in order.", Perceptron.Rows, DefaultSource.Ours, 10, Perceptron.Rows, quick: 250);

    /// <inheritdoc/>
    public override string Id => "cs229-f20/q3-kernel-perceptron";
    /// <inheritdoc/>
    public override string Title => "Kernelised perceptron: dot product, RBF and an invalid kernel";
    /// <inheritdoc/>
    public override string Questions => "Q3(b)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 3;
    /// <inheritdoc/>
    public override bool DrawsRandomNumbers => false;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Sigma, LearningRate, TrainSize];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var runScope = torch.NewDisposeScope(); // frees the loaded sets and every intermediate tensor
        var (sigma, lr, n) = (context.Get(Sigma), context.Get(LearningRate), context.Get(TrainSize));
        var (xAll, yAll) = CourseSets.Load("perceptron", "train.csv");
        var (xt, yt) = CourseSets.Load("perceptron", "test.csv");
        var (x, y) = (xAll.narrow(0, 0, n), yAll.narrow(0, 0, n));
        var rows = Plane.Rows(xt);
        var kernels = new (string name, string formula, Func<torch.Tensor, torch.Tensor, torch.Tensor> k)[]
        {
            ("dot product", "K(x, z) = xᵀz", ManualModels.KernelPerceptron.Dot),
            ($"RBF, σ = {sigma:g}", $"K(x, z) = exp(−‖x − z‖²/(2·{sigma:g}²))", ManualModels.KernelPerceptron.Rbf(sigma)),
            ("invalid −1[x = z]", "K(x, z) = −1 if x = z, else 0", ManualModels.KernelPerceptron.Invalid),
        };
        var result = context.Result;
        var accuracies = new List<double>();
        var share1 = Plane.Values(yt).Average();
        foreach (var (name, formula, k) in kernels)
        {
            using var scope = torch.NewDisposeScope();
            using var model = new ManualModels.KernelPerceptron(k, lr);
            model.Fit(x, y);
            var predicted = model.Predict(xt);
            var accuracy = Classification.Accuracy(predicted, yt);
            accuracies.Add(accuracy);
            var updates = model.Coefficients.Count(b => b != 0);
            context.Output.WriteLine($"{name}: test accuracy {accuracy:F4}, {updates} mistakes (updates) in one pass over {n} points");
            result.Number($"test accuracy, {name}", accuracy);
            result.Number($"updates in the pass, {name}", $"{updates}");
            var p = Plane.Values(predicted);
            result.Add(Figure.Scatter($"Perceptron, {name} kernel: test points by prediction", "x₁", "x₂",
                Plane.NonEmpty(Plane.Class("predicted 1", rows, p, 1, MarkerSymbol.X), Plane.Class("predicted 0", rows, p, 0, MarkerSymbol.CircleOpen))) with
            {
                EqualAxes = true,
                Lines =
                [
                    Boundary.Traced("decision boundary (θᵀφ(x) = 0)", Plane.Classifier(model.Predict), -5, 5, -5, 5, context.Quick ? 60 : 150),
                    new Series("true boundary x₂ = x₁²/3 − 2", [.. Enumerable.Range(0, 101).Select(i => -5 + i / 10.0)], [.. Enumerable.Range(0, 101).Select(i => Math.Pow(-5 + i / 10.0, 2) / 3 - 2)]),
                ],
                Caption = $"{formula}. Test accuracy {accuracy:F4} on {rows.Length} test points; {updates} of {n} training points changed θ. " +
                          "Data regenerated (no copy of the course CSV exists): x ~ U[−5, 5]², y = 1[x₂ > x₁²/3 − 2].",
            });
        }
        var (dot, rbf, invalid) = (accuracies[0], accuracies[1], accuracies[2]);
        var note = context.Quick ? $"quick run: trained on the first {n} of {Perceptron.Rows} points" : "";
        result.Claim("one kernel works well, one a bit, one fails (Q3(c))", "works well > works a bit > completely fails",
            $"RBF {rbf:F4} > dot {dot:F4} > invalid {invalid:F4}", rbf > dot && dot > invalid, note: note);
        result.Claim("the invalid kernel fails completely", "completely fails",
            $"{invalid:F4}, the share of class 1 in the test set is {share1:F4}", invalid <= Math.Max(share1, 1 - share1) + 1e-12,
            "no better than predicting the majority class");
        result.Text("Q3(c)", $"RBF (σ = {sigma:g}) works well ({rbf:F4}): θᵀφ(x) = Σ βⱼ exp(−‖xⱼ − x‖²/(2σ²)) is a weighted vote of nearby mistakes, " +
            "so the boundary can bend along the parabola. " +
            $"The dot product works a bit ({dot:F4}): θᵀφ(x) = (Σ βⱼ xⱼ)ᵀx is linear in x with no intercept, a line through the origin, which cannot follow a curved boundary. " +
            $"The invalid kernel fails ({invalid:F4}): K(xⱼ, x) = 0 for every test point not equal to a training point, so θᵀφ(x) = 0 and g(0) = 1 everywhere — " +
            $"the accuracy is the share of class 1 ({share1:F4}). Its matrix −I is negative definite, so no feature map φ has it as an inner product.");
    }
}
