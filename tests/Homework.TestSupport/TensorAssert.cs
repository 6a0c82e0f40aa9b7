// The one assert helper every test uses to compare tensors: named tolerances, and a failure
// message that says what was compared, how far apart it was and where.
using Homework.Common;
using Homework.GradCheck;
using TorchSharp;
using Xunit.Sdk;

namespace Homework.TestSupport;

/// <summary>A pass rule |actual - expected| &lt;= Absolute + Relative * |expected|, elementwise (GradCheckTolerance's rule).</summary>
public readonly record struct Tolerance(double Absolute, double Relative, string Name)
{
    /// <summary>The rule itself, applied as `homework gradcheck` applies it.</summary>
    public GradCheckTolerance Rule => new(Absolute, Relative, Name);

    /// <summary>Manual vs autograd gradients in float64: the gradient-check rule itself (GradCheckTolerance.Float64).</summary>
    public static readonly Tolerance Float64Gradient = From(GradCheckTolerance.Float64, "float64 gradient");
    /// <summary>Central differences in float64 with h = 1e-6: the gradient-check rule (GradCheckTolerance.FiniteDifference).</summary>
    public static readonly Tolerance FiniteDifference = From(GradCheckTolerance.FiniteDifference, "central difference");
    /// <summary>float32 results against an independent float32 computation (PyTorch fixtures).</summary>
    public static readonly Tolerance Float32 = new(1e-6, 1e-5, "float32");
    /// <summary>Values that must agree to float64 rounding (same op, same inputs, another route).</summary>
    public static readonly Tolerance Float64 = new(1e-12, 1e-10, "float64");
    /// <summary>float32 weights after a few optimizer steps against PyTorch's: 1e-6 absolute.</summary>
    public static readonly Tolerance Float32Training = new(1e-6, 0, "float32 training");
    /// <summary>Bit-for-bit equality.</summary>
    public static readonly Tolerance Exact = new(0, 0, "exact");

    // The gradient rules live once, where `homework gradcheck` applies them; tests use the same numbers.
    private static Tolerance From(GradCheckTolerance rule, string name) => new(rule.Absolute, rule.Relative, name);
}

/// <summary>Elementwise tensor comparison with a report of the worst element.</summary>
public static class TensorAssert
{
    /// <summary>Fails unless shapes match and every element passes <paramref name="tolerance"/>.</summary>
    public static void Close(string label, torch.Tensor actual, torch.Tensor expected, Tolerance tolerance)
    {
        var sa = actual.shape;
        var se = expected.shape;
        if (!sa.SequenceEqual(se))
            throw new XunitException($"{label}: shape {Shapes.Format(sa)} but expected {Shapes.Format(se)}");
        Close(label, Doubles(actual), Doubles(expected), tolerance, se);
    }

    /// <summary>Array form of <see cref="Close(string, torch.Tensor, torch.Tensor, Tolerance)"/>; <paramref name="shape"/> locates the worst element.</summary>
    public static void Close(string label, double[] actual, double[] expected, Tolerance tolerance, long[]? shape = null)
    {
        if (actual.Length != expected.Length)
            throw new XunitException($"{label}: {actual.Length} values but expected {expected.Length}");
        var worst = -1;
        var worstExcess = 0.0;
        var maxAbs = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            // NaN where NaN is expected agrees, and so does an equal value (an infinity where the same infinity is
            // expected: inf − inf is NaN); NaN against a number never does.
            var same = actual[i] == expected[i] || (double.IsNaN(actual[i]) && double.IsNaN(expected[i]));
            var excess = same ? double.NegativeInfinity : tolerance.Rule.Excess(actual[i], expected[i]);
            maxAbs = Math.Max(maxAbs, same ? 0 : double.IsNaN(actual[i] - expected[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]));
            if (excess > worstExcess || (worst < 0 && excess > 0)) { worst = i; worstExcess = excess; }
        }
        if (worst >= 0)
            throw new XunitException(
                $"{label}: max |difference| {maxAbs:g4} exceeds the {tolerance.Name} tolerance ({tolerance.Absolute:g2} + {tolerance.Relative:g2}*|expected|); " +
                $"worst at {Where(worst, shape)}: actual {actual[worst]:r}, expected {expected[worst]:r}");
    }

    /// <summary>The elements as float64, whatever the dtype (TorchSharp's data&lt;T&gt;() accepts only the tensor's own).</summary>
    public static double[] Doubles(torch.Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.to(torch.float64).data<double>().ToArray();
    }

    /// <summary>The largest |actual - expected| (for reports).</summary>
    public static double MaxAbsDifference(torch.Tensor actual, torch.Tensor expected)
    {
        var a = Doubles(actual);
        var e = Doubles(expected);
        var m = 0.0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - e[i]));
        return m;
    }

    private static string Where(int flat, long[]? shape)
    {
        if (shape is null || shape.Length == 0) return $"[{flat}]";
        var idx = new long[shape.Length];
        long rest = flat;
        for (var d = shape.Length - 1; d >= 0; d--) { idx[d] = rest % shape[d]; rest /= shape[d]; }
        return $"[{string.Join(", ", idx)}]";
    }
}
