// Tests of the CMU SingleLayerMLP twins: gradients three ways with a fixed dropout mask, and inference by 003 §1.4.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Cmu;
using Homework.TestSupport;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Manual.Tests.Cmu;

public class SingleLayerMLPTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SingleLayerMLPCheck(), seed);

    [Fact]
    public void ManualPathRequiresNoGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(15);
        var mlp = new SingleLayerMLP(5, 3, 6, alpha: 0.4, dropoutProbability: 0.2, ScalarType.Float64);
        var (logits, cache) = mlp.Forward(randn(5, 4, float64));
        var grads = mlp.Backward(ones_like(logits), cache);
        mlp.Step(grads, 0.1);
        TwinAssert.NoGrad(mlp, logits, cache, grads);
    }

    [Fact]
    public void InferenceMatchesTheTwinAndTheHomeworkRule()
    {
        using var scope = NewDisposeScope();
        manual_seed(16);
        const double p = 0.2;
        var mlp = new SingleLayerMLP(5, 3, 6, dropoutProbability: p, dtype: ScalarType.Float64);
        var x = randn(5, 4, float64);
        var manual = mlp.Forward(x, train: false).logits;
        // 003 §1.4 at inference: hidden units times (1 - p), no mask
        var expected = mlp.Layer1.W.matmul((mlp.Layer0.W.matmul(x) + mlp.Layer0.b).clamp(min: 0) * (1 - p)) + mlp.Layer1.b;
        TensorAssert.Close("manual inference", manual, expected, Tolerance.Float64);
        using var twin = new TorchCmu.SingleLayerMLP(5, 3, 6, p, ScalarType.Float64);
        using (no_grad())
        {
            twin.layer0.weight.copy_(mlp.Layer0.W); twin.layer0.bias.copy_(mlp.Layer0.b.squeeze(1));
            twin.layer1.weight.copy_(mlp.Layer1.W); twin.layer1.bias.copy_(mlp.Layer1.b.squeeze(1));
        }
        twin.eval();
        TensorAssert.Close("twin inference", twin.forward(x).detach(), manual, Tolerance.Float64);
    }
}
