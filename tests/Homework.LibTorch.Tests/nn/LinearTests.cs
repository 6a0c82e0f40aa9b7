// nn.Linear against PyTorch (fixtures/nn/layers.json, init.json) and its initialisation bounds.
// Tolerances are the shared TensorAssert ones.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class LinearTests
{
    [Fact]
    public void ForwardAndGradientsMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("layers.json").GetProperty("linear");
        using var fc = torch.nn.Linear(3, 4, dtype: float64);
        fc.load_state_dict(new() { ["weight"] = f.GetProperty("weight").ToTensor(), ["bias"] = f.GetProperty("bias").ToTensor() });
        var x = f.GetProperty("x").ToTensor().requires_grad_();
        var y = fc.call(x);
        (y * f.GetProperty("dy").ToTensor()).sum().backward();
        TensorAssert.Close("y", y, f.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dW", fc.weight.grad!, f.GetProperty("dweight").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("db", fc.bias!.grad!, f.GetProperty("dbias").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dx", x.grad!, f.GetProperty("dx").ToTensor(), Tolerance.Float64);
    }

    [Fact]
    public void DefaultInitialisationStaysWithinPyTorchsBounds()
    {
        using var fc = torch.nn.Linear(100, 50);
        var bound = 1 / Math.Sqrt(100); // kaiming_uniform(a=√5) gives exactly 1/√fan_in for the weight as well
        Assert.All(fc.weight.data<float>(), w => Assert.InRange(w, -bound, bound));
        Assert.All(fc.bias!.data<float>(), b => Assert.InRange(b, -bound, bound));
        Assert.True(fc.weight.data<float>().Max() > 0.9 * bound, "5000 draws should come near the bound");
    }

    [Fact]
    public void NoBiasMeansNoBiasKey()
    {
        using var fc = torch.nn.Linear(3, 2, hasBias: false);
        Assert.Null(fc.bias);
        Assert.Equal(["weight"], fc.state_dict().Keys);
    }
}

[Collection(ProcessWideCollection.Name)]
public class DefaultInitialisationTests
{
    // Same generator (libtorch's mt19937), same draw order (weight, then bias), same bounds: same numbers.
    [Fact]
    public void ASeedGivesPyTorchsInitialWeights()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("init.json");
        manual_seed(f.GetProperty("seed").GetInt64());
        using var fc = torch.nn.Linear(5, 3);
        using var conv = torch.nn.Conv2d(2, 4, 3);
        TensorAssert.Close("Linear.weight", fc.weight, f.GetProperty("linear").GetProperty("weight").ToTensor(), Tolerance.Exact);
        TensorAssert.Close("Linear.bias", fc.bias!, f.GetProperty("linear").GetProperty("bias").ToTensor(), Tolerance.Exact);
        TensorAssert.Close("Conv2d.weight", conv.weight, f.GetProperty("conv2d").GetProperty("weight").ToTensor(), Tolerance.Exact);
        TensorAssert.Close("Conv2d.bias", conv.bias!, f.GetProperty("conv2d").GetProperty("bias").ToTensor(), Tolerance.Exact);
    }
}
