// implicitreg ds1 / ds2 have the properties CS229 W2025 PS2 Q1 relies on, checked with MathNet linear algebra.
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class ImplicitRegTests
{
    [Theory]
    [InlineData("ds1_train.csv", 40)]
    [InlineData("ds1_valid.csv", 200)]
    [InlineData("ds2_train.csv", 40)]
    [InlineData("ds2_valid.csv", 200)]
    public void Files_have_d_200_feature_columns_then_y(string file, int rows)
    {
        var (x, y) = Generated.Read("implicitreg", file);
        Assert.Equal(rows, x.RowCount);
        Assert.Equal(200, x.ColumnCount);
        Assert.Equal(rows, y.Count);
    }

    [Fact]
    public void Ds1_min_norm_solution_fits_training_exactly_and_beats_other_zero_cost_solutions()
    {
        var (x, y) = Generated.Read("implicitreg", "ds1_train.csv");
        var (xv, yv) = Generated.Read("implicitreg", "ds1_valid.csv");
        var rho = x.Transpose() * (x * x.Transpose()).Solve(y); // Q1(b): ρ = Xᵀ(XXᵀ)⁻¹y
        Assert.True((x * rho - y).InfinityNorm() < 1e-9, $"training residual {(x * rho - y).InfinityNorm():g3}");

        // Q1(a): ρ + ζ with ζ ⟂ every x⁽ⁱ⁾ also has zero cost; Q1(c) expects a larger norm to validate worse.
        var null_ = x.Kernel(); // orthonormal basis of the null space (160 vectors)
        Assert.Equal(160, null_.Length);
        var rng = new Random(7);
        double Mse(Vector<double> b) => (xv * b - yv).PointwisePower(2).Average();
        var previous = Mse(rho);
        foreach (var scale in new[] { 1.0, 2.0, 3.0 })
        {
            var zeta = Vector<double>.Build.Dense(200);
            foreach (var v in null_) zeta += (rng.NextDouble() - 0.5) * v;
            zeta *= scale * rho.L2Norm() / zeta.L2Norm();
            var beta = rho + zeta;
            Assert.True((x * beta - y).InfinityNorm() < 1e-9);
            var mse = Mse(beta);
            Assert.True(mse > previous, $"‖ζ‖ = {scale}‖ρ‖: validation MSE {mse:g4} not above {previous:g4}");
            previous = mse;
        }
    }

    [Theory]
    [InlineData("ds1")]
    [InlineData("ds2")]
    public void Labels_are_an_exact_linear_function_of_x_no_noise(string prefix)
    {
        // 240 rows > d = 200: least squares over train + valid leaves no residual only if y = xᵀβ exactly.
        var (x, y) = Generated.Read("implicitreg", $"{prefix}_train.csv");
        var (xv, yv) = Generated.Read("implicitreg", $"{prefix}_valid.csv");
        var (a, b) = (Generated.Stack(x, xv), Generated.Concat(y, yv));
        var beta = a.QR().Solve(b);
        Assert.True((a * beta - b).InfinityNorm() < 1e-9, $"residual {(a * beta - b).InfinityNorm():g3}");
    }

    [Fact]
    public void Ds2_ground_truth_is_theta_squared_minus_phi_squared_with_5_unit_coordinates()
    {
        var (x, y) = Generated.Read("implicitreg", "ds2_train.csv");
        var (xv, yv) = Generated.Read("implicitreg", "ds2_valid.csv");
        var beta = Generated.Stack(x, xv).QR().Solve(Generated.Concat(y, yv));
        var support = beta.EnumerateIndexed().Where(p => Math.Abs(p.Item2) > 1e-9).ToArray();
        Assert.Equal(5, support.Length);
        Assert.All(support, p => Assert.Equal(1.0, Math.Abs(p.Item2), 9));
        // Sparsity is what the homework's small initialisation exploits: the min-ℓ2 solution on the 40 training
        // rows spreads over all 200 coordinates and misses most of β*.
        var rho = x.Transpose() * (x * x.Transpose()).Solve(y);
        Assert.True((rho - beta).L2Norm() > 0.5 * beta.L2Norm());
    }
}
