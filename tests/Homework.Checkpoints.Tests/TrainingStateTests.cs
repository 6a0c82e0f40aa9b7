// Resumable training: .dat + .optim.dat + .train.json give a bit-identical continuation.
// In the generator collection, so no other class draws from libtorch's generator while it compares seeded runs.
using Homework.Checkpoints;
using Homework.TestSupport;

namespace Homework.Checkpoints.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class TrainingStateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-resume-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Net() =>
        torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(8, 3));

    private static SGD Optimizer(Sequential net) => torch.optim.SGD(net.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);

    // Every step draws its batch and its dropout mask from libtorch's generator, so an exact resume
    // needs the weights, the momentum buffers and the generator state.
    private static void Steps(Sequential net, SGD opt, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            var x = randn(16, 4);
            var y = randint(0, 3, [16]);
            opt.zero_grad();
            torch.nn.functional.cross_entropy(net.call(x), y).backward();
            opt.step();
        }
    }

    [Fact]
    public void AResumedRunEndsBitIdenticalToAnUninterruptedOne()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var straight = Net();
        using var straightOpt = Optimizer(straight);
        Steps(straight, straightOpt, 6);

        manual_seed(5);
        var path = Path.Combine(folder, "mlp.dat");
        using (var first = Net())
        using (var firstOpt = Optimizer(first))
        {
            Steps(first, firstOpt, 3);
            new TrainingState { Epoch = 1, Step = 3, Metrics = { ["loss"] = [1.5, 1.2] } }.Save(path, first, firstOpt);
        }
        Assert.True(File.Exists(Path.Combine(folder, "mlp.optim.dat")));
        Assert.True(File.Exists(Path.Combine(folder, "mlp.train.json")));

        manual_seed(999); // a different process: other initial weights, other generator state
        using var resumed = Net();
        using var resumedOpt = Optimizer(resumed);
        var state = TrainingState.Load(path, resumed, resumedOpt);
        Assert.NotNull(state);
        Assert.Equal((1, 3L), (state.Epoch, state.Step));
        Assert.Equal([1.5, 1.2], state.Metrics["loss"]);
        Steps(resumed, resumedOpt, 3);

        foreach (var (k, v) in straight.state_dict())
            TensorAssert.Close(k, resumed.state_dict()[k], v, Tolerance.Exact);
    }

    [Fact]
    public void ResumingWithoutTheMomentumBuffersWouldNotBeExact()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var straight = Net();
        using var straightOpt = Optimizer(straight);
        Steps(straight, straightOpt, 6);

        manual_seed(5);
        var path = Path.Combine(folder, "mlp.dat");
        using (var first = Net())
        using (var firstOpt = Optimizer(first))
        {
            Steps(first, firstOpt, 3);
            new TrainingState { Step = 3 }.Save(path, first, firstOpt);
        }
        using var resumed = Net();
        using var freshOpt = Optimizer(resumed);
        TrainingState.Load(path, resumed, optimizer: null);
        Steps(resumed, freshOpt, 3);
        Assert.True(TensorAssert.MaxAbsDifference(resumed.state_dict()["0.weight"], straight.state_dict()["0.weight"]) > 1e-4);
    }

    [Fact]
    public void NoTrainingStateMeansAFreshRun()
    {
        using var net = Net();
        using var opt = Optimizer(net);
        Assert.Null(TrainingState.Load(Path.Combine(folder, "none.dat"), net, opt));
    }

    [Fact]
    public void WeightsFromAnotherSaveAreDetected()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "mlp.dat");
        using var net = Net();
        using var opt = Optimizer(net);
        Steps(net, opt, 1);
        new TrainingState { Step = 1 }.Save(path, net, opt);
        Steps(net, opt, 1);
        net.save(path); // as if a later save was interrupted after the weights
        var e = Assert.Throws<CheckpointException>(() => TrainingState.Load(path, net, opt));
        Assert.Contains("is not the one this state was saved with", e.Message);
    }

    [Fact]
    public void AModelThatDoesNotFitIsRefusedBeforeAnyWeightChanges()
    {
        // Same first layers, another last layer: TorchSharp's own load would copy 0.weight and 0.bias before it
        // reached the misfit, so TrainingState checks both files first, on both backends.
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "mlp.dat");
        using (var net = Net())
        using (var opt = Optimizer(net))
        {
            Steps(net, opt, 1);
            new TrainingState { Step = 1 }.Save(path, net, opt);
        }
        using var other = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(8, 5));
        using var otherOpt = torch.optim.SGD(other.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);
        var before = other.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var e = Assert.Throws<CheckpointException>(() => TrainingState.Load(path, other, otherOpt));
        Assert.Contains("momentum buffer of parameter 2", e.Message);
        Assert.Throws<CheckpointException>(() => TrainingState.Load(path, other, optimizer: null));
        foreach (var (k, v) in before) TensorAssert.Close(k, other.state_dict()[k], v, Tolerance.Exact);
    }
}
