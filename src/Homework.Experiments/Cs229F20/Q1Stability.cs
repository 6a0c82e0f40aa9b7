// CS229 F2020 PS2 (001) Q1(a)–(c): logistic regression by full-batch gradient descent as the starter's stability.py runs
// it, on datasets A and B: A converges, B does not; why (B is separable: ‖θ‖ grows without bound while θ/‖θ‖ settles);
// and modifications i–v run for real on B. Not the model (LogisticRegressionPair, the 001 form: intercept as the
// bias trick's last weight).
using Homework.Common;
using Homework.Data;
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;

namespace Homework.Experiments.Cs229F20;

/// <summary><c>cs229-f20/q1-stability</c>.</summary>
public sealed class Q1Stability : Experiment
{
    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Constant step size (the starter's stability.py: learning_rate = 10).", 10, DefaultSource.Ours, 0, 1000, minExclusive: true);
    internal static readonly ExperimentOption<int> MaxSteps = Define.Int("--max-steps", "Step budget of every run (the starter loops until ‖Δθ‖ < 1e-15, with no budget).", 100_000, DefaultSource.Ours, 100, 10_000_000, quick: 2_500);
    internal static readonly ExperimentOption<double> OtherLearningRate = Define.Double("--other-lr", "Q1(c)i's other constant step size, also iv's (lr 10 is unstable once ‖θ‖² adds curvature 2).", 0.5, DefaultSource.Ours, 0, 1000, minExclusive: true);
    internal static readonly ExperimentOption<double> Scale = Define.Double("--scale", "Q1(c)iii: every input feature multiplied by this.", 10, DefaultSource.Ours, 0, 1e6, minExclusive: true);
    internal static readonly ExperimentOption<double> Penalty = Define.Double("--l2", "Q1(c)iv: coefficient of the added ‖θ‖² (the intercept is not penalised).", 1, DefaultSource.Ours, 0, 1e6, minExclusive: true);
    internal static readonly ExperimentOption<double> Noise = Define.Double("--noise", "Q1(c)v: standard deviation of the zero-mean Gaussian noise added to B's inputs.", 0.2, DefaultSource.Ours, 0, 100, minExclusive: true);

    /// <summary>The starter's convergence test: ‖θ⁽ᵗ⁾ − θ⁽ᵗ⁻¹⁾‖ below this.</summary>
    public const double Tolerance = 1e-15;

    /// <inheritdoc/>
    public override string Id => "cs229-f20/q1-stability";
    /// <inheritdoc/>
    public override string Title => "Logistic regression training stability: A converges, separable B does not";
    /// <inheritdoc/>
    public override string Questions => "Q1(a)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 36;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [LearningRate, MaxSteps, OtherLearningRate, Scale, Penalty, Noise];

    /// <summary>One gradient-descent run: samples of its trajectory and how it ended.</summary>
    private sealed record Descent(string Name, List<double> At, List<double> Norm, List<double> Loss, List<double> Delta, List<double[]> Direction,
        bool Converged, int Steps, double[] Theta, double NormAtHalf, double LastDelta, double MaxInputNorm);

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var runScope = torch.NewDisposeScope();
        var (xa, ya) = CourseSets.Load("stability", "ds1_a.csv");
        var (xb, yb) = CourseSets.Load("stability", "ds1_b.csv");
        var (lr, budget, otherLr) = (context.Get(LearningRate), context.Get(MaxSteps), context.Get(OtherLearningRate));
        torch.manual_seed(context.Seed);
        var xNoisy = xb + context.Get(Noise) * torch.randn_like(xb);
        var plan = new (string name, torch.Tensor x, torch.Tensor y, Func<int, double> lr, nn.Reduction reduction, double l2)[]
        {
            ("A", xa, ya, _ => lr, nn.Reduction.Mean, 0),
            ("B", xb, yb, _ => lr, nn.Reduction.Mean, 0),
            ($"i. B, constant lr {otherLr:g}", xb, yb, _ => otherLr, nn.Reduction.Mean, 0),
            ($"ii. B, lr {lr:g}/t³", xb, yb, t => lr / Math.Pow(t, 3), nn.Reduction.Mean, 0),
            ($"iii. B, inputs × {context.Get(Scale):g}", xb * context.Get(Scale), yb, _ => lr, nn.Reduction.Mean, 0),
            ($"iv. B, + {context.Get(Penalty):g}‖θ‖², lr {otherLr:g}", xb, yb, _ => otherLr, nn.Reduction.Mean, context.Get(Penalty)),
            ($"v. B, inputs + N(0, {context.Get(Noise):g}²) noise", xNoisy, yb, _ => lr, nn.Reduction.Mean, 0),
            ("A with the summed gradient", xa, ya, _ => lr, nn.Reduction.Sum, 0),
        };
        var runs = context.Progress($"gradient descent, {plan.Length} runs of at most {budget:N0} steps", plan.Length, 100, sink =>
            plan.Select((p, k) =>
            {
                var run = Descend(p.name, p.x, p.y, p.lr, p.reduction, p.l2, budget, sink);
                sink.Epoch(k + 1, $"{p.name}: {(run.Converged ? $"converged in {run.Steps:N0} steps" : $"not converged in {run.Steps:N0} steps")}, ‖θ‖ = {run.Norm[^1]:G4}");
                return run;
            }).ToList());
        var (a, b) = (runs[0], runs[1]);
        var result = context.Result;
        var quickNote = context.Quick ? $"quick run: a budget of {budget:N0} steps" : "";
        var regenerated = "Data regenerated (no copy of the course CSVs exists): x ~ U[0, 1]²; A: y ~ Bernoulli(σ(10(x₁ + x₂ − 1))); B: y = 1[x₁ + x₂ > 1], points within 0.1/√2 of the line redrawn.";

        // (a)
        result.Claim("Q1(a) A converges", "converges", Describe(a), a.Converged, $"‖Δθ‖ < {Tolerance:g} within {budget:N0} steps");
        result.Claim("Q1(a) B does not converge", "does not converge", Describe(b), !b.Converged && b.Norm[^1] > b.NormAtHalf,
            "no ‖Δθ‖ < 1e-15 within the budget and ‖θ‖ still growing over its second half", quickNote);
        var ab = new[] { a, b };
        result.Add(Figure.Line("Norm ‖θ‖ against iterations", "iteration", "‖θ‖₂", [.. ab.Select(r => new Series(r.Name, r.At, r.Norm))]) with
        { Caption = $"Q1(a): full-batch gradient descent from θ = 0, lr {lr:g}, mean log-loss gradient (as stability.py). {regenerated}" });
        result.Add(Figure.Line("Loss against iterations", "iteration", "mean log loss", [.. ab.Select(r => new Series(r.Name, r.At, Positive(r.Loss)))]) with
        { LogY = true, Caption = "The loss on B keeps falling towards 0 (log scale); on A it levels off at its minimum." });
        result.Add(Figure.Line("Step length ‖Δθ‖ against iterations", "iteration", "‖θ⁽ᵗ⁾ − θ⁽ᵗ⁻¹⁾‖₂", [.. ab.Select(r => new Series(r.Name, r.At, Positive(r.Delta)))]) with
        { LogY = true, Caption = $"The starter stops when this falls below {Tolerance:g}: A gets there in {a.Steps:N0} steps; B's steps shrink only like 1/t." });

        // (b)
        var (rowsA, labelsA, rowsB, labelsB) = (Plane.Rows(xa), Plane.Values(ya), Plane.Rows(xb), Plane.Values(yb));
        var (sepA, sepB) = (Separability.LinearlySeparable(rowsA, labelsA), Separability.LinearlySeparable(rowsB, labelsB));
        var margin = MinMargin(rowsB, labelsB, b.Theta);
        result.Claim("Q1(b) B is linearly separable, A is not", "B separable (the loss has no finite minimiser), A not",
            $"A: {(sepA ? "separable" : "not separable")}; B: {(sepB ? "separable" : "not separable")}; B's final θ has min (2y−1)θᵀx = {margin:G4}",
            sepB && !sepA, "exact convex-hull test");
        var dirDrift = Distance(b.Direction[^1], b.Direction[b.Direction.Count / 2]);
        result.Claim("Q1(b) on B, ‖θ‖ grows while θ/‖θ‖ settles", "‖θ‖ → ∞ along a fixed direction",
            $"‖θ‖ {b.NormAtHalf:G4} → {b.Norm[^1]:G4} over the second half; direction moved {dirDrift:E2}", b.Norm[^1] > b.NormAtHalf && dirDrift < 0.01,
            "second half of the budget; direction change < 0.01", quickNote);
        result.Add(Figure.Line("Direction of θ on B", "iteration", "component of θ/‖θ‖",
            [.. new[] { "θ₁ (x₁)", "θ₂ (x₂)", "intercept" }.Select((n, k) => new Series(n, b.At, [.. b.Direction.Select(d => d[k])]))]) with
        { Caption = $"Q1(b): the unit vector θ/‖θ‖ converges (to about ({b.Direction[^1][0]:F3}, {b.Direction[^1][1]:F3}, {b.Direction[^1][2]:F3})) while ‖θ‖ grows: only the scale diverges." });
        result.Add(Figure.Scatter("Datasets A and B with their final decision lines", "x₁", "x₂",
            Plane.NonEmpty(Plane.Class("A, y = 1", rowsA, labelsA, 1, MarkerSymbol.X), Plane.Class("A, y = 0", rowsA, labelsA, 0, MarkerSymbol.CircleOpen),
                Plane.Class("B, y = 1", rowsB, labelsB, 1, MarkerSymbol.Cross), Plane.Class("B, y = 0", rowsB, labelsB, 0, MarkerSymbol.Circle))) with
        {
            EqualAxes = true,
            Lines = [.. ab.Select(r => Boundary.Line($"{r.Name}: θᵀx = 0 at step {r.Steps:N0}", r.Theta[2], r.Theta[0], r.Theta[1], 0, 1, 0, 1))],
            Caption = "A's labels overlap near the line x₁ + x₂ = 1; B's classes have a gap, so every θ along the separating direction scores better the longer it is.",
        });
        result.Text("Q1(b)", $"With the mean log loss ℓ(θ) = (1/n) Σ log(1 + exp(−(2yᵢ − 1)θᵀxᵢ)), a separable set admits θ with (2yᵢ − 1)θᵀxᵢ > 0 for every i, " +
            "and then ℓ(cθ) → 0 as c → ∞: the infimum is not attained and gradient descent keeps lengthening θ. " +
            $"B is separable (exact hull test; B's own θ at step {b.Steps:N0} has margin {margin:G4} > 0 on every point), so ‖θ‖ grew from {b.NormAtHalf:G4} to {b.Norm[^1]:G4} " +
            $"over the second half of the run while its direction moved only {dirDrift:E2}. A is not separable, so its loss has a finite minimiser " +
            $"and gradient descent settles there (‖θ‖ = {a.Norm[^1]:G4}, converged in {a.Steps:N0} steps). This is not rounding or overflow: the loss is finite throughout.");

        // (c)
        var expected = new[] { false, true, false, true, true };
        var why = new[]
        {
            "separability does not depend on the step size: ℓ still has no minimiser",
            "Σ c/t³ < ∞ bounds the total movement, so θ converges (to a point that does not minimise ℓ)",
            "scaling the inputs keeps B separable",
            "ℓ + ‖θ‖² is strongly convex in the weights and has a unique finite minimiser",
            "enough noise makes the classes overlap, so ℓ has a finite minimiser",
        };
        var rows = new List<IReadOnlyList<string>>();
        for (var k = 0; k < 5; k++)
        {
            var r = runs[2 + k];
            // ii: the remaining movement after step T is at most Σ_{s>T} (c/s³)‖g_s‖ ≤ c·max‖x‖/(2T²) (‖g‖ ≤ max‖x‖ for the mean log loss).
            var tail = k == 1 ? lr * r.MaxInputNorm / (2.0 * r.Steps * r.Steps) : double.NaN;
            // Certified when the run's last step obeys the per-step bound c·max‖x‖/T³ and the tail bound is below 1e-5·‖θ‖.
            var certified = k == 1 && r.LastDelta <= lr * r.MaxInputNorm / Math.Pow(r.Steps, 3) * (1 + 1e-9) && tail <= 1e-5 * r.Norm[^1];
            var converges = r.Converged || certified;
            var noisySeparable = k == 4 && Separability.LinearlySeparable(Plane.Rows(xNoisy), labelsB);
            var how = r.Converged ? $"yes, ‖Δθ‖ < {Tolerance:g} at step {r.Steps:N0}"
                : k == 1 ? $"limit certified: ‖θ(∞) − θ(T)‖ ≤ {tail:E1} (the starter's test not reached in {r.Steps:N0})"
                : $"no, ‖θ‖ {r.NormAtHalf:G6} → {r.Norm[^1]:G6} over the second half";
            if (k == 4) how += noisySeparable ? "; the noisy set is still separable" : "; the noisy set is not separable";
            rows.Add([r.Name, how, $"{r.Steps:N0}", $"{r.Norm[^1]:G4}", expected[k] ? "converges" : "does not converge", converges == expected[k] ? "agrees" : "misses"]);
            result.Claim($"Q1(c) {r.Name}", expected[k] ? "converges" : "does not converge", how, converges == expected[k], why[k], r.Converged || expected[k] ? "" : quickNote);
        }
        result.Table("Q1(c): each modification run on B", ["run", "converged?", "steps", "final ‖θ‖", "expected", "verdict"], rows,
            $"Budget {budget:N0} steps each, from θ = 0. Expected answers: {string.Join("; ", why.Select((w, k) => $"{ToRoman(k + 1)}: {w}"))}.");
        result.Add(Figure.Line("Norm ‖θ‖ under each modification on B", "iteration", "‖θ‖₂", [.. runs.Skip(1).Take(6).Select(r => new Series(r.Name, r.At, r.Norm))]) with
        { Caption = "Q1(c): runs that converge flatten out; the others keep growing like log t." });

        // Why the mean: the starter's loss scaling.
        var sum = runs[^1];
        result.Text("Loss scaling", $"Gradient descent uses the mean log-loss gradient −(1/n) Σ (yᵢ − σ(θᵀxᵢ)) xᵢ with lr {lr:g}, which reproduces the homework's (a): " +
            $"A converges ({a.Steps:N0} steps), B does not. With the summed gradient (n = {xa.size(0)} times larger) the same lr on A " +
            (sum.Converged ? $"converged in {sum.Steps:N0} steps." : $"did not converge in {sum.Steps:N0} steps (‖Δθ‖ = {sum.LastDelta:G3} at the end), so the starter cannot have used it."));
        result.Number("A: steps to converge", $"{a.Steps:N0}");
        result.Number("A: final θ (θ₁, θ₂, intercept)", string.Join(", ", a.Theta.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))));
        result.Number("B: final ‖θ‖", b.Norm[^1], "G6");
    }

    // A log axis cannot show 0 (a step that changed nothing, a loss that underflowed): those points become gaps.
    private static double[] Positive(List<double> values) => [.. values.Select(v => v > 0 ? v : double.NaN)];

    private static string ToRoman(int k) => k switch { 1 => "i", 2 => "ii", 3 => "iii", 4 => "iv", _ => "v" };

    private static string Describe(Descent r) => r.Converged
        ? $"converged in {r.Steps:N0} steps, ‖θ‖ = {r.Norm[^1]:G4}"
        : $"not converged in {r.Steps:N0} steps; ‖θ‖ {r.NormAtHalf:G4} → {r.Norm[^1]:G4} over the second half, last ‖Δθ‖ = {r.LastDelta:G3}";

    /// <summary>
    /// θ ← θ − lr(t)·∇ℓ(θ) from θ = 0 with logistic regression's pair (its manual twin, the intercept as the bias trick's
    /// last weight), until ‖θ⁽ᵗ⁾ − θ⁽ᵗ⁻¹⁾‖ &lt; <see cref="Tolerance"/> (the starter's test) or <paramref name="budget"/>
    /// steps; about 400 samples of the trajectory are kept.
    /// </summary>
    private static Descent Descend(string name, torch.Tensor x, torch.Tensor y, Func<int, double> lr, nn.Reduction reduction, double l2, int budget, IProgressSink sink)
    {
        using var scope = torch.NewDisposeScope();
        var data = new Examples(x, y.unsqueeze(1), y);   // views: x and y stay the caller's
        using var model = LogisticRegressionPair.Zeros(Impl.Manual, x.size(1), BiasLayout.Trick, lr(1), ScalarType.Float64, reduction, l2);
        var (at, norm, loss, delta, direction) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double[]>());
        var stride = Math.Max(1, budget / 400);
        var tick = Math.Max(1, budget / 100);
        var (converged, steps, normAtHalf, last) = (false, 0, 0.0, double.NaN);
        var theta = model.Parameter(Weight).DetachFromDisposeScope();
        for (var t = 1; t <= budget; t++)
        {
            using var stepScope = torch.NewDisposeScope();
            var before = theta;
            model.LearningRate = lr(t);
            model.Step(data);
            theta = model.Parameter(Weight).DetachFromDisposeScope();
            last = (theta - before).norm().ToDouble();
            before.Dispose();
            steps = t;
            converged = last < Tolerance;
            if (t == budget / 2) normAtHalf = theta.norm().ToDouble();
            if (t % stride == 0 || t == 1 || converged || !double.IsFinite(last))
            {
                var w = theta.data<double>().ToArray();
                var size = Math.Sqrt(w.Sum(v => v * v));
                at.Add(t);
                norm.Add(size);
                // The mean log loss after step t (the plotted runs have no penalty).
                loss.Add(model.Score(data).LossSum / data.Count);
                delta.Add(last);
                direction.Add([.. w.Select(v => v / size)]);
            }
            if (t % tick == 0) sink.Batch();
            if (converged || !double.IsFinite(last)) break;
        }
        var maxInput = Plane.Rows(x).Max(r => Math.Sqrt(r[0] * r[0] + r[1] * r[1] + 1));
        var final = theta.data<double>().ToArray();
        theta.Dispose();
        return new Descent(name, at, norm, loss, delta, direction, converged, steps, final, normAtHalf, last, maxInput);
    }

    // θ = (θ₁, θ₂, intercept) as the pair names it: nn.Linear's weight (1, 3) under the bias trick.
    private const string Weight = "linear.weight";

    private static double MinMargin(double[][] rows, double[] labels, double[] theta) =>
        Enumerable.Range(0, rows.Length).Min(i => (2 * labels[i] - 1) * (theta[0] * rows[i][0] + theta[1] * rows[i][1] + theta[2]));

    private static double Distance(double[] p, double[] q) => Math.Sqrt(p.Zip(q, (u, v) => (u - v) * (u - v)).Sum());
}
