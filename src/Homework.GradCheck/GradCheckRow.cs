// Judging one GradientComparison: the pass rule and the error measures shown by `homework gradcheck`.
// The one place the elementwise tolerance rule lives (the tests' TensorAssert applies it too); it does not compute
// gradients (the checks do) and does not print (the CLI does).
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.GradCheck;

/// <summary>An elementwise pass rule |actual − expected| ≤ Absolute + Relative·|expected|.</summary>
/// <param name="Absolute">The absolute slack.</param>
/// <param name="Relative">The slack per unit of |expected|.</param>
/// <param name="Name">How a report names the rule.</param>
public readonly record struct GradCheckTolerance(double Absolute, double Relative, string Name)
{
    /// <summary>Manual vs autograd in float64: the project's rule, 1e-10 + 1e-7·|b|.</summary>
    public static readonly GradCheckTolerance Float64 = new(1e-10, 1e-7, "float64");

    /// <summary>
    /// Manual vs autograd in float32: 1e-5 + 1e-4·|b|. Two float32 evaluations that sum in different orders
    /// differ by a few ulps (~1e-7 relative) of their largest intermediate, which can exceed the result.
    /// </summary>
    public static readonly GradCheckTolerance Float32 = new(1e-5, 1e-4, "float32");

    /// <summary>Manual (float64) vs central differences with h = 1e-6: O(h²) truncation plus O(eps/h) round-off, 1e-6 + 1e-5·|b|.</summary>
    public static readonly GradCheckTolerance FiniteDifference = new(1e-6, 1e-5, "central difference");

    /// <summary>The manual-vs-autograd rule for <paramref name="dtype"/>.</summary>
    public static GradCheckTolerance For(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => Float64,
        ScalarType.Float32 => Float32,
        _ => throw new ArgumentException($"gradient checks run in float64 or float32; got {dtype}", nameof(dtype)),
    };

    /// <summary>The manual-vs-central-difference rule: float32 manual gradients carry float32 error, so they get the looser of the two rules.</summary>
    public static GradCheckTolerance FiniteDifferenceFor(ScalarType dtype) => dtype == ScalarType.Float64 ? FiniteDifference : For(dtype);

    /// <summary>Whether |<paramref name="actual"/> − <paramref name="expected"/>| passes the rule (a NaN never does).</summary>
    public bool Accepts(double actual, double expected) => Excess(actual, expected) <= 0;

    /// <summary>How far |<paramref name="actual"/> − <paramref name="expected"/>| exceeds the rule's slack (≤ 0 passes; +∞ for a NaN).</summary>
    public double Excess(double actual, double expected)
    {
        var diff = Math.Abs(actual - expected);
        return double.IsNaN(diff) ? double.PositiveInfinity : diff - (Absolute + Relative * Math.Abs(expected));
    }

    /// <summary>The rule as text, e.g. <c>|a−b| ≤ 1e-10 + 1e-07·|b|</c>.</summary>
    public override string ToString() => $"|a−b| ≤ {Absolute:0e0} + {Relative:0e0}·|b|";
}

/// <summary>One line of a gradient-check report: how far the manual gradient is from autograd and from central differences.</summary>
/// <param name="Model">The check's name.</param>
/// <param name="Parameter">Which gradient.</param>
/// <param name="Shape">The gradient's shape.</param>
/// <param name="MaxAbs">max |manual − autograd|.</param>
/// <param name="MaxRel">max |manual − autograd| / max(|manual| + |autograd|, 1e-300): 0 where both are 0.</param>
/// <param name="FiniteDifferenceMaxAbs">max |manual − central difference|, or null where the check has no central difference.</param>
/// <param name="Passed">Every element passes the autograd rule, and the central-difference rule where there is one.</param>
/// <param name="Failure">Why it failed (a wrong shape, or how many elements break the rule and the first of them with both values), or null.</param>
public sealed record GradCheckRow(string Model, string Parameter, long[] Shape, double MaxAbs, double MaxRel, double? FiniteDifferenceMaxAbs, bool Passed, string? Failure)
{
    /// <summary>The manual gradient's shape differs from the reference's, so no element was compared.</summary>
    public bool ShapeMismatch { get; init; }

    /// <summary>The largest |a − b| / (|a| + |b|) against central differences (null when none were computed).</summary>
    public double? FiniteDifferenceMaxRel { get; init; }

    /// <summary>Judges <paramref name="comparison"/> with <paramref name="autograd"/> (manual vs autograd) and <paramref name="finiteDifference"/> (manual vs central differences).</summary>
    public static GradCheckRow From(GradientComparison comparison, GradCheckTolerance autograd, GradCheckTolerance finiteDifference)
    {
        var shape = comparison.Manual.shape;
        if (!shape.SequenceEqual(comparison.Autograd.shape))
            return new(comparison.Model, comparison.Parameter, shape, double.NaN, double.NaN, null, false,
                $"wrong shape: expected {comparison.Autograd.ShapeText()} (autograd's), got {Shapes.Format(shape)}") { ShapeMismatch = true };
        var manual = Doubles(comparison.Manual);
        var (maxAbs, maxRel, failure) = Measure(manual, Doubles(comparison.Autograd), shape, autograd, "autograd");
        double? fdAbs = null, fdRel = null;
        if (comparison.FiniteDifference is { } fd)
        {
            if (!shape.SequenceEqual(fd.shape))
                return new(comparison.Model, comparison.Parameter, shape, maxAbs, maxRel, null, false,
                    $"wrong shape: expected {fd.ShapeText()} (central differences'), got {Shapes.Format(shape)}") { ShapeMismatch = true };
            var (abs, rel, fdFailure) = Measure(manual, Doubles(fd), shape, finiteDifference, "central difference");
            (fdAbs, fdRel) = (abs, rel);
            failure ??= fdFailure;
        }
        return new(comparison.Model, comparison.Parameter, shape, maxAbs, maxRel, fdAbs, failure is null, failure) { FiniteDifferenceMaxRel = fdRel };
    }

    /// <summary>Judges with the rules for <paramref name="dtype"/> (<see cref="GradCheckTolerance.For"/> and <see cref="GradCheckTolerance.FiniteDifferenceFor"/>).</summary>
    public static GradCheckRow From(GradientComparison comparison, ScalarType dtype) =>
        From(comparison, GradCheckTolerance.For(dtype), GradCheckTolerance.FiniteDifferenceFor(dtype));

    // Checks run in float32 and float64; both are judged in float64.
    private static double[] Doubles(Tensor t) { using var d = t.to(ScalarType.Float64); return d.data<double>().ToArray(); }

    // The failure names the first element (row-major) that breaks the rule, by its index, and how many do.
    private static (double maxAbs, double maxRel, string? failure) Measure(double[] manual, double[] reference, long[] shape, GradCheckTolerance tolerance, string against)
    {
        double maxAbs = 0, maxRel = 0;
        int first = -1, failing = 0;
        for (var i = 0; i < manual.Length; i++)
        {
            var diff = Math.Abs(manual[i] - reference[i]);
            if (double.IsNaN(diff)) diff = double.PositiveInfinity;
            maxAbs = Math.Max(maxAbs, diff);
            var scale = Math.Abs(manual[i]) + Math.Abs(reference[i]);
            maxRel = Math.Max(maxRel, diff == 0 ? 0 : diff / Math.Max(scale, 1e-300));
            if (tolerance.Accepts(manual[i], reference[i])) continue;
            failing++;
            if (first < 0) first = i;
        }
        var failure = first < 0 ? null
            : $"{failing} of {manual.Length} elements break the {tolerance.Name} rule {tolerance}; the first, {Index(first, shape)}: manual {manual[first]:r} vs {against} {reference[first]:r}";
        return (maxAbs, maxRel, failure);
    }

    // The row-major flat index as a multi-index, e.g. [1, 2]; a 0-dim tensor's one element is [].
    private static string Index(int flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--) { index[d] = flat % shape[d]; flat = (int)(flat / shape[d]); }
        return Shapes.Format(index);
    }
}
