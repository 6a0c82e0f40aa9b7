// CS229 W2025 PS2 (000) Q1(f): implicit regularisation of initialisation — the quadratically parameterised model on
// ds2, full-batch GD from θ = φ = α·1 for α ∈ {0.1, 0.03, 0.01}, train and validation error against steps. Not the
// model (QuadraticPair) and not the run loop (QuadraticDescent).
using Homework.Data.CourseSets;
using Homework.Reports;
using Homework.Training.Pairs;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q1f-qp-init</c>.</summary>
public sealed class Q1fQpInit : Experiment
{
    /// <summary>The initialisations the homework names.</summary>
    public static readonly double[] Alphas = [0.1, 0.03, 0.01];

    internal static readonly ExperimentOption<double> LearningRate = Define.Double("--lr", "Step size of every gradient step.", 0.08, DefaultSource.Homework, 0, 10, minExclusive: true);
    internal static readonly ExperimentOption<int> Steps = Define.Int("--steps", "Gradient steps per α (the homework gives none: 10,000 lets α = 0.01, the slowest, fit to ~1e-10).", 10_000, DefaultSource.Ours, 1, 1_000_000, quick: 2_000);
    internal static readonly ExperimentOption<Impl> ImplOption = Define.Choice("--impl", "Which twin's gradients: manual (eqs. (6)–(7) by hand) or autograd.", Impl.Manual, DefaultSource.Ours);

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q1f-qp-init";
    /// <inheritdoc/>
    public override string Title => "Implicit regularisation of initialisation: GD on the quadratically parameterised model";
    /// <inheritdoc/>
    public override string Questions => "Q1(f)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 4;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [LearningRate, Steps, ImplOption];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = Ds2.Load();
        var (lr, steps, impl) = (context.Get(LearningRate), context.Get(Steps), context.Get(ImplOption));
        var runs = Alphas.Select(a => QuadraticDescent.Run(context, data, $"α = {a}", impl, a, null, lr, steps, context.Seed)).ToList();

        var result = context.Result;
        var quick = context.Quick ? $"quick run: {steps:N0} steps instead of 10,000" : "";
        var fitted = runs.Where(r => !r.Diverged && r.FinalTrain <= QuadraticDescent.FitThreshold).ToList();
        var best = runs.Where(r => double.IsFinite(r.FinalValidation)).MinBy(r => r.FinalValidation);
        var smallest = runs[^1];
        result.Claim("which models fit the training set (Q1(f))", "all: each α reaches a global minimiser (zero cost), a different one per α",
            $"{(fitted.Count == runs.Count ? "all three" : fitted.Count == 0 ? "none" : string.Join(", ", fitted.Select(r => r.Label)))} (train error ≤ {QuadraticDescent.FitThreshold:g} after {steps:N0} steps)",
            fitted.Count == runs.Count, $"final train error ≤ {QuadraticDescent.FitThreshold:g}", quick);
        result.Claim("which initialisation gives the best validation error (Q1(f))", "the smallest, α = 0.01: initialisation regularises implicitly",
            best is null ? "none finite" : $"{best.Label} ({best.FinalValidation:F4})", best == smallest, "lowest final validation error", quick);
        foreach (var r in runs)
        {
            result.Number($"final train error, {r.Label}", r.FinalTrain, "0.00E+0");
            result.Number($"final validation error, {r.Label}", r.FinalValidation);
        }
        result.Table("The solutions GD found", QuadraticDescent.TableHeader, runs.Select(QuadraticDescent.TableRow),
            $"β = θ⊙θ − φ⊙φ after {steps:N0} steps of lr {lr}; the data's true β has {ImplicitReg.Ds2Support} non-zero coordinates of ±1.");
        result.Text("Q1(f): answers", string.Join('\n',
            $"Which models fit the training set? {(fitted.Count == runs.Count ? "All three" : fitted.Count == 0 ? "None" : string.Join(" and ", fitted.Select(r => r.Label)))}: " +
            string.Join("; ", runs.Select(r => $"{r.Label} ends at train error {r.FinalTrain:0.00E+0}")) + $" after {steps:N0} steps.",
            best is null ? "No run ended with a finite validation error." :
            $"Which initialisation achieves the best validation error? {best.Label}, at {best.FinalValidation:F4}; " +
            string.Join(", ", runs.Where(r => r != best).Select(r => $"{r.Label} ends at {r.FinalValidation:F4}")) + ". " +
            "Each run fits the same 40 equations, so the minimiser reached is decided by where GD starts: " +
            string.Join(", ", runs.Select(r => $"{r.Label} ends with ‖β‖₁ = {QuadraticDescent.L1(r.Beta):F2}")) + ".",
            data.Source,
            $"The step count is ours (the homework gives none): {steps:N0} steps. Error is the homework's cost J = 1/(4n) Σ (f(xᵢ) − yᵢ)² on each set."));
        result.Add(Figure.Line("Train and validation error of GD per initialisation", "gradient steps (log scale)", "error J (log scale)",
            QuadraticDescent.ErrorSeries(runs)) with
        {
            LogX = true,
            LogY = true,
            Caption = $"Full-batch GD, lr {lr}, θ = φ = α·1, from step 1 (at step 0 both errors are {runs[0].Train[0]:F3} and {runs[0].Validation[0]:F3} for every α). " +
                      "Training error falls toward 0 for every α; validation error levels off at a value set by α " +
                      $"({string.Join(", ", runs.Select(r => $"{r.Label}: {r.FinalValidation:F4}"))}).",
        });
        result.Add(Figure.Line("Validation error of GD per initialisation", "gradient steps (log scale)", "validation error J",
            [.. runs.Select(r => QuadraticDescent.LogSeries($"validation, {r.Label}", r, r.Validation))]) with
        {
            LogX = true,
            Caption = "The validation curves of the figure above on a linear scale, where the gaps between the initialisations show: the smaller α, the lower the error GD settles at.",
        });
    }
}
