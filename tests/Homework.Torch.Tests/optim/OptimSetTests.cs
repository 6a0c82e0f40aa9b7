// optim.Adam under optim.lr_scheduler.StepLR, written once against TorchSharp's API and run on both backends:
// 6 steps on a tiny network against PyTorch 1.13 (tests/fixtures/nn/adam_steplr.json). The binding's own tests,
// which also compare the moments, are in Homework.LibTorch.Tests/optim.
using Homework.TestSupport;

namespace Homework.Torch.Tests.optim;

public class OptimSetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void AdamUnderStepLRFollowsPyTorchsRatesLossesAndWeights()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("adam_steplr.json");
        var r = f.GetProperty("runs").GetProperty("plain");
        using var net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        net.load_state_dict(f.GetProperty("initial").ToStateDict());
        var betas = f.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        using torch.optim.Optimizer opt = torch.optim.Adam(net.parameters(), f.GetProperty("lr").GetDouble(), betas[0], betas[1],
            f.GetProperty("eps").GetDouble(), f.GetProperty("weight_decay").GetDouble());
        var scheduler = torch.optim.lr_scheduler.StepLR(opt, f.GetProperty("step_size").GetInt32(), f.GetProperty("gamma").GetDouble());
        var xs = f.GetProperty("x").ToTensor();
        var ys = f.GetProperty("y").ToTensor();
        var losses = r.GetProperty("losses").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        var lrs = r.GetProperty("lrs").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        for (var i = 0; i < losses.Length; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            var loss = torch.nn.functional.cross_entropy(net.call(xs[i]), ys[i]);
            loss.backward();
            Assert.Equal(lrs[i], opt.ParamGroups.Single().LearningRate);
            opt.step();
            scheduler.step();
            Assert.True(Math.Abs(loss.item<float>() - losses[i]) <= 1e-6, $"loss {i}: {loss.item<float>()} vs PyTorch {losses[i]}");
        }
        var final = r.GetProperty("final").ToStateDict();
        foreach (var (key, value) in net.state_dict())
        {
            output.WriteLine($"{key}: max |ours - PyTorch| = {TensorAssert.MaxAbsDifference(value, final[key]):g3}");
            TensorAssert.Close(key, value, final[key], Tolerance.Float32Training);
        }
    }
}
