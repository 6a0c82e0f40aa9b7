// Tests of the logistic regression twins (004, 002, 001 forms): gradients three ways, sum vs mean, saturation.
// Not a training test.
using Homework.Common;
using Homework.GradCheck.Checks;
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Models;

public class LogisticRegressionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new LogisticRegressionCheck(), seed);

    [Theory]
    [InlineData(BiasLayout.Separate, nn.Reduction.Mean)]
    [InlineData(BiasLayout.Trick, nn.Reduction.Sum)]
    public void ManualPathRequiresNoGrad(BiasLayout layout, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var trick = layout == BiasLayout.Trick;
        using var model = new LogisticRegression(randn(trick ? 4 : 3, float64), trick ? null : tensor(0.3, float64), reduction, l2: 0.1);
        var (loss, g) = Cost(model, randn(5, 3, float64), randint(2, [5]).to(float64));
        TwinAssert.NoGrad(model, loss, g);
    }

    [Fact]
    public void SumIsNTimesMean()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var w = randn(4, float64);
        var x = randn(9, 3, float64);
        var y = randint(2, [9]).to(float64);
        LogisticRegression.Gradients Grads(nn.Reduction r)
        {
            using var model = new LogisticRegression(w, null, r);
            return Cost(model, x, y).g;
        }
        TensorAssert.Close("dw (sum) vs 9 dw (mean)", Grads(nn.Reduction.Sum).dw, 9 * Grads(nn.Reduction.Mean).dw, Tolerance.Float64);
    }

    [Theory]
    [InlineData(BiasLayout.Separate, nn.Reduction.Mean)]
    [InlineData(BiasLayout.Trick, nn.Reduction.Sum)]
    public void StepMovesTheParametersAgainstBackwardsGradient(BiasLayout layout, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        var trick = layout == BiasLayout.Trick;
        var w = randn(trick ? 4 : 3, float64);
        var b = trick ? null : tensor(0.4, float64);
        var x = randn(5, 3, float64);
        var y = randint(2, [5]).to(float64);
        using var model = new LogisticRegression(w, b, reduction, l2: 0.1);
        var (_, g) = Cost(model, x, y);
        var (z, cache) = model.Forward(x);
        model.Step(model.Backward(LogLoss.Backward(ones([], float64), LogLoss.Forward(z, y, reduction).cache), cache), 0.25);
        // Step adds the penalty's gradient itself: the step is along the whole cost's gradient.
        TensorAssert.Close("w after a step", model.w, w - 0.25 * g.dw, Tolerance.Float64);
        if (b is not null) TensorAssert.Close("b after a step", model.b!, b - 0.25 * g.db!, Tolerance.Float64);
        TensorAssert.Close("logits", model.Forward(x).y, cache.Inputs.matmul(model.w) + (b is null ? tensor(0.0, float64) : model.b!), Tolerance.Float64);
    }

    [Fact]
    public void ZeroWeightsPredictOneHalfAndCostLog2()
    {
        using var scope = NewDisposeScope();
        using var model = LogisticRegression.Zeros(784, BiasLayout.Trick, dtype: ScalarType.Float64);
        Assert.Equal([785L], model.w.shape);                                  // 004 Task 2b: 785 x 1
        var (loss, cache) = LogLoss.Forward(model.Forward(randn(6, 784, float64)).y, tensor(new double[] { 1, 0, 1, 1, 0, 0 }));
        Assert.Equal(Math.Log(2), loss.item<double>(), 1e-14);
        TensorAssert.Close("ŷ", cache.Prediction, full([6], 0.5, float64), Tolerance.Exact);
    }

    [Fact]
    public void ExtremeLogitsGiveFiniteLossAndGradient()
    {
        using var scope = NewDisposeScope();
        // z = ±800: σ saturates in float64, the log-sum-exp form keeps the loss finite (800 for the wrong label)
        using var model = new LogisticRegression(tensor(new double[] { 800 }), tensor(0.0, float64));
        var (loss, g) = Cost(model, tensor(new double[] { 1, -1 }, [2, 1]), tensor(new double[] { 0, 0 }));
        Assert.Equal(400, loss.item<double>(), 1e-9);
        Assert.All(g.dw.data<double>().ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    // The cost C = LogLoss(z) + c ‖w_w‖² and its gradients: the loss's backward through the model's, plus the penalty's.
    private static (Tensor loss, LogisticRegression.Gradients g) Cost(LogisticRegression model, Tensor x, Tensor y)
    {
        var (z, cache) = model.Forward(x);
        var (data, lossCache) = LogLoss.Forward(z, y, model.Reduction);
        var loss = data + model.Penalty();
        var g = model.Backward(LogLoss.Backward(ones_like(loss), lossCache), cache);
        return (loss, g with { dw = g.dw + model.PenaltyGradient(ones_like(loss)) });
    }
}
