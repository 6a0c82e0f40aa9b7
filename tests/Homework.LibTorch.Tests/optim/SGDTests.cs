// optim.SGD: the update rule worked by hand, 5 steps against PyTorch, and memory in a long loop.
// The PyTorch run is fixtures/nn/sgd_train.json (make_fixtures.py).
using Homework.TestSupport;

namespace Homework.Binding.Tests.optim;

public class SGDTests
{
    // loss = sum(p²) gives g = 2p. With lr 0.1, momentum 0.9, weight decay 0.5:
    // step 1: g = 2p + 0.5p = 2.5p, b = g, p1 = p - 0.1·2.5p = 0.75p.
    // step 2: g = 2.5·p1 = 1.875p, b = 0.9·2.5p + 1.875p = 4.125p, p2 = 0.75p - 0.4125p = 0.3375p.
    [Fact]
    public void TwoMomentumStepsFollowPyTorchsRuleWorkedByHand()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(tensor(new double[] { 1, -2 }));
        using var opt = torch.optim.SGD([p], learningRate: 0.1, momentum: 0.9, weight_decay: 0.5);
        for (var i = 0; i < 2; i++)
        {
            opt.zero_grad();
            p.square().sum().backward();
            opt.step();
        }
        TensorAssert.Close("p after 2 steps", p, tensor(new double[] { 0.3375, -0.675 }), Tolerance.Float64);
        TensorAssert.Close("momentum buffer", opt.momentum_buffer(0)!, tensor(new double[] { 4.125, -8.25 }), Tolerance.Float64);
    }
}

public class SGDTrainingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void FiveMomentumStepsOnATinyNetworkEndAtPyTorchsWeights()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("sgd_train.json");
        using var net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        net.load_state_dict(NnFixture.ToStateDict(f.GetProperty("initial")));
        using var opt = torch.optim.SGD(net.parameters(), learningRate: f.GetProperty("lr").GetDouble(),
            momentum: f.GetProperty("momentum").GetDouble(), weight_decay: f.GetProperty("weight_decay").GetDouble());
        var xs = NnFixture.ToTensor(f.GetProperty("x"));
        var ys = NnFixture.ToTensor(f.GetProperty("y"));
        var losses = f.GetProperty("losses").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        for (var i = 0; i < 5; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            var loss = torch.nn.functional.cross_entropy(net.call(xs[i]), ys[i]);
            loss.backward();
            opt.step();
            Assert.True(Math.Abs(loss.item<float>() - losses[i]) <= 1e-6, $"loss {i}: {loss.item<float>()} vs PyTorch {losses[i]}");
        }
        var final = NnFixture.ToStateDict(f.GetProperty("final"));
        foreach (var (key, value) in net.state_dict())
        {
            output.WriteLine($"{key}: max |ours - PyTorch| = {TensorAssert.MaxAbsDifference(value, final[key]):g3}");
            TensorAssert.Close(key, value, final[key], Tolerance.Float32Training);
        }
        var buffers = f.GetProperty("momentum_buffers").EnumerateArray().ToArray();
        for (var i = 0; i < buffers.Length; i++)
            TensorAssert.Close($"momentum buffer {i}", opt.momentum_buffer(i)!, NnFixture.ToTensor(buffers[i]), Tolerance.Float32Training);
    }
}

public class SGDMemoryTests
{
    [Fact]
    public void ATrainingLoopLeavesNothingBehindInTheOuterScope()
    {
        using var outer = NewDisposeScope();
        using var net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.BatchNorm1d(8), torch.nn.Linear(8, 2));
        using var opt = torch.optim.SGD(net.parameters(), learningRate: 0.1, momentum: 0.9, weight_decay: 1e-4, nesterov: true);
        for (var i = 0; i < 200; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            torch.nn.functional.cross_entropy(net.call(randn(8, 4)), randint(0, 2, [8])).backward();
            opt.step();
        }
        // Parameters, buffers and momentum buffers belong to no scope; per-step tensors died with theirs.
        Assert.Equal(0, outer.Count);
        Assert.All(Enumerable.Range(0, 4), i => Assert.False(opt.momentum_buffer(i)!.IsInvalid));
    }
}
