// Tests of the softmax regression twins (002 and 004 forms): gradients three ways, the unpenalised bias, zero init.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Models;

public class SoftmaxRegressionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SoftmaxRegressionCheck(), seed);

    [Theory]
    [InlineData(BiasLayout.Separate)]
    [InlineData(BiasLayout.Trick)]
    public void ManualPathRequiresNoGrad(BiasLayout layout)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var model = new SoftmaxRegression(randn(layout == BiasLayout.Trick ? 4 : 3, 5, float64), layout == BiasLayout.Trick ? null : randn(5, float64), 0.1);
        var (loss, cache) = model.Forward(randn(6, 3, float64), torch.nn.functional.one_hot(randint(5, [6]), 5).to(float64));
        TwinAssert.NoGrad(model, loss, cache, model.Backward(ones_like(loss), cache));
    }

    [Theory]
    [InlineData(BiasLayout.Separate)]
    [InlineData(BiasLayout.Trick)]
    public void ThePenaltyNeverReachesTheBias(BiasLayout layout)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var trick = layout == BiasLayout.Trick;
        var w = randn(trick ? 4 : 3, 5, float64);
        var b = trick ? null : randn(5, float64);
        var x = randn(6, 3, float64);
        var y = torch.nn.functional.one_hot(randint(5, [6]), 5).to(float64);
        SoftmaxRegression.Gradients Grads(double l2)
        {
            var model = new SoftmaxRegression(w, b, l2);
            var (loss, cache) = model.Forward(x, y);
            return model.Backward(ones_like(loss), cache);
        }
        var plain = Grads(0);
        var penalised = Grads(0.7);
        // weights move by exactly 2cW (004 eq. (28)); the bias (b, or the trick's last row) does not move
        var weights = trick ? w.narrow(0, 0, 3) : w;
        var dWeights = (trick ? penalised.dW.narrow(0, 0, 3) : penalised.dW) - (trick ? plain.dW.narrow(0, 0, 3) : plain.dW);
        TensorAssert.Close("penalty gradient on the weights", dWeights, 1.4 * weights, Tolerance.Float64);
        if (trick) TensorAssert.Close("bias row", penalised.dW.narrow(0, 3, 1), plain.dW.narrow(0, 3, 1), Tolerance.Exact);
        else TensorAssert.Close("db", penalised.db!, plain.db!, Tolerance.Exact);
    }

    [Fact]
    public void ZeroWeightsCostLogKAndAPenaltyOfZero()
    {
        using var scope = NewDisposeScope();
        var model = SoftmaxRegression.Zeros(784, 10, BiasLayout.Trick, l2: 1.0, ScalarType.Float64);
        Assert.Equal([785L, 10L], model.W.shape);                          // 004 Task 3b: 785 x 10
        var (loss, _) = model.Forward(randn(4, 784, float64), torch.nn.functional.one_hot(tensor(new long[] { 1, 2, 3, 4 }), 10).to(float64));
        Assert.Equal(Math.Log(10), loss.item<double>(), 1e-14);
    }
}
