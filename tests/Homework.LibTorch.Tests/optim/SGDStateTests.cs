// optim.SGD's state file (.optim.dat sidecar) in TorchSharp's optimizer-state format: saved and refused exactly.
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

    // The state file of an Optimizer(net) after one step.
    private string SavedAfterOneStep(Sequential net)
    {
        var path = Path.Combine(folder, "sgd.optim.dat");
        using var opt = Optimizer(net);
        Steps(net, opt, 1);
        opt.save_state_dict(path);
        return path;
    }

    [Fact]
    public void OptimizerStateWithOtherHyperparametersIsRefused()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        var path = SavedAfterOneStep(net);
        using var other = torch.optim.SGD(net.parameters(), learningRate: 0.05, momentum: 0.5);
        var e = Assert.Throws<CheckpointException>(() => other.load_state_dict(path));
        Assert.Contains("momentum is 0.9 in the file but 0.5 in this optimizer", e.Message);
        Assert.Null(other.momentum_buffer(0));

        using var smaller = torch.nn.Linear(4, 8);
        using var mismatched = torch.optim.SGD(smaller.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);
        Assert.Contains("has state for 4 parameters but this SGD optimizes 2", Assert.Throws<CheckpointException>(() => mismatched.load_state_dict(path)).Message);
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
        for (var i = 0; i < opt.parameters().Count(); i++)
            TensorAssert.Close($"buffer {i}", again.momentum_buffer(i)!, opt.momentum_buffer(i)!, Tolerance.Exact);
    }

    [Fact]
    public void TheFileIsTorchSharpsOptimizerStateLayout()
    {
        // The layout of TorchSharp 0.107's OptimizerHelper.save_state_dict for SGD, spelled out byte by byte here.
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "sgd.optim.dat");
        var w = new Parameter(tensor(new[] { 1.0f, 2f }));
        var b = new Parameter(tensor(new[] { 0.5f }));
        using var opt = torch.optim.SGD([w, b], learningRate: 0.25, momentum: 0.5, dampening: 0.125, weight_decay: 0.0625);
        w.grad = tensor(new[] { 4.0f, 8f });
        opt.step();
        opt.lr = 0.2;
        opt.save_state_dict(path);

        var expected = new MemoryStream();
        using (var x = new BinaryWriter(expected))
        {
            x.Write("SGD");
            x.Write((byte)1); x.Write((byte)2);                                 // uleb: one group, two states
            foreach (var d in (double[])[0.25, 0.2, 0.5, 0.125, 0.0625]) x.Write(d); // initial lr, lr, momentum, dampening, weight decay
            x.Write(false); x.Write(false);                                   // nesterov, maximize
            x.Write(true);                                                    // w has a buffer: g + decay·w on the first step
            x.Write((byte)6); x.Write((byte)1); x.Write((byte)2);             // float32, rank 1, 2 elements
            x.Write(4f + 0.0625f * 1f); x.Write(8f + 0.0625f * 2f);
            x.Write(false);                                                   // b had no gradient
        }
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void ADamagedStateFileIsRefusedBeforeAnythingChanges()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        var path = SavedAfterOneStep(net);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        using var other = Optimizer(net);
        other.lr = 0.3;
        Assert.Contains("the file is truncated", Assert.Throws<CheckpointException>(() => other.load_state_dict(path)).Message);
        Assert.Equal(0.3, other.lr);
        Assert.Null(other.momentum_buffer(0));
    }
}
