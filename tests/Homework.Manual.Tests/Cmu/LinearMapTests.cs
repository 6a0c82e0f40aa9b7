// Tests of the CMU LinearMap twins: gradients three ways, the template's initialisation, 003 §1.3's momentum rule.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Cmu;
using Homework.TestSupport;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Manual.Tests.Cmu;

public class LinearMapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new LinearMapCheck(), seed);

    [Fact]
    public void ManualPathRequiresNoGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var layer = new LinearMap(4, 3, alpha: 0.4, ScalarType.Float64);
        var (y, cache) = layer.Forward(randn(4, 5, float64));
        var grads = layer.Backward(ones_like(y), cache);
        layer.Step(grads, 0.1);
        TwinAssert.NoGrad(layer, y, cache, grads);
    }

    [Fact]
    public void TemplateInitialisationIsBoundedUniformAndZeroBias()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var layer = new LinearMap(300, 100, dtype: ScalarType.Float64);
        var bound = Math.Sqrt(6) / Math.Sqrt(400);
        Assert.InRange(layer.W.abs().max().item<double>(), 0.9 * bound, bound);
        Assert.Equal(0, layer.b.abs().sum().item<double>());
    }

    [Fact]
    public void MomentumWithAConstantGradientFollowsTheGeometricSeries()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        const double alpha = 0.4, lr = 0.1;
        const int steps = 6;
        var layer = new LinearMap(3, 2, alpha, ScalarType.Float64);
        var w0 = layer.W.clone();
        var b0 = layer.b.clone();
        var g = new LinearMap.Gradients(zeros(3, 1, float64), randn(2, 3, float64), randn(2, 1, float64));
        for (var t = 0; t < steps; t++) layer.Step(g, lr);
        // G_M after s steps is G (1 - α^s) / (1 - α) (003 §1.3 from G_M = 0), so W_t = W_0 - lr G Σ_s (1 - α^s)/(1 - α)
        var total = Enumerable.Range(1, steps).Sum(s => (1 - Math.Pow(alpha, s)) / (1 - alpha));
        TensorAssert.Close("W after 6 momentum steps", layer.W, w0 - lr * total * g.dW, Tolerance.Float64);
        TensorAssert.Close("b after 6 momentum steps", layer.b, b0 - lr * total * g.db, Tolerance.Float64);
    }

    [Fact]
    public void ManualMomentumMatchesTorchSgdWithMomentum()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        const double alpha = 0.4, lr = 0.05;
        var manual = new LinearMap(3, 2, alpha, ScalarType.Float64);
        using var twin = new TorchCmu.LinearMap(3, 2, ScalarType.Float64);
        using (no_grad())
        {
            twin.weight.copy_(manual.W);
            twin.bias.copy_(manual.b.squeeze(1));
        }
        using var sgd = TorchCmu.LinearMap.Optimizer(twin.parameters(), alpha, lr);
        for (var t = 0; t < 5; t++)
        {
            var g = new LinearMap.Gradients(zeros(3, 1, float64), randn(2, 3, float64), randn(2, 1, float64));
            manual.Step(g, lr);
            twin.weight.grad = g.dW.clone();
            twin.bias.grad = g.db.squeeze(1).clone();
            sgd.step();
        }
        TensorAssert.Close("W", twin.weight.detach(), manual.W, Tolerance.Float64);
        TensorAssert.Close("b", twin.bias.detach(), manual.b.squeeze(1), Tolerance.Float64);
    }

    [Fact]
    public void RowMajorInputNamesTheFix()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => new LinearMap(4, 3).Forward(zeros(5, 4)));
        Assert.Contains("transpose", e.Message);
    }
}
