// CMU 10-417 HW1 (003) Problem 1.2: four step neurons, Σ_j a_j σ(w_jᵀx + b_j), that realise the four points of
// Problem 1.1 (the XOR-like labels no single perceptron realises). The homework's stated weights are evaluated point
// by point, exactly (the values are multiples of 0.1 and the step only looks at the sign), and a miss is reported.
using Homework.Reports;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/p1.2-step-neurons</c>.</summary>
public sealed class StepNeurons : Experiment
{
    /// <summary>The four points x⁽¹⁾..x⁽⁴⁾ and labels of 003 Problem 1.1.</summary>
    public static readonly (double[] X, int Y)[] Points = [([1, 0], 1), ([0, 1], 1), ([1, 1], 0), ([0, 0], 0)];

    /// <summary>A network of step neurons: weights w_j (2), biases b_j and output weights a_j.</summary>
    public sealed record Construction(double[][] W, double[] B, double[] A)
    {
        /// <summary>Σ_j a_j σ(w_jᵀx + b_j), σ the step function (σ(z) = 1 for z ≥ 0, else 0).</summary>
        public double Output(double[] x) => Enumerable.Range(0, A.Length).Sum(j => A[j] * Step(W[j][0] * x[0] + W[j][1] * x[1] + B[j]));

        /// <summary>Each neuron's step output at <paramref name="x"/>.</summary>
        public double[] Hidden(double[] x) => [.. Enumerable.Range(0, A.Length).Select(j => Step(W[j][0] * x[0] + W[j][1] * x[1] + B[j]))];
    }

    /// <summary>The homework's stated solution: w = (−1, 1), (1, −1), (−1, −1), (1, 1); b = 0.9, −0.9, 0.1, −0.9; a = 1, 1, 0, 0.</summary>
    public static readonly Construction Stated = new([[-1, 1], [1, -1], [-1, -1], [1, 1]], [0.9, -0.9, 0.1, -0.9], [1, 1, 0, 0]);

    /// <summary>The stated solution with b₁ = −0.9 (the sign of b₂), so neuron 1 fires only at x⁽²⁾ as neuron 2 fires only at x⁽¹⁾.</summary>
    public static readonly Construction Corrected = Stated with { B = [-0.9, -0.9, 0.1, -0.9] };

    /// <summary>The step function of 003 Problem 1: 0 for z &lt; 0, else 1.</summary>
    public static double Step(double z) => z < 0 ? 0 : 1;

    /// <inheritdoc/>
    public override string Id => "cmu-10417/p1.2-step-neurons";
    /// <inheritdoc/>
    public override string Title => "Four step neurons that realise the XOR-like points";
    /// <inheritdoc/>
    public override string Questions => "Problem 1.2";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    public override bool DrawsRandomNumbers => false;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var result = context.Result;
        foreach (var (name, c) in new[] { ("the homework's stated weights", Stated), ("b₁ = −0.9 (ours)", Corrected) })
        {
            var rows = Points.Select((p, i) => (IReadOnlyList<string>)
            [
                $"x({i + 1}) = ({p.X[0]}, {p.X[1]})", p.Y.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(" ", c.Hidden(p.X)), c.Output(p.X).ToString(System.Globalization.CultureInfo.InvariantCulture), c.Output(p.X) == p.Y ? "yes" : "NO",
            ]);
            result.Table($"Problem 1.2 with {name}", ["point", "label y", "σ(w_jᵀx + b_j), j = 1..4", "Σ a_j σ(·)", "realised"], rows,
                $"w = {string.Join(", ", c.W.Select(w => $"({w[0]}, {w[1]})"))}; b = {string.Join(", ", c.B)}; a = {string.Join(", ", c.A)}.");
        }
        for (var i = 0; i < Points.Length; i++)
        {
            var (x, y) = Points[i];
            result.Claim($"stated construction at x({i + 1}) = ({x[0]}, {x[1]})", $"Σ a_j σ(w_jᵀx + b_j) = y = {y}",
                $"{Stated.Output(x)} (neurons {string.Join(" ", Stated.Hidden(x))})", Stated.Output(x) == y, "exact evaluation",
                Stated.Output(x) == y ? "" : $"neuron 1 gets −x₁ + x₂ + 0.9 = {-x[0] + x[1] + 0.9:0.0#} ≥ 0 and fires; with b₁ = −0.9 it would not");
        }
        var allCorrected = Points.All(p => Corrected.Output(p.X) == p.Y);
        result.Number("points realised by the stated weights", $"{Points.Count(p => Stated.Output(p.X) == p.Y)} of 4");
        result.Number("points realised with b₁ = −0.9", $"{Points.Count(p => Corrected.Output(p.X) == p.Y)} of 4");
        result.Text("Answer",
            $"The stated weights realise {Points.Count(p => Stated.Output(p.X) == p.Y)} of the 4 points: neuron 1 (w₁ = (−1, 1), b₁ = 0.9) fires at every point except x(1), " +
            "so it adds 1 at x(3) and x(4), whose label is 0. " +
            (allCorrected
                ? "With b₁ = −0.9 neuron 1 fires only at x(2) (−1·0 + 1·1 − 0.9 = 0.1 ≥ 0) and neuron 2 only at x(1), so a = (1, 1, 0, 0) gives 1, 1, 0, 0: all four points are realised."
                : "The corrected weights do not realise every point either."));
        result.Add(Figure.Heatmap("Step network output over the unit square (b1 = -0.9)", "x₁", "x₂", "Σ a_j σ(w_jᵀx + b_j)",
            Grid(Corrected)) with { Caption = "The corrected network on a 21 × 21 grid of [0, 1]²: 1 on the strips |x₁ − x₂| ≥ 0.9 around x(1) and x(2), 0 elsewhere, including x(3) and x(4)." });
    }

    // Output on a 21 × 21 grid of [0, 1]², z[row = x₂ step, column = x₁ step].
    private static double[,] Grid(Construction c)
    {
        var z = new double[21, 21];
        for (var r = 0; r <= 20; r++)
            for (var k = 0; k <= 20; k++) z[r, k] = c.Output([k / 20.0, r / 20.0]);
        return z;
    }
}
