// doubledescent (000 Q2) and bayesianreg (001 Q4(d)) show the curves the homeworks describe, computed with MathNet.
using Homework.Data.CourseSets;
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class DoubleDescentTests
{
    private const int D = 500;
    // Bayes-optimal ridge strength for ½‖Xβ−y‖² + λ/2‖β‖² with σ = 0.5, η = 1/√d: λ = σ²/η² = 0.25 · 500.
    private const double LambdaOpt = 125;

    // β̂₀ = (XᵀX)⁺Xᵀy (000 eq. 9). With X of full rank, that is Xᵀ(XXᵀ)⁻¹y for n < d, X⁻¹y for n = d, (XᵀX)⁻¹Xᵀy for n > d.
    private static Vector<double> Pinv(Matrix<double> x, Vector<double> y) =>
        x.RowCount < D ? x.Transpose() * (x * x.Transpose()).Cholesky().Solve(y)
        : x.RowCount == D ? x.LU().Solve(y)
        : (x.TransposeThisAndMultiply(x)).Cholesky().Solve(x.Transpose() * y);

    private static Vector<double> Ridge(Matrix<double> x, Vector<double> y, double lambda) =>
        (x.TransposeThisAndMultiply(x) + lambda * Matrix<double>.Build.DenseIdentity(D)).Cholesky().Solve(x.Transpose() * y);

    private static double Mse(Vector<double> beta, Matrix<double> xv, Vector<double> yv) => (xv * beta - yv).PointwisePower(2).Average();

    [Theory]
    [InlineData("doubledescent")]
    [InlineData("bayesianreg")]
    public void Thirteen_training_sets_of_200_to_800_rows_and_501_columns(string set)
    {
        foreach (var n in Enumerable.Range(0, 13).Select(i => 200 + 50 * i))
        {
            var t = CsvTable.Read(Homework.Data.CourseSets.CourseSets.FilePath(set, $"train{n}.csv", TestSupport.Fixtures.Data()));
            Assert.Equal(n, t.Rows.Length);
            Assert.Equal(501, t.Columns.Length);
        }
        var (xv, _) = Generated.Read(set, "validation.csv");
        Assert.Equal(D, xv.ColumnCount);
    }

    [Theory]
    [InlineData("doubledescent")]
    [InlineData("bayesianreg")]
    public void Inputs_are_standard_normal_and_noise_has_sigma_half(string set)
    {
        var (x, y) = Generated.Read(set, "train800.csv");
        var values = x.Enumerate().ToArray(); // 400,000 draws: mean within 0.01, variance within 0.01 of N(0, 1)
        Assert.InRange(values.Average(), -0.01, 0.01);
        Assert.InRange(values.Select(v => v * v).Average(), 0.99, 1.01);
        // Unbiased noise variance from least squares with 800 - 500 = 300 residual degrees of freedom:
        // its standard error is σ²·√(2/300) ≈ 0.02, so 0.25 ± 0.07 is a 3.5-sigma band.
        var r = y - x * x.QR().Solve(y);
        Assert.InRange(r.DotProduct(r) / 300, 0.18, 0.32);
    }

    [Theory]
    [InlineData("doubledescent")]
    [InlineData("bayesianreg")]
    public void Unregularised_validation_error_rises_to_a_peak_at_n_equal_d_then_falls(string set)
    {
        var (xv, yv) = Generated.Read(set, "validation.csv");
        var mse = new[] { 200, 450, 500, 550, 800 }.ToDictionary(n => n, n =>
        {
            var (x, y) = Generated.Read(set, $"train{n}.csv");
            return Mse(Pinv(x, y), xv, yv);
        });
        Assert.True(mse[450] > mse[200], $"MSE(450) {mse[450]:g4} <= MSE(200) {mse[200]:g4}");
        Assert.True(mse[500] > 10 * Math.Max(mse[200], mse[800]), $"no peak at n = d: {string.Join(", ", mse)}");
        Assert.True(mse[550] > mse[800], $"MSE(550) {mse[550]:g4} <= MSE(800) {mse[800]:g4}");
    }

    [Theory]
    [InlineData("doubledescent")]
    [InlineData("bayesianreg")]
    public void Optimal_ridge_shows_no_double_descent(string set)
    {
        var (xv, yv) = Generated.Read(set, "validation.csv");
        var curve = DoubleDescent.TrainSizes.Select(n =>
        {
            var (x, y) = Generated.Read(set, $"train{n}.csv");
            return Mse(Ridge(x, y, LambdaOpt), xv, yv);
        }).ToArray();
        for (var i = 1; i < curve.Length; i++)
            Assert.True(curve[i] < curve[i - 1], $"λ_opt curve rises at n = {DoubleDescent.TrainSizes[i]}: {string.Join(", ", curve.Select(c => c.ToString("F4")))}");
    }
}
