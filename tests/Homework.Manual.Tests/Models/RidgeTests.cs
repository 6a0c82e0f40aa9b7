// Tests of the Ridge twins (001 Q4, 000 Q2): gradients three ways, the closed forms as stationary points, the MAP
// estimate at lambda_opt, and GD of both twins reaching the closed form. Not the double-descent experiment.
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class RidgeTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new RidgeCheck(), seed);

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var X = randn(6, 5, float64);
        var y = randn(6, float64);
        using var model = new ManualTwin.Ridge(randn(5, float64), 0.3, 0.5);
        var g = DataGradient(model, X, y);
        model.Step(g, 0.01);
        TwinAssert.NoGrad(model.theta, g, model.Loss(X, y), ManualTwin.Ridge.Solve(X, y, 0.3, 0.5));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 0.5)]
    [InlineData(3.0, 2.0)]
    public void SolveIsAStationaryPointOfTheCost(double lambda, double sigma)
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var X = randn(20, 8, float64);
        var y = randn(20, float64);
        using var model = new ManualTwin.Ridge(ManualTwin.Ridge.Solve(X, y, lambda, sigma), lambda, sigma);
        TensorAssert.Close("dJ/dtheta at the closed form", DataGradient(model, X, y).Theta + model.PenaltyGradient(), zeros(8, float64), new Tolerance(1e-11, 0, "stationary"));
    }

    [Fact]
    public void UnregularizedSolveOfAnUnderdeterminedSystemIsTheMinNormSolution()
    {
        // 000 eq. (9): (X^T X)^+ X^T y is the min-norm least-squares solution, X^T (X X^T)^{-1} y when n < d.
        using var scope = NewDisposeScope();
        manual_seed(17);
        var X = randn(6, 15, float64);
        var y = randn(6, float64);
        TensorAssert.Close("pinv solution", ManualTwin.Ridge.Solve(X, y, 0), ManualTwin.LeastSquares.MinNormSolution(X, y), new Tolerance(1e-10, 1e-8, "pinv vs solve"));
    }

    [Fact]
    public void MapEstimateIsSolveAtLambdaOptAndShrinksTowardZero()
    {
        // 001 Q4(b-c): lambda = 1/(2 eta²) and theta_MAP = (X^T X + sigma²/eta² I)^{-1} X^T y.
        using var scope = NewDisposeScope();
        manual_seed(19);
        var X = randn(30, 10, float64);
        var y = randn(30, float64);
        const double sigma = 0.5, eta = 0.2;
        Assert.Equal(12.5, ManualTwin.Ridge.LambdaOpt(eta), 12);
        var map = ManualTwin.Ridge.Solve(X, y, ManualTwin.Ridge.LambdaOpt(eta), sigma);
        var expected = linalg.solve(X.T.matmul(X) + sigma * sigma / (eta * eta) * eye(10, dtype: float64), X.T.matmul(y).unsqueeze(1)).squeeze(1);
        TensorAssert.Close("theta_MAP", map, expected, Tolerance.Float64);
        var ls = ManualTwin.Ridge.Solve(X, y, 0);
        Assert.True(map.norm().item<double>() < ls.norm().item<double>(), "the Gaussian prior shrinks the estimate");
    }

    [Fact]
    public void GradientDescentOfBothTwinsReachesTheClosedForm()
    {
        using var scope = NewDisposeScope();
        manual_seed(23);
        var X = randn(25, 6, float64);
        var y = randn(25, float64);
        const double lambda = 0.4, sigma = 0.8;
        using var manual = new ManualTwin.Ridge(zeros(6, float64), lambda, sigma);
        using var twin = new AutogradTwin.Ridge(zeros(6, float64), lambda, sigma);
        var hessian = X.T.matmul(X) / (sigma * sigma) + 2 * lambda * eye(6, dtype: float64);
        var lr = 1 / linalg.eigvalsh(hessian).max().item<double>();
        for (var t = 0; t < 3000; t++)
        {
            using var step = NewDisposeScope();
            manual.Step(DataGradient(manual, X, y), lr);
            GradientDescent.Step(() => twin.Loss(X, y), lr, twin.theta);
        }
        TensorAssert.Close("manual vs autograd GD", manual.theta, twin.theta, Tolerance.Float64);
        TensorAssert.Close("GD limit", manual.theta, ManualTwin.Ridge.Solve(X, y, lambda, sigma), new Tolerance(1e-10, 1e-8, "converged GD"));
    }

    [Fact]
    public void NegativeLambdaIsRejectedWithTheRule()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTwin.Ridge(zeros(3, float64), -1));
        Assert.Contains(">= 0", e.Message);
    }

    // The data term's gradients (SquaredError, divisor 2σ², through the model's Backward); Step adds the penalty's 2λθ.
    private static ManualTwin.Ridge.Gradients DataGradient(ManualTwin.Ridge model, Tensor X, Tensor y)
    {
        var (f, cache) = model.Forward(X);
        var (_, lossCache) = ManualTwin.SquaredError.Forward(f, y, 2 * model.sigma * model.sigma);
        return model.Backward(ManualTwin.SquaredError.Backward(ones([], f.dtype), lossCache), cache);
    }
}
