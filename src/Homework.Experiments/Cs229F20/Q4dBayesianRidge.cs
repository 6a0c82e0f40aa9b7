// CS229 F2020 PS2 (001) Q4(d)–(e): ridge MAP estimates θ = argmin −log p(y | X, θ) + λ‖θ‖² for λ = {0, 1/32, …, 4} × λ_opt on
// the 13 bayesianreg training sets, validation MSE against n (sample-wise double descent and its cure), and Q4(e)'s
// Laplace-prior MAP = L1-regularised fit checked numerically. Not the model (Manual/Models/Ridge.cs holds the closed forms).
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Manual.Models;
using Homework.Reports;

namespace Homework.Experiments.Cs229F20;

/// <summary><c>cs229-f20/q4d-bayesian-ridge</c>.</summary>
public sealed class Q4dBayesianRidge : Experiment
{
    internal static readonly ExperimentOption<int> Every = Define.Int("--every", "Use every k-th training set of the 13 (1 = all, as the homework).", 1, DefaultSource.Homework, 1, 12, quick: 3);
    internal static readonly ExperimentOption<int> LassoSteps = Define.Int("--lasso-steps", "Accelerated proximal-gradient (FISTA) steps of each L1 fit in the Q4(e) check.", 3000, DefaultSource.Ours, 10, 1_000_000, quick: 600);

    /// <summary>The homework's multiples of λ_opt.</summary>
    public static readonly double[] Multiples = [0, 1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 1, 2, 4];

    /// <inheritdoc/>
    public override string Id => "cs229-f20/q4d-bayesian-ridge";
    /// <inheritdoc/>
    public override string Title => "Bayesian ridge: validation error against n for λ around λ_opt, and the Laplace-prior MAP";
    /// <inheritdoc/>
    public override string Questions => "Q4(d)–(e)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 4;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Every, LassoSteps];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var runScope = torch.NewDisposeScope();
        const int d = DoubleDescent.D;
        const double sigma = DoubleDescent.Sigma;
        var eta = 1 / Math.Sqrt(d);
        var lambdaOpt = Ridge.LambdaOpt(eta); // Q4(b): λ = 1/(2η²)
        var sizes = DoubleDescent.TrainSizes.Where((_, i) => i % context.Get(Every) == 0).ToArray();
        var (xv, yv) = CourseSets.Load("bayesianreg", "validation.csv");
        var mse = new double[Multiples.Length, sizes.Length];
        for (var j = 0; j < sizes.Length; j++)
        {
            using var scope = torch.NewDisposeScope();
            var (x, y) = CourseSets.Load("bayesianreg", $"train{sizes[j]}.csv");
            for (var m = 0; m < Multiples.Length; m++)
            {
                var theta = Ridge.Solve(x, y, Multiples[m] * lambdaOpt, sigma); // eq. (6); λ = 0 by the pseudo-inverse
                var r = xv.matmul(theta) - yv;
                mse[m, j] = r.dot(r).ToDouble() / yv.size(0);
            }
            context.Output.WriteLine($"n = {sizes[j]}: validation MSE {string.Join(", ", Enumerable.Range(0, Multiples.Length).Select(m => $"{Label(Multiples[m])} {mse[m, j]:G4}"))}");
        }

        var result = context.Result;
        var quickNote = context.Quick ? $"quick run: {sizes.Length} of the 13 training sets" : "";
        result.Number("λ_opt = 1/(2η²), η = 1/√d (Q4(b))", lambdaOpt, "G6");
        result.Number("eq. (6) solved as (XᵀX + 2σ²λI)⁻¹Xᵀy; at λ_opt 2σ²λ = σ²/η²", 2 * sigma * sigma * lambdaOpt, "G6");
        var curve = (int m) => Enumerable.Range(0, sizes.Length).Select(j => mse[m, j]).ToArray();
        result.Add(Figure.Line("Validation MSE against training set size", "training examples n", "validation MSE (1/n_v)‖X_v θ̂ − y_v‖²",
            [.. Multiples.Select((k, m) => new Series($"λ = {Label(k)}", [.. sizes.Select(s => (double)s)], curve(m)))]) with
        {
            LogY = true,
            Markers = true,
            Caption = $"Q4(d): {Multiples.Length} lines × {sizes.Length} points; d = {d}, σ = {sigma}, λ_opt = {lambdaOpt:g}. Data regenerated (no copy of the course CSVs exists) " +
                      "by the process the question states: θ* ~ N(0, I/d), x ~ N(0, I), y = θ*ᵀx + ε, ε ~ N(0, 0.25); train{n} are the first n rows of one 800-row draw, validation 1,000 rows.",
        });

        var bestAt = Enumerable.Range(0, sizes.Length).Select(j => Enumerable.Range(0, Multiples.Length).MinBy(m => mse[m, j])).ToArray();
        var opt = Array.IndexOf(Multiples, 1.0);
        result.Table("Best multiple of λ_opt at each n", ["n", "best λ", "its MSE", "MSE at λ_opt", "λ_opt above best by", "MSE at λ = 0"],
            Enumerable.Range(0, sizes.Length).Select(j => (IReadOnlyList<string>)[$"{sizes[j]}", Label(Multiples[bestAt[j]]), $"{mse[bestAt[j], j]:G5}", $"{mse[opt, j]:G5}",
                $"{(mse[opt, j] / mse[bestAt[j], j] - 1):P2}", $"{mse[0, j]:G5}"]));
        var near = bestAt.All(m => Multiples[m] is >= 0.5 and <= 2);
        var worstGap = Enumerable.Range(0, sizes.Length).Max(j => mse[opt, j] / mse[bestAt[j], j] - 1);
        result.Claim("λ_opt is at or near the best λ at every n", "close to optimal",
            $"best multiple at each n: {string.Join(", ", bestAt.Select(m => Label(Multiples[m])))}; λ_opt's MSE at most {worstGap:P2} above the best",
            near && worstGap < 0.02, "best multiple within ½–2 × λ_opt and λ_opt's MSE within 2% of the best", quickNote);
        var zero = curve(0);
        var peak = Array.IndexOf(zero, zero.Max());
        result.Claim("double descent for λ = 0", "validation error rises, then falls, as n grows past d",
            $"peak {zero[peak]:G4} at n = {sizes[peak]} (n = 200: {zero[0]:G4}; n = 800: {zero[^1]:G4})",
            sizes[peak] is >= 400 and <= 600 && zero[peak] > zero[0] && zero[peak] > zero[^1], "peak within n = 400–600, above both ends", quickNote);
        var monotone = Enumerable.Range(opt, Multiples.Length - opt).Where(m => Increases(curve(m)) is null).Select(m => Label(Multiples[m])).ToList();
        var notMonotone = Enumerable.Range(opt, Multiples.Length - opt).Select(m => (m, at: Increases(curve(m)))).Where(p => p.at is not null)
            .Select(p => $"{Label(Multiples[p.m])} rises at n = {sizes[p.at!.Value]}").ToList();
        result.Claim("no double descent for λ ≥ λ_opt", "validation error only falls as n grows",
            notMonotone.Count == 0 ? $"decreasing at every step for λ = {string.Join(", ", monotone)}" : string.Join("; ", notMonotone),
            notMonotone.Count == 0, "every consecutive pair of training sizes", quickNote);
        var small = Enumerable.Range(0, opt).Where(m => Increases(curve(m)) is not null).Select(m => Label(Multiples[m])).ToList();
        result.Text("Q4(d)", $"λ_opt = 1/(2η²) = {lambdaOpt:g}. The best multiple per n is {string.Join(", ", bestAt.Select(m => Label(Multiples[m])))}, and λ_opt is never more than {worstGap:P2} worse than the best: " +
            "the prior the data were drawn from gives a near-optimal penalty. " +
            $"Curves that rise somewhere as n grows: {(small.Count == 0 ? "none" : string.Join(", ", small))} (all below λ_opt); λ = 0 peaks at n = {sizes[peak]} (d = {d}), where XᵀX is most ill-conditioned. " +
            (notMonotone.Count == 0 ? "For λ ≥ λ_opt the error falls at every step: no double descent." : $"For λ ≥ λ_opt: {string.Join("; ", notMonotone)}."));

        LaplaceCheck(context, sigma, eta);
    }

    /// <summary>The first index where <paramref name="v"/> rises, or null when it never does.</summary>
    private static int? Increases(double[] v)
    {
        for (var i = 1; i < v.Length; i++) if (v[i] > v[i - 1]) return i;
        return null;
    }

    private static string Label(double multiple) => multiple switch
    {
        0 => "0",
        1 => "λ_opt",
        < 1 => $"λ_opt/{Math.Round(1 / multiple):g}",
        _ => $"{multiple:g}·λ_opt",
    };

    /// <summary>
    /// Q4(e): under θᵢ ~ Laplace(0, b), −log p(θ | X, y) = ‖Xθ − y‖²/(2σ²) + ‖θ‖₁/b + const = J(θ)/(2σ²) + const with
    /// J(θ) = ‖Xθ − y‖² + γ‖θ‖₁ and γ = 2σ²/b. Checked on train200 twice: the literal log densities minus J/(2σ²) are the same
    /// constant at random θ, and among L1 fits argmin J for γ' ∈ {¼, ½, 1, 2, 4}·γ the posterior is highest at γ' = γ.
    /// </summary>
    private static void LaplaceCheck(ExperimentContext context, double sigma, double eta)
    {
        using var scope = torch.NewDisposeScope();
        var (x, y) = CourseSets.Load("bayesianreg", "train200.csv");
        var b = eta / Math.Sqrt(2); // a Laplace prior with the Gaussian prior's variance η² = 2b²
        var gamma = 2 * sigma * sigma / b;
        double NegLogPosterior(torch.Tensor theta)
        {
            using var s = torch.NewDisposeScope();
            var r = x.matmul(theta) - y;
            var n = (double)y.size(0);
            var logLikelihood = -r.dot(r).ToDouble() / (2 * sigma * sigma) - n * Math.Log(Math.Sqrt(2 * Math.PI) * sigma); // Σ log N(yᵢ; θᵀxᵢ, σ²)
            var logPrior = -theta.abs().sum().ToDouble() / b - theta.size(0) * Math.Log(2 * b);                            // Σ log f_L(θᵢ | 0, b)
            return -(logLikelihood + logPrior);
        }
        double J(torch.Tensor theta, double g)
        {
            using var s = torch.NewDisposeScope();
            var r = x.matmul(theta) - y;
            return r.dot(r).ToDouble() + g * theta.abs().sum().ToDouble();
        }
        torch.manual_seed(context.Seed);
        var offsets = Enumerable.Range(0, 5).Select(_ =>
        {
            using var s = torch.NewDisposeScope();
            var theta = eta * torch.randn(x.size(1), ScalarType.Float64);
            return NegLogPosterior(theta) - J(theta, gamma) / (2 * sigma * sigma);
        }).ToArray();
        var spread = offsets.Max() - offsets.Min();
        var fits = new[] { 0.25, 0.5, 1, 2, 4 }.Select(k =>
        {
            var theta = Lasso(x, y, k * gamma, context.Get(LassoSteps));
            return (k, nlp: NegLogPosterior(theta), nonzero: theta.ne(0).to_type(ScalarType.Float64).sum().ToDouble());
        }).ToList();
        var best = fits.MinBy(f => f.nlp);
        var result = context.Result;
        result.Number("Q4(e) γ = 2σ²/b with b = η/√2 (the Gaussian prior's variance)", gamma, "G6");
        result.Claim("Q4(e) −log p(θ | X, y) = J(θ)/(2σ²) + const", "θ_MAP = argmin ‖Xθ − y‖² + γ‖θ‖₁ with γ = 2σ²/b",
            $"the difference is {offsets[0]:G10} at 5 random θ (spread {spread:E1})", spread <= 1e-9 * Math.Abs(offsets[0]) + 1e-6,
            "literal Gaussian and Laplace log densities, train200, float64");
        result.Claim("Q4(e) the posterior is highest at the L1 fit with γ = 2σ²/b", "γ = 2σ²/b",
            string.Join("; ", fits.Select(f => $"{f.k:g}γ: −log p = {f.nlp:F4}")), best.k == 1,
            $"argmin J by {context.Get(LassoSteps)} FISTA steps for each γ', then the literal −log posterior");
        result.Text("Q4(e)", $"θ_MAP = argmax p(y | X, θ) p(θ) = argmin ‖Xθ − y‖²/(2σ²) + Σᵢ |θᵢ|/b (dropping constants) = argmin ‖Xθ − y‖² + γ‖θ‖₁ with γ = 2σ²/b. " +
            $"With σ = {sigma} and b = η/√2 = {b:G4}, γ = {gamma:G6}; its L1 fit has {fits.Single(f => f.k == 1).nonzero:F0} non-zero weights of {x.size(1)} (the Lasso's sparsity).");
    }

    /// <summary>argmin ‖Xθ − y‖² + γ‖θ‖₁ by FISTA from θ = 0: a gradient step on the square, then soft-thresholding by γ/L.</summary>
    private static torch.Tensor Lasso(torch.Tensor x, torch.Tensor y, double gamma, int steps)
    {
        using var scope = torch.NewDisposeScope();
        var xtx = x.T.matmul(x);
        var lipschitz = 2 * torch.linalg.eigvalsh(xtx).max().ToDouble(); // of ∇‖Xθ − y‖² = 2Xᵀ(Xθ − y)
        var xty = x.T.matmul(y);
        var theta = torch.zeros(x.size(1), ScalarType.Float64);
        var z = theta;
        var t = 1.0;
        for (var k = 0; k < steps; k++)
        {
            using var step = torch.NewDisposeScope();
            var u = z - (2 / lipschitz) * (xtx.matmul(z) - xty);
            var next = u.sign() * (u.abs() - gamma / lipschitz).clamp(min: 0);
            var tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            var zNext = next + ((t - 1) / tNext) * (next - theta);
            (theta, z, t) = (step.MoveToOuter(next), step.MoveToOuter(zNext), tNext);
        }
        return scope.MoveToOuter(theta);
    }
}
