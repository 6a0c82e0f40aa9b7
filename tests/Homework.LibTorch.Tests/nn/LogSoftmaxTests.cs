// nn.LogSoftmax forward and gradient against PyTorch (fixtures/nn/pool_dropout.json), along the last and the first dim.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class LogSoftmaxTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("rows")]
    [InlineData("dim0")]
    public void ForwardAndGradientMatchPyTorch(string name)
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("pool_dropout.json").GetProperty("log_softmax").GetProperty(name);
        using var layer = torch.nn.LogSoftmax(f.GetProperty("dim").GetInt64());
        var x = f.GetProperty("x").ToTensor().requires_grad_();
        var y = layer.call(x);
        (y * f.GetProperty("dy").ToTensor()).sum().backward();
        output.WriteLine($"{name}: max |y - PyTorch| = {TensorAssert.MaxAbsDifference(y, f.GetProperty("y").ToTensor()):g3}, " +
            $"max |dx - PyTorch| = {TensorAssert.MaxAbsDifference(x.grad!, f.GetProperty("dx").ToTensor()):g3}");
        TensorAssert.Close($"{name} y", y, f.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close($"{name} dx", x.grad!, f.GetProperty("dx").ToTensor(), Tolerance.Float64);
    }
}
