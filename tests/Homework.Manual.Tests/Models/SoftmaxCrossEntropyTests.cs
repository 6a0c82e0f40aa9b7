// Tests of the softmax cross-entropy twins: three-way gradient agreement, no autograd on the manual path, known values.
// Not a training test.
using Homework.GradCheck.Checks;
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Models;

public class SoftmaxCrossEntropyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SoftmaxCrossEntropyCheck(), seed);

    [Fact]
    public void ManualPathRequiresNoGrad()
    {
        using var scope = NewDisposeScope();
        var (loss, cache) = SoftmaxCrossEntropy.Forward(randn(3, 4, float64), torch.nn.functional.one_hot(tensor(new long[] { 0, 3, 1 }), 4).to(float64));
        TwinAssert.NoGrad(loss, cache, SoftmaxCrossEntropy.Backward(ones_like(loss), cache));
    }

    [Fact]
    public void EqualLogitsCostLogK()
    {
        using var scope = NewDisposeScope();
        // every p_k = 1/K, so L = -log(1/K) whatever the labels
        var (loss, cache) = SoftmaxCrossEntropy.Forward(zeros(5, 10, float64), torch.nn.functional.one_hot(tensor(new long[] { 0, 9, 3, 3, 7 }), 10).to(float64));
        Assert.Equal(Math.Log(10), loss.item<double>(), 1e-14);
        // ∂L/∂z = (1/K - y)/N
        var expected = (full([5, 10], 0.1, float64) - cache.Targets) / 5;
        TensorAssert.Close("dZ at equal logits", SoftmaxCrossEntropy.Backward(ones_like(loss), cache), expected, Tolerance.Float64);
    }

    [Fact]
    public void MismatchedShapesNameTheFix()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Forward(zeros(5, 10, float64), tensor(new long[] { 1, 2, 3, 4, 5 })));
        Assert.Contains("one_hot", e.Message);
    }
}
