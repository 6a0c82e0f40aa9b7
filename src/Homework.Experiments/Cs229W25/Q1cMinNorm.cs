// CS229 W2025 PS2 (000) Q1(c): the minimum-norm solution ρ = Xᵀ(XXᵀ)⁻¹y on ds1 against other zero-cost solutions
// ρ + ζ (ζ orthogonal to every training input, growing norms): validation error against ‖β‖₂, with Q1(a)–(b)'s facts
// (zero training cost, ‖β‖² = ‖ρ‖² + ‖ζ‖²) checked on each. Not the closed forms (Homework.Manual LeastSquares).
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;
using ManualModels = Homework.Manual.Models;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q1c-min-norm</c>.</summary>
public sealed class Q1cMinNorm : Experiment
{
    internal static readonly ExperimentOption<int> Others = Define.Int("--others", "Zero-cost solutions besides ρ; the k-th has ‖ζ‖ = 2^(k−2)·‖ρ‖ (0.5, 1, 2, ... times ‖ρ‖).", 3, DefaultSource.Homework, 1, 20);

    /// <summary>Largest training cost J(β) = 1/(2n)‖Xβ − y‖² that counts as zero in float64.</summary>
    public const double ZeroCost = 1e-20;

    /// <summary>Largest relative error |‖β‖² − ‖ρ‖² − ‖ζ‖²| / ‖β‖² that counts as equality in float64.</summary>
    public const double PythagorasTolerance = 1e-12;

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q1c-min-norm";
    /// <inheritdoc/>
    public override string Title => "The minimum-norm solution generalises well";
    /// <inheritdoc/>
    public override string Questions => "Q1(a)–(c)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 2;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Others];

    /// <summary>One zero-cost solution: its norm, training cost, validation error and the Pythagoras residual of Q1(b).</summary>
    /// <param name="Label">"ρ (minimum norm)" or "ρ + ζ_k".</param>
    /// <param name="Norm">‖β‖₂.</param>
    /// <param name="ZetaNorm">‖ζ‖₂ = ‖β − ρ‖₂.</param>
    /// <param name="TrainCost">J(β) on the training set, eq. (1).</param>
    /// <param name="ValidationError">J(β) on the validation set: 1/(2m)‖X_v β − y_v‖².</param>
    /// <param name="PythagorasError">|‖β‖² − ‖ρ‖² − ‖ζ‖²| / ‖β‖².</param>
    /// <param name="NullSpaceResidual">max |Xζ|: ζ is orthogonal to every training input.</param>
    public sealed record Solution(string Label, double Norm, double ZetaNorm, double TrainCost, double ValidationError, double PythagorasError, double NullSpaceResidual);

    /// <summary>
    /// ρ and <paramref name="others"/> solutions ρ + ζ_k on (X, y), ζ_k the projection of a N(0, I) draw (seeded by
    /// <paramref name="seed"/>) onto the null space of X, scaled to ‖ζ_k‖ = 2^(k−2)‖ρ‖; each evaluated on (Xv, yv).
    /// </summary>
    public static IReadOnlyList<Solution> Solutions(torch.Tensor X, torch.Tensor y, torch.Tensor Xv, torch.Tensor yv, int others, long seed)
    {
        using var scope = torch.NewDisposeScope();
        var rho = ManualModels.LeastSquares.MinNormSolution(X, y); // (d)
        var rhoNorm = rho.norm().item<double>();
        var solutions = new List<Solution> { Evaluate("ρ (minimum norm)", rho, rho, X, y, Xv, yv) };
        torch.manual_seed(seed);
        for (var k = 1; k <= others; k++)
        {
            var zeta = ManualModels.LeastSquares.ZeroCostSolution(X, y, torch.randn([X.size(1)], X.dtype)) - rho; // (d), X ζ = 0
            var beta = rho + zeta * (Math.Pow(2, k - 2) * rhoNorm / zeta.norm().item<double>());
            solutions.Add(Evaluate($"ρ + ζ_{k}", beta, rho, X, y, Xv, yv));
        }
        return solutions;
    }

    private static Solution Evaluate(string label, torch.Tensor beta, torch.Tensor rho, torch.Tensor X, torch.Tensor y, torch.Tensor Xv, torch.Tensor yv)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ManualModels.LeastSquares(beta);
        var zeta = beta - rho;
        var (b2, r2, z2) = (beta.dot(beta).item<double>(), rho.dot(rho).item<double>(), zeta.dot(zeta).item<double>());
        return new Solution(label, Math.Sqrt(b2), Math.Sqrt(z2), model.Loss(X, y).item<double>(), model.Loss(Xv, yv).item<double>(),
            Math.Abs(b2 - r2 - z2) / b2, X.matmul(zeta).abs().max().item<double>());
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var (X, y) = CourseSets.Load("implicitreg", "ds1_train.csv");
        var (Xv, yv) = CourseSets.Load("implicitreg", "ds1_valid.csv");
        using (X) using (y) using (Xv) using (yv)
        {
            var (n, d) = (X.size(0), X.size(1));
            var all = Solutions(X, y, Xv, yv, context.Get(Others), context.Seed);
            var rho = all[0];
            var others = all.Skip(1).ToList();
            foreach (var s in all)
                context.Output.WriteLine($"{s.Label}: ‖β‖ = {s.Norm:F4}, train cost {s.TrainCost:0.00E+0}, validation error {s.ValidationError:F4}");

            var result = context.Result;
            var worstCost = all.Max(s => s.TrainCost);
            var worstPythagoras = others.Max(s => s.PythagorasError);
            var bestOther = others.Min(s => s.ValidationError);
            result.Claim("every solution has zero training cost (Q1(a))", "J(ρ + ζ) = 0 for ζ ⊥ every x⁽ⁱ⁾",
                $"largest J on the training set: {worstCost:0.00E+0} ({all.Count} solutions)", worstCost <= ZeroCost, $"J ≤ {ZeroCost:g} (float64)");
            result.Claim("‖β‖² = ‖ρ‖² + ‖ζ‖² (Q1(b) hint)", "holds for every ζ ⊥ the data",
                $"largest relative gap {worstPythagoras:0.00E+0}", worstPythagoras <= PythagorasTolerance, $"relative gap ≤ {PythagorasTolerance:g}");
            result.Claim("the minimum-norm solution generalises well (Q1(c))", "ρ has the lowest validation error of the zero-cost solutions",
                $"ρ: {rho.ValidationError:F4}; others: {string.Join(", ", others.Select(s => s.ValidationError.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}",
                rho.ValidationError < bestOther, "lowest validation error");
            result.Number("‖ρ‖₂", rho.Norm);
            result.Number("validation error of ρ", rho.ValidationError);
            result.Number("lowest validation error of another solution", bestOther);
            result.Number("largest |Xζ| (ζ in the null space of X)", others.Max(s => s.NullSpaceResidual), "0.00E+0");
            result.Table("The zero-cost solutions", ["solution", "‖β‖₂", "‖ζ‖₂", "train cost J", "validation error", "|‖β‖² − ‖ρ‖² − ‖ζ‖²| / ‖β‖²"],
                all.Select(s => (IReadOnlyList<string>)[s.Label, s.Norm.ToString("F4"), s.ZetaNorm.ToString("F4"), s.TrainCost.ToString("0.00E+0"), s.ValidationError.ToString("F4"), s.PythagorasError.ToString("0.00E+0")]),
                $"ζ_k is a N(0, I) draw (seed {context.Seed}) projected onto the null space of X (eq. 2) and scaled to ‖ζ_k‖ = 2^(k−2)·‖ρ‖; the scales are ours (the homework asks for three with different norms).");
            result.Text("Q1(c)", string.Join('\n',
                $"ρ = Xᵀ(XXᵀ)⁻¹y on ds1 (n = {n}, d = {d}) has norm {rho.Norm:F4} and validation error {rho.ValidationError:F4}. " +
                (rho.ValidationError < bestOther
                    ? $"Every other zero-cost solution is longer and validates worse ({string.Join(", ", others.Select(s => $"‖β‖ = {s.Norm:F2}: {s.ValidationError:F4}"))}): all fit the training set exactly, and the minimum-norm one generalises best."
                    : $"In this run another zero-cost solution validates at least as well ({bestOther:F4}), so the homework's expectation is not borne out here."),
                "Validation error is eq. (1)'s cost on the validation set, 1/(2m)‖X_v β − y_v‖² (the starter code's definition is not available).",
                $"ds1 is regenerated by `homework data`: x ~ N(0, I_{d}), y = β*ᵀx without noise, β* ~ N(0, I/d) (the course's files are not available; the homework states only the noise-free linear model and the sizes)."));
            result.Add(Figure.Scatter("Validation error of zero-cost solutions against their norm", "‖β‖₂", "validation error 1/(2m)‖X_v β − y_v‖²",
                new Points("ρ, the minimum-norm solution", [rho.Norm], [rho.ValidationError], MarkerSymbol.Diamond),
                new Points("ρ + ζ, other zero-cost solutions", [.. others.Select(s => s.Norm)], [.. others.Select(s => s.ValidationError)], MarkerSymbol.Circle)) with
            {
                Caption = $"Every point fits the {n} training examples exactly (J ≤ {worstCost:0E+0}); the minimum-norm point ρ (diamond) has validation error {rho.ValidationError:F4}.",
            });
        }
    }
}
