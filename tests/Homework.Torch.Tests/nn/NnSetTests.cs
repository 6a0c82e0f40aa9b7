// The common nn set a TorchSharp user expects (MaxPool2d, LogSoftmax, Dropout2d, NLLLoss, CrossEntropyLoss), written
// once against TorchSharp's API and run on both backends, against the PyTorch fixtures of tests/fixtures/nn.
// The binding's own, fuller tests are in Homework.LibTorch.Tests/nn.
using Homework.TestSupport;

namespace Homework.Torch.Tests.nn;

public class NnSetTests
{
    [Fact]
    public void MaxPool2dForwardAndGradientMatchPyTorch()
    {
        using var pool = torch.nn.MaxPool2d(3, stride: 2, padding: 1);
        NnReplay.ForwardAndGradient(NnFixture.Load("pool_dropout.json").GetProperty("max_pool2d").GetProperty("k3s2p1"), pool.call, Tolerance.Float64);
    }

    [Fact]
    public void LogSoftmaxForwardAndGradientMatchPyTorch()
    {
        using var layer = torch.nn.LogSoftmax(1);
        NnReplay.ForwardAndGradient(NnFixture.Load("pool_dropout.json").GetProperty("log_softmax").GetProperty("rows"), layer.call, Tolerance.Float64);
    }

    [Fact]
    public void Dropout2dZeroesWholeChannelsWhileTrainingOnly()
    {
        using var scope = NewDisposeScope();
        using var layer = torch.nn.Dropout2d(0.25);
        var y = layer.call(ones([50, 40, 3, 3], float64)).reshape(2000, 9).data<double>().ToArray();
        var planes = Enumerable.Range(0, 2000).Select(i => y.Skip(9 * i).Take(9).Distinct().ToArray()).ToArray();
        Assert.All(planes, p => Assert.True(p.Length == 1 && (p[0] == 0 || Math.Abs(p[0] - 1 / 0.75) < 1e-12), $"plane [{string.Join(", ", p)}] is neither all 0 nor all 1/(1-p)"));
        Assert.InRange(planes.Count(p => p[0] == 0), 420, 580); // Binomial(2000, 0.25): mean 500, sd 19.4
        layer.eval();
        var x = randn([2, 3, 4, 4], float64);
        TensorAssert.Close("eval", layer.call(x), x, Tolerance.Exact);
    }

    [Theory]
    [InlineData("nll_sum_weighted")]
    [InlineData("ce_ignore2_weighted")]
    public void LossModulesMatchPyTorch(string name)
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("losses.json");
        var expected = f.GetProperty("cases").GetProperty(name);
        var z = f.GetProperty("z").ToTensor().requires_grad_();
        var labels = f.GetProperty("labels").ToTensor();
        var weight = f.GetProperty("weight").ToTensor();
        var loss = name == "nll_sum_weighted"
            ? torch.nn.NLLLoss(weight, torch.nn.Reduction.Sum).call(torch.nn.functional.log_softmax(z, 1), labels)
            : torch.nn.CrossEntropyLoss(weight, ignore_index: 2).call(z, labels);
        loss.backward();
        TensorAssert.Close("loss", loss, expected.GetProperty("loss").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("dz", z.grad!, expected.GetProperty("dz").ToTensor(), Tolerance.Float64);
    }
}
