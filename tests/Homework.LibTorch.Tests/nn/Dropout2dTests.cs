// nn.Dropout2d: the same seed gives PyTorch's mask (both are libtorch 1.13.1), unbatched input, inplace, eval.
// Whole planes zeroed and survivors scaled by 1/(1-p) is tested on both backends in Homework.Torch.Tests/nn.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class Dropout2dTests
{
    [Fact]
    public void SeededForwardAndGradientMatchPyTorch()
    {
        var f = NnFixture.Load("pool_dropout.json").GetProperty("dropout2d");
        using var layer = torch.nn.Dropout2d(f.GetProperty("p").GetDouble());
        NnReplay.ForwardAndGradient(f, x =>
        {
            torch.manual_seed(f.GetProperty("seed").GetInt64());
            return layer.call(x);
        }, Tolerance.Float64);
    }

    [Fact]
    public void UnbatchedInputDropsChannelsAndEvalIsIdentity()
    {
        using var scope = NewDisposeScope();
        using var layer = torch.nn.Dropout2d(0.5);
        // (C, H, W): a dropped unit is a (H, W) plane, so every plane is constant.
        var y = layer.call(ones([200, 2, 2], float64)).reshape(200, 4).data<double>().ToArray();
        Assert.All(Enumerable.Range(0, 200), i => Assert.Single(y.Skip(4 * i).Take(4).Distinct()));
        layer.eval();
        var x = randn([3, 4, 5, 5], float64);
        TensorAssert.Close("eval", layer.call(x), x, Tolerance.Exact);
    }

    [Fact]
    public void InplaceChangesTheInput()
    {
        using var scope = NewDisposeScope();
        var x = ones([20, 30, 2, 2], float64);
        torch.nn.functional.dropout2d(x, 0.5, inplace: true);
        Assert.Contains(0.0, x.data<double>().ToArray());
    }
}
