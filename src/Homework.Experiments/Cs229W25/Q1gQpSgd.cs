// CS229 W2025 PS2 (000) Q1(g): implicit regularisation of batch size — SGD with batches of 1, 5 and 40 from
// θ = φ = 0.1·1 on ds2, over several seeds, against (f)'s full-batch GD curve at the same α. Not the model
// (QuadraticPair) and not the run loop (QuadraticDescent).
using System.Globalization;
using Homework.Data.CourseSets;
using Homework.Reports;
using Homework.Training.Pairs;

namespace Homework.Experiments.Cs229W25;

/// <summary><c>cs229-w25/q1g-qp-sgd</c>.</summary>
public sealed class Q1gQpSgd : Experiment
{
    /// <summary>The batch sizes the homework names.</summary>
    public static readonly int[] BatchSizes = [1, 5, 40];

    internal static readonly ExperimentOption<double> Alpha = Define.Double("--alpha", "Initialisation θ = φ = α·1.", 0.1, DefaultSource.Homework, 0, 10, minExclusive: true);
    internal static readonly ExperimentOption<int> Steps = Define.Int("--steps", "Gradient steps per run (the homework gives none; as in Q1(f)).", 10_000, DefaultSource.Ours, 1, 1_000_000, quick: 1_000);
    internal static readonly ExperimentOption<int> Seeds = Define.Int("--seeds", "SGD runs per batch size, seeded --seed, --seed + 1, ...", 3, DefaultSource.Ours, 1, 100, quick: 2);

    /// <inheritdoc/>
    public override string Id => "cs229-w25/q1g-qp-sgd";
    /// <inheritdoc/>
    public override string Title => "Implicit regularisation of batch size: SGD vs GD on the quadratically parameterised model";
    /// <inheritdoc/>
    public override string Questions => "Q1(g)";
    /// <inheritdoc/>
    public override double TypicalSeconds => 8;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [Q1fQpInit.LearningRate, Alpha, Steps, Seeds, Q1fQpInit.ImplOption];

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        using var data = Ds2.Load();
        var (lr, alpha, steps, seeds, impl) = (context.Get(Q1fQpInit.LearningRate), context.Get(Alpha), context.Get(Steps), context.Get(Seeds), context.Get(Q1fQpInit.ImplOption));
        var gd = QuadraticDescent.Run(context, data, "GD", impl, alpha, null, lr, steps, context.Seed);
        var sgd = BatchSizes.Select(b => (batch: b, runs: Enumerable.Range(0, seeds)
            .Select(i => QuadraticDescent.Run(context, data, $"batch {b}, seed {context.Seed + i}", impl, alpha, b, lr, steps, context.Seed + i)).ToList())).ToList();

        var result = context.Result;
        var quick = context.Quick ? $"quick run: {steps:N0} steps and {seeds} seed(s) instead of 10,000 and 3" : "";
        static string Range(IEnumerable<double> v) => v.Count() == 1 ? v.First().ToString("F4", CultureInfo.InvariantCulture)
            : $"{v.Average().ToString("F4", CultureInfo.InvariantCulture)} (range {v.Min().ToString("F4", CultureInfo.InvariantCulture)}–{v.Max().ToString("F4", CultureInfo.InvariantCulture)})";
        var one = sgd[0].runs;
        var oneWorst = one.Max(r => r.FinalValidation);
        result.Claim("SGD finds a better solution than GD at the same α (Q1(g))", "yes: SGD's solution generalises better",
            $"batch 1: validation error {Range(one.Select(r => r.FinalValidation))} over {seeds} seed(s) vs GD {gd.FinalValidation:F4}",
            double.IsFinite(oneWorst) && oneWorst < gd.FinalValidation, "every batch-1 seed ends below GD's validation error", quick);
        result.Number($"final validation error, GD (α = {alpha})", gd.FinalValidation);
        foreach (var (batch, runs) in sgd)
            result.Number($"final validation error, batch {batch}, mean of {seeds} seed(s)", runs.Average(r => r.FinalValidation));
        var fullBatch = sgd.Single(s => s.batch == data.N).runs;
        var fullGap = fullBatch.Max(r => Math.Abs(r.FinalValidation - gd.FinalValidation));
        result.Number($"largest |batch {data.N} − GD| final validation error", fullGap, "0.00E+0");

        result.Table("Every run", QuadraticDescent.TableHeader, sgd.SelectMany(s => s.runs).Prepend(gd).Select(QuadraticDescent.TableRow),
            $"After {steps:N0} steps of lr {lr} from θ = φ = {alpha}·1. An SGD pass over the 40 rows is a fresh seeded permutation cut into batches.");
        var worstTrain = sgd.SelectMany(s => s.runs).Prepend(gd).Max(r => r.FinalTrain);
        var better = sgd.Where(s => s.batch < data.N).Select(s => (s.batch, mean: s.runs.Average(r => r.FinalValidation))).ToList();
        result.Text("Q1(g): does SGD find a better solution?", string.Join('\n',
            (oneWorst < gd.FinalValidation ? "Yes. " : "Not in this run. ") +
            $"From the same initialisation α = {alpha}, GD ends at validation error {gd.FinalValidation:F4}; " +
            string.Join("; ", better.Select(b => $"SGD with batch {b.batch} ends at {b.mean:F4} (mean of {seeds} seed(s))")) + ". " +
            $"Batch {data.N} is the whole training set, so it is GD again (largest difference from GD: {fullGap:0.0E+0}).",
            (worstTrain <= QuadraticDescent.FitThreshold
                ? $"Every run fits the training set (largest final train error {worstTrain:0.0E+0}), so the difference is which zero-cost solution is reached: "
                : $"Not every run fit the training set within {steps:N0} steps (largest final train error {worstTrain:0.0E+0}); among the solutions reached, ") +
            (QuadraticDescent.L1(one[0].Beta) < QuadraticDescent.L1(gd.Beta) ? "batch 1's noise ended at a sparser β " : "batch 1's β is not sparser than GD's ") +
            $"(‖β‖₁ {QuadraticDescent.L1(one[0].Beta):F2} for seed {context.Seed} against {QuadraticDescent.L1(gd.Beta):F2} for GD; the data's true β has ‖β‖₁ = {ImplicitReg.Ds2Support}).",
            data.Source));

        var first = sgd.Select(s => s.runs[0]).ToList();
        result.Add(Figure.Line($"Train and validation error, SGD vs GD at alpha {alpha}", "gradient steps (log scale)", "error J (log scale)",
            QuadraticDescent.ErrorSeries(first.Prepend(gd))) with
        {
            LogX = true,
            LogY = true,
            Caption = $"Seed {context.Seed} of each batch size and (f)'s GD curve, α = {alpha}, lr {lr}, from step 1. Every run drives the training error toward 0; " +
                      $"the validation errors level off at different values (GD {gd.FinalValidation:F4}, batch 1 {first[0].FinalValidation:F4}).",
        });
        result.Add(Figure.Line("Validation error of every seed", "gradient steps (log scale)", "validation error J",
            [.. sgd.SelectMany(s => s.runs).Prepend(gd).Select(r => QuadraticDescent.LogSeries(r.Label, r, r.Validation))]) with
        {
            LogX = true,
            Caption = $"{seeds} seed(s) per batch size: the spread of SGD's outcome. Final validation error by batch size: " +
                      string.Join("; ", sgd.Select(s => $"{s.batch}: {Range(s.runs.Select(r => r.FinalValidation))}")) + $"; GD {gd.FinalValidation:F4}.",
        });
    }
}
