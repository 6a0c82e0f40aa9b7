// Tests of the LeastSquares twins (000 Q1(a-d)): gradients three ways, the min-norm solution's exact fit and minimal
// norm (Q1a-b), and GD from zero converging to it (Q1d). Not the validation-error plot of Q1(c).
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class LeastSquaresTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new LeastSquaresCheck(), seed);

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var X = randn(4, 9, float64);
        var y = randn(4, float64);
        using var model = new ManualTwin.LeastSquares(9);
        var g = CostGradient(model, X, y);
        model.Step(g, 0.1);
        TwinAssert.NoGrad(model.beta, g, model.Forward(X).y, model.Loss(X, y), ManualTwin.LeastSquares.MinNormSolution(X, y));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    public void MinNormSolutionFitsExactlyAndIsShorterThanEveryOtherZeroCostSolution(long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var X = randn(40, 200, float64);
        var y = randn(40, float64);
        var rho = ManualTwin.LeastSquares.MinNormSolution(X, y);
        TensorAssert.Close("X rho = y (Q1a)", X.matmul(rho), y, new Tolerance(1e-10, 1e-10, "exact fit"));
        var rhoNorm2 = rho.dot(rho).item<double>();
        for (var i = 0; i < 3; i++)
        {
            var beta = ManualTwin.LeastSquares.ZeroCostSolution(X, y, randn(200, float64) * (i + 1));
            TensorAssert.Close($"X beta_{i} = y (eq. 2)", X.matmul(beta), y, new Tolerance(1e-10, 1e-10, "exact fit"));
            var zeta = beta - rho;
            var zetaNorm2 = zeta.dot(zeta).item<double>();
            Assert.True(zetaNorm2 > 1, $"zeta_{i} should be a real perturbation; ‖zeta‖² = {zetaNorm2}");
            // Q1(b) hint: ‖beta‖² = ‖rho‖² + ‖zeta‖², so ‖rho‖ < ‖beta‖ whenever zeta ≠ 0.
            Assert.Equal(rhoNorm2 + zetaNorm2, beta.dot(beta).item<double>(), 1e-9 * (rhoNorm2 + zetaNorm2));
            Assert.True(rhoNorm2 < beta.dot(beta).item<double>());
        }
    }

    [Fact]
    public void GradientDescentFromZeroConvergesToTheMinNormSolution()
    {
        // Q1(d): GD with zero initialization stays in the row space of X, so its zero-cost limit is rho.
        using var scope = NewDisposeScope();
        manual_seed(5);
        var X = randn(10, 30, float64);
        var y = randn(10, float64);
        var rho = ManualTwin.LeastSquares.MinNormSolution(X, y);
        // Step size 1/L with L = lambda_max(X^T X / n) keeps GD stable.
        var lr = 1 / linalg.eigvalsh(X.matmul(X.T) / 10.0).max().item<double>();
        using var manual = new ManualTwin.LeastSquares(30);
        using var twin = new AutogradTwin.LeastSquares(30);
        for (var t = 0; t < 2000; t++)
        {
            using var step = NewDisposeScope();
            manual.Step(CostGradient(manual, X, y), lr);
            if (t < 50) GradientDescent.Step(() => twin.Loss(X, y), lr, twin.beta);
            if (t == 49) TensorAssert.Close("manual and autograd GD after 50 steps", manual.beta, twin.beta, Tolerance.Float64);
        }
        Assert.True(manual.Loss(X, y).item<double>() < 1e-20);
        TensorAssert.Close("GD limit = rho", manual.beta, rho, new Tolerance(1e-9, 1e-7, "converged GD"));
    }

    [Fact]
    public void ClosedFormsRejectAnOverdeterminedSystemWithAFix()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => ManualTwin.LeastSquares.MinNormSolution(randn(5, 3, float64), randn(5, float64)));
        Assert.Contains("n < d", e.Message);
        Assert.Contains("Ridge.Solve", e.Message);
    }

    // Gradients of J = 1/(2n)‖X beta − y‖²: SquaredError (divisor 2n) backward through the model's Backward (eq. 3).
    private static ManualTwin.LeastSquares.Gradients CostGradient(ManualTwin.LeastSquares model, Tensor X, Tensor y)
    {
        var (f, cache) = model.Forward(X);
        var (_, lossCache) = ManualTwin.SquaredError.Forward(f, y, 2.0 * X.size(0));
        return model.Backward(ManualTwin.SquaredError.Backward(ones([], f.dtype), lossCache), cache);
    }
}
