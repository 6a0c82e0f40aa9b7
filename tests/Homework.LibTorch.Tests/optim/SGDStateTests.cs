// optim.SGD's own state file (.optim.dat sidecar): hyperparameters and momentum buffers, saved and refused exactly.
using Homework.Checkpoints;
using Homework.TestSupport;

namespace Homework.Binding.Tests.optim;

public sealed class SGDStateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-sgd-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Net() =>
        torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(8, 3));

    private static SGD Optimizer(Sequential net) => torch.optim.SGD(net.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);

    private static void Steps(Sequential net, SGD opt, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            torch.nn.functional.cross_entropy(net.call(randn(16, 4)), randint(0, 3, [16])).backward();
            opt.step();
        }
    }

    [Fact]
    public void OptimizerStateWithOtherHyperparametersIsRefused()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "sgd.optim.dat");
        using var net = Net();
        using var opt = Optimizer(net);
        Steps(net, opt, 1);
        opt.save_state_dict(path);
        using var other = torch.optim.SGD(net.parameters(), learningRate: 0.05, momentum: 0.5);
        var e = Assert.Throws<CheckpointException>(() => other.load_state_dict(path));
        Assert.Contains("momentum is 0.9 in the file but 0.5 in this optimizer", e.Message);
        Assert.Null(other.momentum_buffer(0));

        using var smaller = torch.nn.Linear(4, 8);
        using var mismatched = torch.optim.SGD(smaller.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);
        Assert.Contains("unexpected key '2.momentum_buffer'", Assert.Throws<CheckpointException>(() => mismatched.load_state_dict(path)).Message);
    }

    [Fact]
    public void OptimizerStateRoundTripsExactly()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "sgd.optim.dat");
        using var net = Net();
        using var opt = Optimizer(net);
        Steps(net, opt, 2);
        opt.lr = 0.01;
        opt.save_state_dict(path);
        using var again = Optimizer(net);
        again.load_state_dict(path);
        Assert.Equal(0.01, again.lr);
        for (var i = 0; i < opt.Parameters.Count; i++)
            TensorAssert.Close($"buffer {i}", again.momentum_buffer(i)!, opt.momentum_buffer(i)!, Tolerance.Exact);
    }
}
