// Tests of the 2-3-1 sigmoid network twins (000 Q3(a) / 001 Q5(a)): gradients three ways, the Q3(a) formula for
// w^[1]_{1,2}, and GD parity of the twins. Not the step/linear-activation questions (b)-(c).
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class TwoThreeOneNetworkTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new TwoThreeOneNetworkCheck(), seed);

    private static (Tensor W1, Tensor b1, Tensor w2, Tensor b2) Weights() =>
        (randn(2, 3, float64), randn(3, float64), randn(3, float64), randn(1, float64));

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var (W1, b1, w2, b2) = Weights();
        var X = randn(5, 2, float64);
        var y = randint(2, [5]).to(float64);
        using var model = new ManualTwin.TwoThreeOneNetwork(W1, b1, w2, b2);
        var (o, cache) = model.Forward(X);
        var g = model.Backward(randn(5, float64), cache);
        var gl = LossGradient(model, X, y);
        model.Step(gl, 0.5);
        TwinAssert.NoGrad(model.W1, model.b1, model.w2, model.b2, o, cache, g, gl, model.GradW12(X, y));
    }

    [Fact]
    public void Q3aFormulaIsTheW12EntryOfTheBackpropGradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(29);
        var (W1, b1, w2, b2) = Weights();
        var X = randn(9, 2, float64);
        var y = randint(2, [9]).to(float64);
        using var model = new ManualTwin.TwoThreeOneNetwork(W1, b1, w2, b2);
        TensorAssert.Close("dl/dw^[1]_{1,2}", model.GradW12(X, y), LossGradient(model, X, y).W1[0, 1], Tolerance.Float64);
    }

    [Fact]
    public void GradientDescentStepsOfBothTwinsFollowOneTrajectoryAndLowerTheLoss()
    {
        using var scope = NewDisposeScope();
        manual_seed(31);
        var (W1, b1, w2, b2) = Weights();
        var X = randn(16, 2, float64);
        var y = X.select(1, 0).gt(X.select(1, 1)).to(float64);
        using var manual = new ManualTwin.TwoThreeOneNetwork(W1, b1, w2, b2);
        using var twin = new AutogradTwin.TwoThreeOneNetwork(W1, b1, w2, b2);
        var before = manual.Loss(X, y).item<double>();
        for (var t = 0; t < 200; t++)
        {
            using var step = NewDisposeScope();
            manual.Step(LossGradient(manual, X, y), 1.0);
            GradientDescent.Step(() => twin.Loss(X, y), 1.0, [.. twin.parameters()]);
        }
        TensorAssert.Close("W1", manual.W1, twin.W1, Tolerance.Float64);
        TensorAssert.Close("b2", manual.b2, twin.b2, Tolerance.Float64);
        Assert.True(manual.Loss(X, y).item<double>() < before / 2, "200 GD steps on a linearly separable set should halve the loss");
    }

    // Gradients of l = 1/n Σ (o − y)²: SquaredError (divisor n) backward through the model's Backward.
    private static ManualTwin.TwoThreeOneNetwork.Gradients LossGradient(ManualTwin.TwoThreeOneNetwork model, Tensor X, Tensor y)
    {
        var (o, cache) = model.Forward(X);
        var (_, lossCache) = ManualTwin.SquaredError.Forward(o, y, X.size(0));
        return model.Backward(ManualTwin.SquaredError.Backward(ones([], o.dtype), lossCache), cache);
    }
}
