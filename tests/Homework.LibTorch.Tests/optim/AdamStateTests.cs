// optim.Adam's state file (.optim.dat sidecar) in TorchSharp's optimizer-state format: an exact resume, and refusals
// that change nothing. The byte layout itself is checked on both backends in Homework.Torch.Tests/optim.
using Homework.Checkpoints;
using Homework.TestSupport;

namespace Homework.Binding.Tests.optim;

public sealed class AdamStateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-adam-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Adam Optimizer(Sequential net, bool amsgrad = true) => torch.optim.Adam(net.parameters(), lr: 0.01, weight_decay: 1e-3, amsgrad: amsgrad);

    private static void Steps(Sequential net, Adam opt, Tensor x, Tensor y)
    {
        for (var i = 0; i < x.shape[0]; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            torch.nn.functional.cross_entropy(net.call(x[i]), y[i]).backward();
            opt.step();
        }
    }

    [Fact]
    public void ResumingFromTheFileContinuesExactlyAsWithoutStopping()
    {
        using var scope = NewDisposeScope();
        var (x, y) = (randn([6, 8, 4]), randint(0, 3, [6, 8]));
        using var straight = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        using var resumed = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        resumed.load_state_dict(straight.state_dict());
        using var a = Optimizer(straight);
        Steps(straight, a, x, y);

        var path = Path.Combine(folder, "adam.optim.dat");
        using (var first = Optimizer(resumed))
        {
            Steps(resumed, first, x[..3], y[..3]);
            first.lr = 0.01; // unchanged, but saved and restored
            first.save_state_dict(path);
        }
        using var b = Optimizer(resumed);
        b.load_state_dict(path);
        Assert.Equal(3, b.state(0).step);
        Steps(resumed, b, x[3..], y[3..]);
        foreach (var (key, value) in straight.state_dict())
            TensorAssert.Close(key, resumed.state_dict()[key], value, Tolerance.Exact);
    }

    [Fact]
    public void StateOfAnotherConfigurationIsRefusedAndNothingChanges()
    {
        using var scope = NewDisposeScope();
        using var net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        var path = Path.Combine(folder, "adam.optim.dat");
        using (var saved = Optimizer(net))
        {
            Steps(net, saved, randn([1, 8, 4]), randint(0, 3, [1, 8]));
            saved.save_state_dict(path);
        }
        using var plain = Optimizer(net, amsgrad: false);
        plain.lr = 0.3;
        Assert.Contains("amsgrad is True in the file but False in this optimizer", Assert.Throws<CheckpointException>(() => plain.load_state_dict(path)).Message);
        Assert.Equal(0.3, plain.lr);
        Assert.Equal(0, plain.state(0).step);

        using var sgd = torch.optim.SGD(net.parameters(), learningRate: 0.01);
        Assert.Contains("holds the state of a Adam, not of an SGD", Assert.Throws<CheckpointException>(() => sgd.load_state_dict(path)).Message);

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^5]);
        using var truncated = Optimizer(net);
        Assert.Contains("the file is truncated", Assert.Throws<CheckpointException>(() => truncated.load_state_dict(path)).Message);
        Assert.Equal(0, truncated.state(0).step);
    }
}
