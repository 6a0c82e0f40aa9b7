// nn.Dropout2d: the same seed gives PyTorch's mask (both are libtorch 1.13.1), plus the channel-dropout
// properties checked without a fixture: whole planes zeroed, survivors scaled by 1/(1-p), identity in eval.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class Dropout2dTests
{
    [Fact]
    public void SeededForwardAndGradientMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("pool_dropout.json").GetProperty("dropout2d");
        using var layer = torch.nn.Dropout2d(f.GetProperty("p").GetDouble());
        var x = f.GetProperty("x").ToTensor().requires_grad_();
        torch.manual_seed(f.GetProperty("seed").GetInt64());
        var y = layer.call(x);
        (y * f.GetProperty("dy").ToTensor()).sum().backward();
        TensorAssert.Close("y", y, f.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dx", x.grad!, f.GetProperty("dx").ToTensor(), Tolerance.Float64);
    }

    [Fact]
    public void ZeroesWholeChannelsAndScalesTheRest()
    {
        using var scope = NewDisposeScope();
        var y = torch.nn.functional.dropout2d(ones([50, 40, 3, 3], float64), 0.25).reshape(2000, 9).data<double>().ToArray();
        var planes = Enumerable.Range(0, 2000).Select(i => y.Skip(9 * i).Take(9).Distinct().ToArray()).ToArray();
        Assert.All(planes, p => Assert.True(p.Length == 1 && (p[0] == 0 || Math.Abs(p[0] - 1 / 0.75) < 1e-12), $"plane [{string.Join(", ", p)}] is neither all 0 nor all 1/(1-p)"));
        Assert.InRange(planes.Count(p => p[0] == 0), 420, 580); // Binomial(2000, 0.25): mean 500, sd 19.4
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
