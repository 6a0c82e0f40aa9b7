// Tests of the BatchNorm twins (001 Q6): every named gradient three ways (eps 0 and 1e-5), normalization and
// invariance facts of the input gradient, and agreement with nn.BatchNorm1d. Not running statistics.
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class BatchNormTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new BatchNormCheck(), seed);

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var bn = new ManualModels.BatchNorm(randn(4, float64), randn(4, float64), 0);
        var (y, cache) = bn.Forward(randn(6, 4, float64));
        var g = bn.Backward(randn(6, 4, float64), cache);
        bn.Step(g, 0.1);
        TwinAssert.NoGrad(bn.gamma, bn.beta, y, cache, g);
    }

    [Fact]
    public void WithEpsZeroEveryFeatureOfXHatHasMeanZeroAndVarianceOne()
    {
        using var scope = NewDisposeScope();
        manual_seed(37);
        using var bn = new ManualModels.BatchNorm(5, eps: 0);
        var (_, cache) = bn.Forward(randn(8, 5, float64) * 3 + 2);
        TensorAssert.Close("mean of x̂", cache.XHat.mean([0]), zeros(5, float64), new Tolerance(1e-14, 0, "float64"));
        TensorAssert.Close("variance of x̂", cache.XHat.pow(2).mean([0]), ones(5, float64), Tolerance.Float64);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-5)]
    public void InputGradientIsOrthogonalToOnesAndToXHat(double eps)
    {
        // y depends on x only through x̂, which is invariant to shifting a feature (Σ_i dx_i = 0) and, for eps = 0,
        // to scaling it (Σ_i dx_i ⊙ x_i = 0, equivalently against x̂); with eps > 0 scaling changes x̂ slightly.
        using var scope = NewDisposeScope();
        manual_seed(41);
        using var bn = new ManualModels.BatchNorm(randn(3, float64), randn(3, float64), eps);
        var (_, cache) = bn.Forward(randn(7, 3, float64));
        var g = bn.Backward(randn(7, 3, float64), cache);
        TensorAssert.Close("Σ_i dL/dx_i", g.X.sum(dim: 0), zeros(3, float64), new Tolerance(1e-13, 0, "float64"));
        if (eps == 0) TensorAssert.Close("Σ_i dL/dx_i ⊙ x̂_i", (g.X * cache.XHat).sum(dim: 0), zeros(3, float64), new Tolerance(1e-13, 0, "float64"));
    }

    [Fact]
    public void ABatchOfOneIsRejectedWithTheReason()
    {
        using var scope = NewDisposeScope();
        using var bn = new ManualModels.BatchNorm(3);
        var e = Assert.Throws<ArgumentException>(() => bn.Forward(randn(1, 3, float64)));
        Assert.Contains("at least 2", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-5)]
    public void ForwardEqualsNnBatchNorm1dInTrainingMode(double eps)
    {
        using var scope = NewDisposeScope();
        manual_seed(43);
        var (gamma, beta, x) = (randn(4, float64), randn(4, float64), randn(9, 4, float64));
        using var manual = new ManualModels.BatchNorm(gamma, beta, eps);
        using var twin = new TorchModels.BatchNorm(4, eps, float64);
        twin.Load(gamma, beta);
        using var noGrad = no_grad();
        TensorAssert.Close("y", manual.Forward(x).y, twin.forward(x), Tolerance.Float64);
    }
}
