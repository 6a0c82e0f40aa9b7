// Tests of GradCheckRow, the one pass rule `homework gradcheck` applies: boundaries, the central-difference witness,
// relative error, shape mismatches and NaN. Not the checks themselves.
using Homework.GradCheck;
using Homework.TestSupport;

namespace Homework.GradCheck.Tests;

public class GradCheckRowTests
{
    private static GradientComparison Comparison(double[] manual, double[] autograd, double[]? fd) =>
        new("M", "p", tensor(manual), tensor(autograd), fd is null ? null : tensor(fd));

    [Fact]
    public void Float64RuleIsTheProjectsGradientTolerance()
    {
        Assert.Equal(Tolerance.Float64Gradient.Absolute, GradCheckTolerance.Float64.Absolute);
        Assert.Equal(Tolerance.Float64Gradient.Relative, GradCheckTolerance.Float64.Relative);
        Assert.Equal(Tolerance.FiniteDifference.Absolute, GradCheckTolerance.FiniteDifference.Absolute);
        Assert.Equal(Tolerance.FiniteDifference.Relative, GradCheckTolerance.FiniteDifference.Relative);
        Assert.Equal(GradCheckTolerance.Float32, GradCheckTolerance.For(float32));
        Assert.Equal(GradCheckTolerance.Float32, GradCheckTolerance.FiniteDifferenceFor(float32));
    }

    [Fact]
    public void ErrorsJustInsideTheRulePassAndJustOutsideFail()
    {
        using var scope = NewDisposeScope();
        // |a − b| ≤ 1e-10 + 1e-7·|b| with b = 2: the bound is 2.001e-7.
        var inside = GradCheckRow.From(Comparison([1.0, 2.0 + 2.0e-7], [1.0, 2.0], null), float64);
        Assert.True(inside.Passed, inside.Failure);
        Assert.Equal(2.0e-7, inside.MaxAbs, 1e-12);
        Assert.Null(inside.FiniteDifferenceMaxAbs);
        var outside = GradCheckRow.From(Comparison([1.0, 2.0 + 2.1e-7], [1.0, 2.0], null), float64);
        Assert.False(outside.Passed);
        Assert.Contains("1 of 2 elements break", outside.Failure);
        Assert.Contains("the first, [1]: manual 2.00000021 vs autograd 2", outside.Failure);
    }

    [Fact]
    public void TheFailureNamesTheFirstWrongElementByItsIndex()
    {
        using var scope = NewDisposeScope();
        var manual = tensor(new[] { 1.0, 5.0, 3.0, 9.0, 5.0, 6.0 }, [2, 3], float64);
        var expected = tensor(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, [2, 3], float64);
        var row = GradCheckRow.From(new GradientComparison("M", "p", manual, expected, null), float64);
        Assert.False(row.Passed);
        Assert.Contains("2 of 6 elements break", row.Failure);
        Assert.Contains("the first, [0, 1]: manual 5 vs autograd 2", row.Failure);
    }

    [Fact]
    public void ACentralDifferenceOutsideItsRuleFailsTheRowEvenWhenAutogradAgrees()
    {
        using var scope = NewDisposeScope();
        var row = GradCheckRow.From(Comparison([0.5, -3.0], [0.5, -3.0], [0.5, -3.001]), float64);
        Assert.Equal(0, row.MaxAbs);
        Assert.Equal(0, row.MaxRel);
        Assert.Equal(1e-3, row.FiniteDifferenceMaxAbs!.Value, 1e-9);
        Assert.Equal(1e-3 / 6.001, row.FiniteDifferenceMaxRel!.Value, 12); // |−3 − (−3.001)| / (3 + 3.001)
        Assert.False(row.Passed);
        Assert.Contains("central difference", row.Failure);
    }

    [Fact]
    public void RelativeErrorIsScaledBySumOfMagnitudes()
    {
        using var scope = NewDisposeScope();
        var row = GradCheckRow.From(Comparison([0.0, 1.5], [0.0, 0.5], null), float64);
        Assert.Equal(0.5, row.MaxRel, 15); // |1.5 − 0.5| / (1.5 + 0.5); the two zeros count as 0
    }

    [Fact]
    public void MismatchedShapesFailWithBothShapesNamed()
    {
        using var scope = NewDisposeScope();
        var row = GradCheckRow.From(new GradientComparison("M", "p", zeros(2, 3, float64), zeros(3, 2, float64), null), float64);
        Assert.False(row.Passed);
        Assert.True(row.ShapeMismatch);
        Assert.Contains("expected [3, 2] (autograd's), got [2, 3]", row.Failure);
    }

    [Fact]
    public void NaNFails()
    {
        using var scope = NewDisposeScope();
        Assert.False(GradCheckRow.From(Comparison([double.NaN], [1.0], null), float64).Passed);
    }
}
