// Tests of the CMU SoftmaxCrossEntropyLoss twins on (classes, batch) columns: gradients three ways, batch mean.
// Not the row-layout loss (Models/SoftmaxCrossEntropyTests.cs).
using Homework.GradCheck.Checks;
using Homework.Manual.Cmu;

namespace Homework.Manual.Tests.Cmu;

public class SoftmaxCrossEntropyLossTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SoftmaxCrossEntropyLossCheck(), seed);

    [Fact]
    public void ManualPathRequiresNoGrad()
    {
        using var scope = NewDisposeScope();
        var (loss, cache) = SoftmaxCrossEntropyLoss.Forward(randn(4, 3, float64), torch.nn.functional.one_hot(tensor(new long[] { 0, 3, 1 }), 4).to(float64).T);
        TwinAssert.NoGrad(loss, cache, SoftmaxCrossEntropyLoss.Backward(ones_like(loss), cache));
    }

    [Fact]
    public void TheLossIsAMeanOverColumnsNotASum()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        var column = randn(4, 1, float64);
        var label = torch.nn.functional.one_hot(tensor(new long[] { 2 }), 4).to(float64).T;       // (4, 1)
        var one = SoftmaxCrossEntropyLoss.Forward(column, label).loss.item<double>();
        var five = SoftmaxCrossEntropyLoss.Forward(column.expand(4, 5), label.expand(4, 5)).loss.item<double>();
        Assert.Equal(one, five, 1e-14);
        // 003 eq. (16) for one column: -log p_2
        Assert.Equal(-column.log_softmax(0)[2, 0].item<double>(), one, 1e-14);
    }
}
