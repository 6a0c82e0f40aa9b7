// CS229 W2025 PS2 (000) Q2(b)–(c): sample-wise double descent of linear regression on train200 … train800 (d = 500),
// β̂₀ = (XᵀX)⁺Xᵀy and ridge β̂_λ = (XᵀX + λI)⁻¹Xᵀy for λ ∈ {0, 1, 5, 10, 50, 250, 500, 1000}, validation MSE against n.
// Not the estimator (Homework.Manual Ridge.Solve) and not the data generator (DoubleDescent).
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using ManualModels = Homework.Manual.Models;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q2-double-descent</c>.</summary>
public sealed class Q2DoubleDescent : Experiment
{
    /// <summary>The regularisation strengths of Q2(c); λ = 0 is Q2(b)'s pseudo-inverse estimate.</summary>
    public static readonly double[] Lambdas = [0, 1, 5, 10, 50, 250, 500, 1000];

    internal static readonly ExperimentOption<int> Every = Define.Int("--every", "Use every k-th training set of train200 … train800 (1 = all 13, the homework's; --quick takes every 3rd: 200, 350, 500, 650, 800).", 1, DefaultSource.Homework, 1, 12, quick: 3);

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q2-double-descent";
    /// <inheritdoc/>
    public override string Title => "Sample-wise double descent and how ridge regularisation removes it";
    /// <inheritdoc/>
    public override string Questions => "Q2(b)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 4;
    /// <inheritdoc/>
    public override bool DrawsRandomNumbers => false;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Every];

    /// <summary>
    /// MSE(β̂) = 1/(2m)‖X_v β̂ − y_v‖² (Q2(b)) of β̂_λ fitted on (X, y), for each λ of <paramref name="lambdas"/>.
    /// 000's J_λ = ½‖Xβ − y‖² + (λ/2)‖β‖² is Ridge's eq. (6) with σ = 1 and penalty λ/2, so Ridge.Solve(X, y, λ/2)
    /// is eq. (8), and at λ = 0 the pseudo-inverse of eq. (9).
    /// </summary>
    public static double[] ValidationMse(torch.Tensor X, torch.Tensor y, torch.Tensor Xv, torch.Tensor yv, IReadOnlyList<double> lambdas)
    {
        using var scope = torch.NewDisposeScope();
        return [.. lambdas.Select(lambda =>
        {
            using var inner = torch.NewDisposeScope();
            var r = Xv.matmul(ManualModels.Ridge.Solve(X, y, lambda / 2)) - yv; // (m)
            return r.dot(r).item<double>() / (2.0 * Xv.size(0));
        })];
    }

    /// <summary>True when <paramref name="curve"/> never rises from one n to the next.</summary>
    public static bool Monotone(IReadOnlyList<double> curve) => curve.Zip(curve.Skip(1)).All(p => p.Second <= p.First);

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var sizes = DoubleDescent.TrainSizes.Where((_, i) => i % context.Get(Every) == 0).ToArray();
        var (Xv, yv) = CourseSets.Load("doubledescent", "validation.csv");
        var mse = new double[Lambdas.Length, sizes.Length];
        long d;
        using (Xv) using (yv)
        {
            d = Xv.size(1);
            context.Progress($"β̂_λ for {Lambdas.Length} λ on {sizes.Length} training sets (d = {d})", sizes.Length, 1, sink =>
            {
                for (var j = 0; j < sizes.Length; j++)
                {
                    var (X, y) = CourseSets.Load("doubledescent", $"train{sizes[j]}.csv");
                    using (X) using (y)
                    {
                        var row = ValidationMse(X, y, Xv, yv, Lambdas);
                        for (var i = 0; i < Lambdas.Length; i++) mse[i, j] = row[i];
                    }
                    sink.Batch();
                    sink.Epoch(j + 1, $"n = {sizes[j]}: validation MSE " + string.Join(", ", Lambdas.Select((l, i) => $"λ={l:g} {mse[i, j]:F4}")));
                }
                return sizes.Length;
            });
        }

        double[] Curve(int i) => [.. Enumerable.Range(0, sizes.Length).Select(j => mse[i, j])];
        var result = context.Result;
        var quick = context.Get(Every) > 1 ? $"{sizes.Length} of the 13 training sets (--every {context.Get(Every)})" : "";
        var plain = Curve(0);
        var peak = Array.IndexOf(plain, plain.Max());
        var peakN = sizes[peak];
        var nearD = sizes.Where(n => Math.Abs(n - d) <= 50).ToArray();
        result.Claim("λ = 0: validation error rises, then falls, as n grows (Q2(b))", "increases and then decreases; very large near n ≈ d = 500",
            $"peak {plain[peak]:F2} at n = {peakN} (n = {sizes[0]}: {plain[0]:F4}, n = {sizes[^1]}: {plain[^1]:F4})",
            peak > 0 && peak < sizes.Length - 1 && Math.Abs(peakN - d) <= 50, $"the largest MSE is at an interior n within 50 of d = {d}", quick);
        var largest = Lambdas.Length - 1;
        result.Claim($"λ = {Lambdas[largest]:g}: no double descent (Q2(c))", "double descent does not occur for a relatively large λ",
            Monotone(Curve(largest)) ? $"MSE falls at every step of n, {Curve(largest)[0]:F4} → {Curve(largest)[^1]:F4}" : "the MSE rises somewhere along n",
            Monotone(Curve(largest)), "the MSE never rises from one n to the next", quick);
        var rising = Enumerable.Range(0, Lambdas.Length).Where(i => !Monotone(Curve(i))).ToList();
        var monotone = Enumerable.Range(0, Lambdas.Length).Where(i => Monotone(Curve(i))).ToList();
        result.Claim("some small λ still rise then fall (Q2(c))", "for some small λ the validation error may increase and then decrease",
            rising.Count == 0 ? "no λ rises" : "rises somewhere: λ ∈ {" + string.Join(", ", rising.Select(i => Lambdas[i].ToString("g"))) + "}",
            rising.Count > 0 && rising.All(i => monotone.All(k => i < k)), "only the smallest λ rise; every larger λ falls at every n", quick);
        foreach (var n in nearD)
        {
            var j = Array.IndexOf(sizes, n);
            result.Number($"validation MSE at n = {n}, λ = 0", mse[0, j]);
        }
        result.Number("peak / smallest validation MSE, λ = 0", plain.Max() / plain.Min(), "F1");
        var bestAtEnd = Enumerable.Range(0, Lambdas.Length).MinBy(i => mse[i, sizes.Length - 1]);
        result.Number($"best λ at n = {sizes[^1]}", Lambdas[bestAtEnd], "g");

        result.Table("Validation MSE", ["n", .. Lambdas.Select(l => $"λ = {l:g}")],
            sizes.Select((n, j) => (IReadOnlyList<string>)[$"{n}", .. Lambdas.Select((_, i) => mse[i, j].ToString(mse[i, j] >= 10 ? "F1" : "F4"))]),
            "MSE(β̂) = 1/(2m)‖X_v β̂ − y_v‖² on the 1,000 validation rows; λ = 0 is the pseudo-inverse estimate (eq. 9).");
        result.Text("Q2(b)–(c)", string.Join('\n',
            $"Without regularisation the validation MSE {(peak > 0 && peak < sizes.Length - 1 ? "rises and then falls" : "does not rise and fall")} as n grows: " +
            $"{plain[0]:F4} at n = {sizes[0]}, {plain[peak]:F2} at n = {peakN}, {plain[^1]:F4} at n = {sizes[^1]}. " +
            $"At n = d = {d}, X is square and its smallest singular values are close to 0; the pseudo-inverse divides the noise ε by them, so β̂₀ is far from θ*.",
            (rising.Count > 0 ? $"λ ∈ {{{string.Join(", ", rising.Select(i => Lambdas[i].ToString("g")))}}} still rise somewhere along n; " : "No λ rises anywhere along n; ") +
            (monotone.Count > 0 ? $"λ ∈ {{{string.Join(", ", monotone.Select(i => Lambdas[i].ToString("g")))}}} fall at every step, so regularisation removes the double descent." : "no λ falls at every step."),
            $"doubledescent is regenerated by `homework data`: x ~ N(0, I_{d}), y = θ*ᵀx + ε, θ* ~ N(0, I/d), ε ~ N(0, 0.5²); train{{n}} is the first n rows of one 800-row draw " +
            "(the course's files are not available; the homework states only d = 500 and the sizes; the process is 001 Q4's, the same course's later version of this question)."));
        result.Add(Figure.Line("Q2(b): validation MSE of the unregularised estimate", "training examples n", "validation MSE (log scale)",
            [new Series("λ = 0 (pseudo-inverse)", [.. sizes.Select(n => (double)n)], plain)]) with
        {
            LogY = true,
            Markers = true,
            Caption = $"Q2(b)'s plot: β̂₀ alone. It rises from {plain[0]:F4} at n = {sizes[0]} to {plain[peak]:F1} at n = {peakN} (n ≈ d = {d}), then falls to {plain[^1]:F4} at n = {sizes[^1]}.",
        });
        result.Add(Figure.Line("Validation MSE against training set size", "training examples n", "validation MSE (log scale)",
            [.. Lambdas.Select((l, i) => new Series($"λ = {l:g}", [.. sizes.Select(n => (double)n)], Curve(i)))]) with
        {
            LogY = true,
            Markers = true,
            Caption = $"{Lambdas.Length} lines × {sizes.Length} points. λ = 0 peaks at n = {peakN} ({plain[peak]:F1}); λ = {Lambdas[largest]:g} falls from {Curve(largest)[0]:F3} to {Curve(largest)[^1]:F3}. Log scale: the λ = 0 peak is {plain.Max() / plain.Min():F0}× its smallest value.",
        });
    }
}
