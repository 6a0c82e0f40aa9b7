// WPI DS541 HW2 (002) Q4: logistic regression ŷ = σ(xᵀw + b) trained by gradient descent on the log loss when every
// training example is positive, simulated on two 2-example sets of Q4(c): one where w converges (x⁽²⁾ = −2x⁽¹⁾, so no
// direction raises both margins) and one where it cannot (x⁽¹⁾, x⁽²⁾ in one open half-plane). Answers (a)-(c) are
// printed from the numbers. Full-batch gradient descent on two examples loops over steps directly (no epochs).
using Homework.Common;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training.Pairs;

namespace Homework.Experiments.WpiDs541;

/// <summary><c>wpi-ds541/q4-all-positive</c>: Q4(a)-(c).</summary>
public sealed class Q4AllPositive : Experiment
{
    /// <summary>Case i: x⁽²⁾ = −2 x⁽¹⁾. With b → ∞ the w-gradient vanishes where e^{−3 s} = 2, s = w·x⁽¹⁾, so w → x⁽¹⁾ (−ln 2 / 3) / ‖x⁽¹⁾‖².</summary>
    public static readonly double[,] Converging = { { 1, 1 }, { -2, -2 } };

    /// <summary>Case ii: both examples in the half-plane v·x &gt; 0 for v = (1, 1), so w·v grows at every step, for every learning rate.</summary>
    public static readonly double[,] Diverging = { { 1, 2 }, { 2, 1 } };

    /// <summary>The limit of w in case i: (−ln 2 / 6)(1, 1).</summary>
    public static double LimitCoordinate => -Math.Log(2) / 6;

    private static readonly ExperimentOption<Impl> ImplOption =
        Define.Choice("--impl", "Which twin trains: manual (hand-derived gradients) or autograd.", Impl.Manual, DefaultSource.Ours);
    private static readonly ExperimentOption<int> Decades =
        Define.Int("--decades", "Gradient steps: 10^decades (the homework is silent; enough to show log-growth).", 5, DefaultSource.Ours, 2, 7, quick: 3);
    private static readonly ExperimentOption<double> Lr =
        Define.Double("--lr", "Gradient-descent step size (a \"well-chosen\" one: below 2 / the loss's curvature).", 1.0, DefaultSource.Ours, 0, 10, minExclusive: true);

    /// <inheritdoc/>
    public override string Id => "wpi-ds541/q4-all-positive";
    /// <inheritdoc/>
    public override string Title => "Logistic regression when every training example is positive";
    /// <inheritdoc/>
    public override string Questions => "Q4(a)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 9;
    /// <inheritdoc/>
    public override bool DrawsRandomNumbers => false;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [ImplOption, Decades, Lr];

    /// <summary>Loss, b, w at steps 10^0, 10^0.25, ... (quarter decades) of gradient descent from zero on <paramref name="points"/> all labelled 1.</summary>
    public static List<(double step, double loss, double b, double w1, double w2)> Simulate(Impl impl, double[,] points, int decades, double lr)
    {
        using var scope = torch.NewDisposeScope();
        var n = points.GetLength(0);
        var x = torch.tensor(points);
        var ones = torch.ones(n, ScalarType.Float64);
        using var data = new Examples(x, ones.unsqueeze(1), ones.to(ScalarType.Int64));
        using var model = LogisticRegressionPair.Zeros(impl, 2, BiasLayout.Separate, lr, ScalarType.Float64);
        var marks = Enumerable.Range(0, 4 * decades + 1).Select(q => (long)Math.Round(Math.Pow(10, q / 4.0))).Distinct().ToHashSet();
        var rows = new List<(double, double, double, double, double)>();
        var last = (long)Math.Pow(10, decades);
        for (long step = 1; step <= last; step++)
        {
            using (torch.NewDisposeScope()) model.Step(data);
            if (!marks.Contains(step)) continue;
            using var inner = torch.NewDisposeScope();
            var w = model.Parameter("linear.weight").data<double>().ToArray();                          // (1, 2)
            rows.Add((step, model.Score(data).LossSum / n, model.Parameter("linear.bias").item<double>(), w[0], w[1]));
        }
        return rows;
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var impl = context.Get(ImplOption);
        var decades = context.Get(Decades);
        var lr = context.Get(Lr);
        var cases = new[] { ("case i (w converges)", Converging), ("case ii (w does not converge)", Diverging) }
            .Select(c => (label: c.Item1, points: c.Item2, rows: Simulate(impl, c.Item2, decades, lr))).ToList();

        var result = context.Result;
        // Over the last decade of steps a converging quantity changes far less than over the decade before; one
        // growing like log t changes by the same amount in every decade.
        static (double last, double before) DecadeChanges<T>(List<T> rows, Func<T, double> f) =>
            (Math.Abs(f(rows[^1]) - f(rows[^5])), Math.Abs(f(rows[^5]) - f(rows[^9])));
        var lines = new List<string>();
        foreach (var (label, points, rows) in cases)
        {
            var end = rows[^1];
            var norm = Math.Sqrt(end.w1 * end.w1 + end.w2 * end.w2);
            var bChange = DecadeChanges(rows, r => r.b);
            var wChange = DecadeChanges(rows, r => Math.Sqrt(r.w1 * r.w1 + r.w2 * r.w2));
            var pts = $"x⁽¹⁾ = ({points[0, 0]:g}, {points[0, 1]:g}), x⁽²⁾ = ({points[1, 0]:g}, {points[1, 1]:g})";
            result.Number($"{label}: loss after 10^{decades} steps", end.loss, "E3");
            result.Number($"{label}: b after 10^{decades} steps", end.b, "F4");
            result.Number($"{label}: ‖w‖ after 10^{decades} steps", norm, "F4");
            result.Claim($"(b) {label}: b keeps growing", "b never converges (it grows towards +∞ for any examples)",
                $"b rose by {bChange.last:F3} in the last decade of steps, {bChange.before:F3} in the one before", bChange.last > 0.5 * bChange.before && end.b > 0,
                "the last decade's rise at least half the previous one (log-growth)");
            if (points == Converging)
            {
                result.Compare($"(c)i {label}: w₁ (limit −ln 2 / 6)", LimitCoordinate, end.w1, 0.01, "F4", "the limit is approached slowly, as b grows like log t");
                result.Claim($"(c)i {label}: w converges", "w converges", $"‖w‖ changed by {wChange.last:E2} in the last decade, {wChange.before:E2} before",
                    wChange.last < 0.5 * wChange.before, "the last decade's change under half the previous one");
            }
            else
                result.Claim($"(c)ii {label}: w does not converge", "w grows without bound, for every learning rate",
                    $"‖w‖ rose by {wChange.last:F3} in the last decade, {wChange.before:F3} before", wChange.last > 0.5 * wChange.before,
                    "the last decade's rise at least half the previous one (log-growth)");
            lines.Add($"{label}, {pts}: after 10^{decades} steps the loss is {end.loss:E2}, b = {end.b:F3}, w = ({end.w1:F4}, {end.w2:F4}).");
        }
        result.Claim("(a) the training loss converges to 0", "0", string.Join("; ", cases.Select(c => $"{c.rows[^1].loss:E2}")),
            cases.All(c => c.rows[^1].loss < 0.01 && c.rows[^1].loss < c.rows[^5].loss), "below 0.01 and still falling");
        result.Text("Simulation", $"Gradient descent from w = 0, b = 0 on the mean log loss, every label 1, learning rate {lr:g}, {impl} twin, float64. " + string.Join(" ", lines));
        result.Text("Answers",
            "(a) The loss converges to 0: with every label 1, raising b alone raises every ŷ towards 1, so the infimum 0 is approached but never reached. " +
            "(b) b never converges, whatever the examples: ∂L/∂b = −(1/n) Σ (1 − ŷ⁽ⁱ⁾) is negative at every step, so b rises forever, like log t (the tables show the same rise every decade). " +
            $"(c) i. x⁽¹⁾ = (1, 1), x⁽²⁾ = (−2, −2): no direction raises both margins, so w settles where the two pulls balance, e^(−3 w·x⁽¹⁾) = 2, w → (−ln 2 / 6)(1, 1) ≈ ({LimitCoordinate:F4}, {LimitCoordinate:F4}). " +
            "ii. x⁽¹⁾ = (1, 2), x⁽²⁾ = (2, 1): v = (1, 1) has v·x > 0 for both, so −∇_w L · v > 0 at every step and w·v grows without bound for any learning rate.");
        foreach (var (label, _, rows) in cases)
        {
            var x = rows.Select(r => Math.Log10(r.step)).ToArray();
            result.Add(Figure.Line($"{label}: loss, b and ‖w‖", "log10 gradient steps", "value",
                new Series("training loss", x, [.. rows.Select(r => r.loss)]),
                new Series("b", x, [.. rows.Select(r => r.b)]),
                new Series("‖w‖", x, [.. rows.Select(r => Math.Sqrt(r.w1 * r.w1 + r.w2 * r.w2))])) with
            {
                Markers = true,
                Caption = $"Every quarter decade of steps. {label}: straight lines against log10(steps) mean growth like log t (no convergence); a flat line converges.",
            });
        }
    }
}
