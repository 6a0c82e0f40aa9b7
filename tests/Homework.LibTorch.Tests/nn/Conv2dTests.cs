// nn.Conv2d forward and gradients against PyTorch (fixtures/nn/layers.json).
// Float64, so any difference beyond rounding is a real one.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class Conv2dTests
{
    [Fact]
    public void StridedPaddedForwardAndGradientsMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("layers.json").GetProperty("conv2d");
        using var conv = torch.nn.Conv2d(2, 3, 3, stride: 2, padding: 1, dtype: float64);
        conv.load_state_dict(new() { ["weight"] = f.GetProperty("weight").ToTensor(), ["bias"] = f.GetProperty("bias").ToTensor() });
        var x = f.GetProperty("x").ToTensor().requires_grad_();
        var y = conv.call(x);
        (y * f.GetProperty("dy").ToTensor()).sum().backward();
        TensorAssert.Close("y", y, f.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dW", conv.weight.grad!, f.GetProperty("dweight").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("db", conv.bias!.grad!, f.GetProperty("dbias").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dx", x.grad!, f.GetProperty("dx").ToTensor(), Tolerance.Float64);
    }

    [Fact]
    public void OutputSizeFollowsTheFormula()
    {
        using var scope = NewDisposeScope();
        using var conv = torch.nn.Conv2d(1, 4, 5, stride: 2, padding: 2);
        // (28 + 2·2 - 5) / 2 + 1 = 14
        Assert.Equal([3L, 4L, 14L, 14L], conv.call(randn(3, 1, 28, 28)).shape);
        Assert.Equal([4L, 1L, 5L, 5L], conv.weight.shape);
    }
}
