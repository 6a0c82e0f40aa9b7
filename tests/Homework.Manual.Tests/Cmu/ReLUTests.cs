// Tests of the CMU ReLU-with-dropout twins: gradients three ways, and 003 §1.4's train (mask, no rescale) and inference (x(1-p)) rules.
// The mask statistics are checked to 4 standard errors with a fixed seed.
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Manual.Tests.Cmu;

public class ReLUTests
{
    private const double P = 0.3;
    private const double StandardErrors = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ManualAgreesWithAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new ReLUCheck(), seed);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ManualPathRequiresNoGrad(bool train)
    {
        using var scope = NewDisposeScope();
        var relu = new ManualCmu.ReLU(P);
        var (y, cache) = relu.Forward(randn(4, 5, float64), train);
        TwinAssert.NoGrad(y, cache, relu.Backward(ones_like(y), cache));
    }

    // 003 §1.4 in training: each unit is dropped with probability p, survivors are NOT rescaled.
    private static void AssertMaskedNotRescaled(string who, torch.Tensor x, torch.Tensor y)
    {
        var kept = y.ne(0);
        TensorAssert.Close($"{who}: survivors equal max(0, x)", y.masked_select(kept), x.masked_select(kept), Tolerance.Float64);
        var n = (double)x.numel();
        var dropped = 1 - kept.to(float64).sum().item<double>() / n;
        var se = Math.Sqrt(P * (1 - P) / n);
        Assert.True(Math.Abs(dropped - P) <= StandardErrors * se, $"{who}: dropped {dropped:f5} of units, expected {P} ± {StandardErrors * se:f5}");
    }

    [Fact]
    public void TrainingMasksWithProbabilityPWithoutRescaling()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var x = rand(200, 500, float64) + 0.5;                                 // positive: max(0, x) = x
        AssertMaskedNotRescaled("manual", x, new ManualCmu.ReLU(P).Forward(x, train: true).y);
        using var twin = new TorchCmu.ReLU(P);
        AssertMaskedNotRescaled("autograd twin", x, twin.forward(x));
    }

    [Fact]
    public void InferenceScalesByOneMinusP()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var x = randn(6, 7, float64);
        var expected = x.clamp(min: 0) * (1 - P);
        TensorAssert.Close("manual", new ManualCmu.ReLU(P).Forward(x, train: false).y, expected, Tolerance.Exact);
        using var twin = new TorchCmu.ReLU(P);
        twin.eval();
        TensorAssert.Close("autograd twin", twin.forward(x), expected, Tolerance.Float64);
    }
}
