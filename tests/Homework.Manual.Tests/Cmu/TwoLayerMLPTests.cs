// Tests of the CMU TwoLayerMLP twins: gradients three ways with fixed dropout masks, and inference twin vs manual.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Cmu;
using Homework.TestSupport;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Manual.Tests.Cmu;

public class TwoLayerMLPTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new TwoLayerMLPCheck(), seed);

    // A trainer turns the input gradient off: the first layer's dx GEMM is skipped, and nothing else changes.
    [Fact]
    public void WithoutTheInputGradientTheParameterGradientsAreTheSame()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var mlp = new TwoLayerMLP(5, 3, (6, 4), alpha: 0.4, dtype: ScalarType.Float64);
        var x = randn(5, 4, float64);
        var (logits, cache) = mlp.Forward(x, train: false);
        var dlogits = randn_like(logits);
        var all = mlp.Named(mlp.Backward(dlogits, cache));
        mlp.InputGradient = false;
        var grads = mlp.Backward(dlogits, cache);
        Assert.Null(grads.dx);
        foreach (var (name, g) in mlp.Named(grads)) TensorAssert.Close(name, g, all[name], Tolerance.Exact);
    }

    [Fact]
    public void ManualPathRequiresNoGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(17);
        var mlp = new TwoLayerMLP(5, 3, (6, 4), alpha: 0.4, dropoutProbability: 0.2, ScalarType.Float64);
        var (logits, cache) = mlp.Forward(randn(5, 4, float64));
        var grads = mlp.Backward(ones_like(logits), cache);
        mlp.Step(grads, 0.1);
        TwinAssert.NoGrad(mlp, logits, cache, grads);
    }

    [Fact]
    public void InferenceMatchesTheTwin()
    {
        using var scope = NewDisposeScope();
        manual_seed(18);
        const double p = 0.2;
        var mlp = new TwoLayerMLP(5, 3, (6, 4), dropoutProbability: p, dtype: ScalarType.Float64);
        var x = randn(5, 4, float64);
        using var twin = new TorchCmu.TwoLayerMLP(5, 3, (6, 4), p, ScalarType.Float64);
        using (no_grad())
        {
            foreach (var (m, t) in new[] { (mlp.Layer0, twin.layer0), (mlp.Layer1, twin.layer1), (mlp.Layer2, twin.layer2) })
            {
                t.weight.copy_(m.W);
                t.bias.copy_(m.b.squeeze(1));
            }
        }
        twin.eval();
        TensorAssert.Close("twin vs manual inference", twin.forward(x).detach(), mlp.Forward(x, train: false).logits, Tolerance.Float64);
    }
}
