// CS229 W2025 PS2 (000) Q3 and F2020 PS2 (001) Q5: the 2-3-1 network on the triangle data. (a) the w^{[1]}_{1,2}
// update formula against autograd; (b) the step network with weights from the hint's set, 100% accurate; (c) linear
// hidden units cannot: the classes are not linearly separable, and trained linear networks stop short.
// Not the models (Manual/Models/StepNetwork.cs, TwoThreeOneNetwork.cs, LogisticRegressionPair).
using Homework.Common;
using Homework.Data;
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Manual.Models;
using Homework.Reports;
using TorchModels = Homework.Torch.Models;
using Homework.Training.Pairs;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q3-simple-nn</c>.</summary>
public sealed class Q3SimpleNn : Experiment
{
    internal static readonly ExperimentOption<int> Seeds = Define.Int("--seeds", "Random initialisations of the linear-hidden-layer network (Q3(c)).", 5, DefaultSource.Ours, 1, 100, quick: 3);
    internal static readonly ExperimentOption<int> Steps = Define.Int("--steps", "Full-batch gradient-descent steps per initialisation.", 5000, DefaultSource.Ours, 1, 1_000_000, quick: 1000);
    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Gradient-descent step size of the linear network's logistic surrogate.", 1, DefaultSource.Ours, 0, 100, minExclusive: true);

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q3-simple-nn";
    /// <inheritdoc/>
    public override string Title => "A simple neural network: step weights classify the triangle, a linear hidden layer cannot";
    /// <inheritdoc/>
    public override string Questions => "Q3(a)–(c) (also 001 Q5)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 6;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Seeds, Steps, LearningRate];

    private const double Lo = 0, Hi = 4; // the data's box, U[0, 4]²

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var runScope = torch.NewDisposeScope();
        var (x, y) = CourseSets.Load("simple_nn", "train.csv");
        var (xt, yt) = CourseSets.Load("simple_nn", "test.csv");
        var (rows, labels) = (Plane.Rows(x), Plane.Values(y));
        var result = context.Result;
        var regenerated = "Data regenerated (no copy of the course CSV exists): x ~ U[0, 4]², class 0 inside the triangle x₁ > 0.5, x₂ > 0.5, x₁ + x₂ < 4.";

        GradientFormula(context, x, y);

        // (b) The step network.
        using var step = StepNetwork.OptimalStepWeights();
        var (trainAcc, testAcc) = (Classification.Accuracy(step.Predict(x), y), Classification.Accuracy(step.Predict(xt), yt));
        var weights = step.Weights;
        context.Output.WriteLine($"Q3(b) step network: train accuracy {trainAcc:F4}, test accuracy {testAcc:F4}");
        result.Compare("Q3(b) step network, training accuracy", 1, trainAcc, 0, "F4");
        result.Compare("Q3(b) step network, test accuracy", 1, testAcc, 0, "F4", "a second regenerated draw of the same process");
        result.Claim("Q3(b) weights from the hint's set", "all in {−1, −0.5, 0, 1, 3, 4}", string.Join(", ", weights.Select(w => w.ToString("g", System.Globalization.CultureInfo.InvariantCulture))),
            weights.All(w => StepNetwork.AllowedWeights.Contains(w)), "checked weight by weight");
        var hiddenLines = Enumerable.Range(0, 3).Select(j =>
        {
            var (w0, w1, w2) = step.HiddenLine(j);
            return Boundary.Line($"h{j + 1}: {w0:g} + {w1:g}·x₁ + {w2:g}·x₂ = 0", w0, w1, w2, Lo, Hi, Lo, Hi);
        });
        result.Add(Figure.Scatter("step_weights: the step network's decision regions", "x₁", "x₂", DataClasses(rows, labels)) with
        {
            EqualAxes = true,
            Lines = [Boundary.Traced("decision boundary (o changes)", Plane.Classifier(step.Predict), Lo, Hi, Lo, Hi, context.Quick ? 80 : 200), .. hiddenLines],
            Caption = $"Q3(b): o = 0 inside the traced boundary (all three hidden units fire), 1 outside. Training accuracy {trainAcc:F4}, test {testAcc:F4}. {regenerated}",
        });
        result.Text("Q3(b)", "Yes. One hidden unit per side of the triangle, each firing on the triangle's side of its line: " +
            "h₁ = f(−0.5 + x₁), h₂ = f(−0.5 + x₂), h₃ = f(4 − x₁ − x₂); the output o = f(3 − h₁ − h₂ − h₃) is 0 only when all three fire. " +
            $"Weights (W1 row-major, b1, w2, b2): {string.Join(", ", weights)}. Accuracy {trainAcc:P0} on the training set and {testAcc:P0} on the test set.");

        // (c) Linear hidden units: o = step(w2ᵀ(W1ᵀx + b1) + b2) = step(vᵀx + c) with v = W1 w2, c = b1ᵀw2 + b2.
        var separable = Separability.LinearlySeparable(rows, labels);
        var bound = Separability.BestLinearAccuracy(rows, labels);
        var runs = new List<(long seed, double train, double test, StepNetwork net)>();
        for (var s = 0; s < context.Get(Seeds); s++)
        {
            var net = TrainLinear(x, y, context.Seed + s, context.Get(Steps), context.Get(LearningRate));
            runs.Add((context.Seed + s, Classification.Accuracy(net.Predict(x), y), Classification.Accuracy(net.Predict(xt), yt), net));
            context.Output.WriteLine($"Q3(c) linear hidden layer, seed {context.Seed + s}: train accuracy {runs[^1].train:F4}, test {runs[^1].test:F4}");
        }
        var best = runs.MaxBy(r => r.train);
        result.Claim("Q3(c) the classes are not linearly separable", "a linear hidden layer cannot reach 100%",
            separable ? "separable" : "not separable (convex hulls of the classes intersect)", !separable, "exact convex-hull test on the training set");
        result.Claim("Q3(c) trained linear hidden layers stay below 100%", "impossible",
            $"best of {runs.Count} seeds: {best.train:F4} (training); no line can exceed {bound:F4}", runs.All(r => r.train < 1) && best.train <= bound + 1e-12,
            "trained accuracy, and the best any line can do by trying every line through two points");
        result.Table("Q3(c): linear hidden layer, trained", ["seed", "training accuracy", "test accuracy"],
            runs.Select(r => (IReadOnlyList<string>)[$"{r.seed}", $"{r.train:F4}", $"{r.test:F4}"]),
            $"Each from N(0, 1) weights, {context.Get(Steps)} full-batch gradient-descent steps (lr {context.Get(LearningRate):g}) on the logistic loss of vᵀx + c " +
            "(the step output has zero gradient almost everywhere, so the sigmoid stands in while training), then scored with the step output.");
        result.Add(Figure.Scatter("linear_weights: the best trained linear hidden layer", "x₁", "x₂", DataClasses(rows, labels)) with
        {
            EqualAxes = true,
            Lines = [Boundary.Traced("decision boundary (o changes)", Plane.Classifier(best.net.Predict), Lo, Hi, Lo, Hi, context.Quick ? 80 : 200)],
            Caption = $"Q3(c), seed {best.seed}: training accuracy {best.train:F4}. With linear hidden units the network is one line; the class-0 triangle needs three.",
        });
        result.Number("Q3(c) best accuracy of any line on the training set (upper bound)", bound);
        result.Text("Q3(c)", "No. With f(x) = x the hidden layer is h = W1ᵀx + b1, so o = step(w2ᵀh + b2) = step(vᵀx + c) with v = W1 w2 and " +
            "c = b1ᵀw2 + b2: whatever its 13 weights, the network is a single linear classifier, and it can be 100% accurate only if one line " +
            $"separates the classes. The exact convex-hull test finds the classes {(separable ? "separable" : "not linearly separable")} (class 0 is a triangle surrounded by class 1 on all sides), " +
            $"trying every line through two training points bounds any line's accuracy by {bound:F4}, and trained linear networks reached {best.train:F4} at best.");
        foreach (var r in runs) r.net.Dispose();
    }

    private static Points[] DataClasses(double[][] rows, double[] labels) => Plane.NonEmpty(
        Plane.Class("class 1 (×)", rows, labels, 1, MarkerSymbol.X), Plane.Class("class 0 (○)", rows, labels, 0, MarkerSymbol.CircleOpen));

    /// <summary>
    /// Trains the collapsed linear network step(vᵀx + c) on the logistic surrogate by full-batch gradient descent from N(0, 1)
    /// weights drawn with <paramref name="seed"/>, and writes it back as a linear-hidden 2-3-1 network (v in the first hidden unit).
    /// </summary>
    private static StepNetwork TrainLinear(torch.Tensor x, torch.Tensor y, long seed, int steps, double lr)
    {
        using var scope = torch.NewDisposeScope();
        using var model = LogisticRegressionPair.Normal(Impl.Manual, x.size(1), BiasLayout.Trick, lr, seed, ScalarType.Float64); // (v₁, v₂, c), bias trick
        var data = new Examples(x, y.unsqueeze(1), y);   // views: x and y stay the caller's
        for (var t = 0; t < steps; t++) model.Step(data);
        var w = model.Parameter("linear.weight").data<double>().ToArray();
        return new StepNetwork(HiddenActivation.Linear,
            torch.tensor(new[] { w[0], 0, 0, w[1], 0, 0 }, [2, 3]), torch.tensor(new[] { w[2], 0, 0 }),
            torch.tensor(new double[] { 1, 0, 0 }), torch.tensor(new double[] { 0 }));
    }

    /// <summary>Q3(a): the update of w^{[1]}_{1,2} by the hand formula (manual twin) against autograd (autograd twin), same weights and data.</summary>
    private static void GradientFormula(ExperimentContext context, torch.Tensor x, torch.Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(context.Seed);
        var (W1, b1, w2, b2) = (torch.randn(2, 3, ScalarType.Float64), torch.randn(3, ScalarType.Float64), torch.randn(3, ScalarType.Float64), torch.randn(1, ScalarType.Float64));
        using var manual = new TwoThreeOneNetwork(W1, b1, w2, b2);
        using var twin = new TorchModels.TwoThreeOneNetwork(W1, b1, w2, b2);
        var formula = manual.GradW12(x, y).ToDouble();
        twin.Loss(x, y).backward();
        var autograd = twin.W1.grad![0][1].ToDouble();
        var gap = Math.Abs(formula - autograd);
        context.Result.Claim("Q3(a) the w⁽¹⁾₁,₂ update formula equals autograd", "∂l/∂w⁽¹⁾₁,₂ by hand",
            $"formula {formula:E6}, autograd {autograd:E6}, |difference| {gap:E1}", gap <= 1e-12 + 1e-9 * Math.Abs(autograd),
            "float64, N(0, 1) weights, the training set; |a − b| ≤ 1e-12 + 1e-9·|b|");
        context.Result.Text("Q3(a)", "With sigmoid units, w⁽¹⁾₁,₂ reaches the loss only through h₂, so " +
            "w⁽¹⁾₁,₂ := w⁽¹⁾₁,₂ − α · (2/n) Σᵢ (o⁽ⁱ⁾ − y⁽ⁱ⁾) · o⁽ⁱ⁾(1 − o⁽ⁱ⁾) · w⁽²⁾₂ · h₂⁽ⁱ⁾(1 − h₂⁽ⁱ⁾) · x₁⁽ⁱ⁾, " +
            "with h₂⁽ⁱ⁾ = σ(w⁽¹⁾₀,₂ + w⁽¹⁾₁,₂ x₁⁽ⁱ⁾ + w⁽¹⁾₂,₂ x₂⁽ⁱ⁾) and o⁽ⁱ⁾ = σ(w⁽²⁾₀ + Σⱼ w⁽²⁾ⱼ hⱼ⁽ⁱ⁾). " +
            $"On the training set with N(0, 1) weights (seed {context.Seed}) the formula gives {formula:E6} and autograd {autograd:E6}; " +
            "`homework gradcheck` checks the same formula against central differences.");
    }
}
