// Tests of the QuadraticModel twins (000 Q1(e-g)): gradients three ways, no autograd on the manual path, SGD parity,
// and the linear-to-quadratic zero-cost mapping of Q1(e). Not the GD/SGD experiment itself.
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class QuadraticModelTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new QuadraticModelCheck(), seed);

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var X = randn(5, 4, float64);
        var y = randn(5, float64);
        using var model = new ManualTwin.QuadraticModel(4, 0.1);
        var (f, cache) = model.Forward(X);
        var g = model.Backward(randn(5, float64), cache);
        var (dtheta, dphi) = model.LossGradient(X, y);
        Step(model, X, y, 0.08);
        TwinAssert.NoGrad(model.theta, model.phi, f, cache, g, dtheta, dphi, model.Loss(X, y));
    }

    [Fact]
    public void GradientDescentStepsOfBothTwinsFollowOneTrajectory()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var X = randn(8, 6, float64);
        var y = randn(8, float64);
        using var manual = new ManualTwin.QuadraticModel(6, 0.1);
        using var twin = new AutogradTwin.QuadraticModel(6, 0.1);
        using var sgd = optim.SGD(twin.parameters(), 0.08);
        for (var step = 0; step < 20; step++)
        {
            var batch = arange(step % 8, step % 8 + 1);
            Step(manual, X.index_select(0, batch), y.index_select(0, batch), 0.08);
            sgd.zero_grad();
            twin.Loss(X.index_select(0, batch), y.index_select(0, batch)).backward();
            sgd.step();
        }
        TensorAssert.Close("theta after 20 SGD steps", manual.theta, twin.theta, Tolerance.Float64);
        TensorAssert.Close("phi after 20 SGD steps", manual.phi, twin.phi, Tolerance.Float64);
    }

    [Fact]
    public void LinearZeroCostSolutionMapsToAZeroCostQuadraticModel()
    {
        // Q1(e): beta = theta^2 − phi^2 with theta = sqrt(max(beta, 0)), phi = sqrt(max(−beta, 0)).
        using var scope = NewDisposeScope();
        manual_seed(11);
        var X = randn(5, 12, float64);
        var y = randn(5, float64);
        var beta = ManualTwin.LeastSquares.MinNormSolution(X, y);
        using var model = new ManualTwin.QuadraticModel(beta.clamp(min: 0).sqrt(), (-beta).clamp(min: 0).sqrt());
        Assert.True(model.Loss(X, y).item<double>() < 1e-28);
        TensorAssert.Close("f(X) = y", model.Forward(X).y, y, Tolerance.Float64);
    }

    // One gradient step on J = Σ r² / (4n) through the contract: SquaredError's backward, the model's Backward and Step.
    private static void Step(ManualTwin.QuadraticModel model, Tensor X, Tensor y, double lr)
    {
        using var scope = NewDisposeScope();
        var (f, cache) = model.Forward(X);
        var (_, lossCache) = ManualTwin.SquaredError.Forward(f, y, 4.0 * X.size(0));
        model.Step(model.Backward(ManualTwin.SquaredError.Backward(ones([], f.dtype), lossCache), cache), lr);
    }
}
