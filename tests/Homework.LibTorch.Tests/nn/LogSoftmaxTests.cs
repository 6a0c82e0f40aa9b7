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
        var f = NnFixture.Load("pool_dropout.json").GetProperty("log_softmax").GetProperty(name);
        using var layer = torch.nn.LogSoftmax(f.GetProperty("dim").GetInt64());
        var (y, dx) = NnReplay.ForwardAndGradient(f, layer.call, Tolerance.Float64);
        output.WriteLine($"{name}: max |y - PyTorch| = {y:g3}, max |dx - PyTorch| = {dx:g3}");
    }
}
