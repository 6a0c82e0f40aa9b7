// Tests of the CMU TwoLayerMLP twins: gradients three ways with fixed dropout masks, and inference twin vs manual.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Cmu;
using Homework.TestSupport;
using Twin = Homework.Torch.Cmu.TwoLayerMLP;

namespace Homework.Manual.Tests.Cmu;

public class TwoLayerMLPTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new TwoLayerMLPCheck(), seed);

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
        using var twin = new Twin(5, 3, (6, 4), p, ScalarType.Float64);
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
