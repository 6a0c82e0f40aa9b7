// Tests of the softmax regression twins (002 and 004 forms): gradients three ways, the bias row out of and (004 eq. (27))
// in the penalty, zero init, the gradient step.
// Not a training test.
using Homework.Common;
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
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SoftmaxRegressionCheck(withBiasRowPenalty: true), seed);

    [Theory]
    [InlineData(BiasLayout.Separate)]
    [InlineData(BiasLayout.Trick)]
    public void ManualPathRequiresNoGrad(BiasLayout layout)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var model = new SoftmaxRegression(randn(layout == BiasLayout.Trick ? 4 : 3, 5, float64), layout == BiasLayout.Trick ? null : randn(5, float64), 0.1);
        var (loss, g) = Cost(model, randn(6, 3, float64), torch.nn.functional.one_hot(randint(5, [6]), 5).to(float64));
        TwinAssert.NoGrad(model, loss, g);
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
            using var model = new SoftmaxRegression(w, b, l2);
            return Cost(model, x, y).g;
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
    public void PenalisingTheBiasRowAddsExactly2cTimesTheRowToItsGradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var w = randn(4, 5, float64);                                      // 3 inputs + the bias row
        var x = randn(6, 3, float64);
        var y = nn.functional.one_hot(randint(5, [6]), 5).to(float64);
        (double loss, SoftmaxRegression.Gradients g) Run(bool penalise)
        {
            using var model = new SoftmaxRegression(w, null, 0.7) { PenaliseBiasRow = penalise };
            var (loss, g) = Cost(model, x, y);
            return (loss.item<double>(), g);
        }
        var (outLoss, outGrad) = Run(false);
        var (inLoss, inGrad) = Run(true);
        var biasRow = w.narrow(0, 3, 1);
        // 004 eq. (27)-(28): R gains Σ_k b_k², its gradient 2λb on the bias row only
        Assert.Equal(0.7 * biasRow.square().sum().item<double>(), inLoss - outLoss, 1e-12);
        TensorAssert.Close("bias row", inGrad.dW.narrow(0, 3, 1) - outGrad.dW.narrow(0, 3, 1), 1.4 * biasRow, Tolerance.Float64);
        TensorAssert.Close("weight rows", inGrad.dW.narrow(0, 0, 3), outGrad.dW.narrow(0, 0, 3), Tolerance.Exact);
        TensorAssert.Close("dx", inGrad.dx, outGrad.dx, Tolerance.Exact);
    }

    [Fact]
    public void ASeparateBiasCannotBePenalised()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => new SoftmaxRegression(zeros(3, 2, float64), zeros(2, float64), 0.1) { PenaliseBiasRow = true });
        Assert.Contains("bias trick", e.Message);
    }

    [Theory]
    [InlineData(BiasLayout.Separate, false)]
    [InlineData(BiasLayout.Trick, true)]
    public void StepMovesTheParametersAgainstBackwardsGradient(BiasLayout layout, bool penalise)
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var trick = layout == BiasLayout.Trick;
        var w = randn(trick ? 4 : 3, 5, float64);
        var b = trick ? null : randn(5, float64);
        var x = randn(6, 3, float64);
        var y = nn.functional.one_hot(randint(5, [6]), 5).to(float64);
        using var model = new SoftmaxRegression(w, b, 0.2) { PenaliseBiasRow = penalise };
        var (_, g) = Cost(model, x, y);
        var (z, cache) = model.Forward(x);
        model.Step(model.Backward(SoftmaxCrossEntropy.Backward(ones([], float64), SoftmaxCrossEntropy.Forward(z, y).cache), cache), 0.3);
        // Step adds the penalty's gradient itself: the step is along the whole cost's gradient.
        TensorAssert.Close("W after a step", model.W, w - 0.3 * g.dW, Tolerance.Float64);
        if (b is not null) TensorAssert.Close("b after a step", model.b!, b - 0.3 * g.db!, Tolerance.Float64);
        // The bias trick's logits are [x, 1] W, written out here with the column of 1s the model does not copy in.
        var inputs = trick ? cat([x, ones(6, 1, float64)], 1) : x;
        TensorAssert.Close("logits", model.Forward(x).y, inputs.matmul(model.W) + (b is null ? zeros(5, float64) : model.b!), Tolerance.Float64);
    }

    [Fact]
    public void ZeroWeightsCostLogKAndAPenaltyOfZero()
    {
        using var scope = NewDisposeScope();
        using var model = SoftmaxRegression.Zeros(784, 10, BiasLayout.Trick, l2: 1.0, ScalarType.Float64);
        Assert.Equal([785L, 10L], model.W.shape);                          // 004 Task 3b: 785 x 10
        var (loss, _) = Cost(model, randn(4, 784, float64), torch.nn.functional.one_hot(tensor(new long[] { 1, 2, 3, 4 }), 10).to(float64));
        Assert.Equal(Math.Log(10), loss.item<double>(), 1e-14);
    }

    // J = CE(softmax(z)) + c ‖W_p‖² and its gradients: the cross entropy's backward through the model's, plus the penalty's.
    private static (Tensor loss, SoftmaxRegression.Gradients g) Cost(SoftmaxRegression model, Tensor x, Tensor y)
    {
        var (z, cache) = model.Forward(x);
        var (ce, lossCache) = SoftmaxCrossEntropy.Forward(z, y);
        var loss = ce + model.Penalty();
        var g = model.Backward(SoftmaxCrossEntropy.Backward(ones_like(loss), lossCache), cache);
        return (loss, g with { dW = g.dW + model.PenaltyGradient(ones_like(loss)) });
    }
}
