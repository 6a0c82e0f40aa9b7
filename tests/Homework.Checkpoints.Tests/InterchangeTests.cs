// Checkpoint and optimizer-state interchange between the backends. The fixture files were written by
// tests/fixtures/interchange/write_interchange.py (Python, to TorchSharp's layouts, no C# involved); this class runs on
// our binding and on TorchSharp (./test), and on each the same explicit SGD momentum step must save these exact bytes,
// and the files must load strictly and give PyTorch's outputs. Equal bytes from both backends, read by both, is the
// interchange: a file either backend writes is the file the other reads.
using System.Text.Json;
using Homework.TestSupport;

namespace Homework.Checkpoints.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class InterchangeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-interchange-").FullName;
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("interchange", "interchange.json"))).RootElement;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Net() => torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2));

    private static SGD Optimizer(Sequential net) => torch.optim.SGD(net.parameters(), learningRate: Fixture.GetProperty("lr").GetDouble(), momentum: Fixture.GetProperty("momentum").GetDouble());

    private static torch.Tensor Values(JsonElement e) =>
        tensor(e.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray(), e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());

    private static void Copy(Sequential net, string which)
    {
        using var _ = no_grad();
        foreach (var (k, p) in net.named_parameters()) p.copy_(Values(Fixture.GetProperty(which).GetProperty(k)));
    }

    [Fact]
    public void TheSameStepSavesTheFixtureBytesOnThisBackend()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        Copy(net, "before");
        using var opt = Optimizer(net);
        // d/dp Σ p ⊙ g = g exactly, so the gradients are the fixture's on both backends; 2.bias gets none.
        var grads = Fixture.GetProperty("grads");
        var loss = net.named_parameters().Where(kp => grads.TryGetProperty(kp.name, out _))
            .Select(kp => (kp.parameter * Values(grads.GetProperty(kp.name))).sum()).Aggregate((a, b) => a + b);
        loss.backward();
        opt.step();
        net.save(Path.Combine(folder, "mlp.dat"));
        opt.save_state_dict(Path.Combine(folder, "mlp.optim.dat"));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("interchange", "mlp.dat")), File.ReadAllBytes(Path.Combine(folder, "mlp.dat")));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("interchange", "mlp.optim.dat")), File.ReadAllBytes(Path.Combine(folder, "mlp.optim.dat")));
    }

    [Fact]
    public void TheFixtureFilesLoadStrictlyGivePyTorchsOutputAndResaveIdentically()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        net.load(Fixtures.Path("interchange", "mlp.dat"), strict: true);
        foreach (var (k, p) in net.named_parameters())
            TensorAssert.Close(k, p, Values(Fixture.GetProperty("after").GetProperty(k)), Tolerance.Exact);
        TensorAssert.Close("output", net.call(Values(Fixture.GetProperty("x"))), Values(Fixture.GetProperty("y")), Tolerance.Float32);
        using var opt = Optimizer(net);
        opt.load_state_dict(Fixtures.Path("interchange", "mlp.optim.dat"));
        net.save(Path.Combine(folder, "again.dat"));
        opt.save_state_dict(Path.Combine(folder, "again.optim.dat"));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("interchange", "mlp.dat")), File.ReadAllBytes(Path.Combine(folder, "again.dat")));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("interchange", "mlp.optim.dat")), File.ReadAllBytes(Path.Combine(folder, "again.optim.dat")));
    }

    // Two layers sharing one weight (tied parameters).
    private sealed class Tied : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        public readonly Linear a = torch.nn.Linear(2, 2);
        public readonly Linear b = torch.nn.Linear(2, 2);

        public Tied() : base(nameof(Tied))
        {
            b.weight = a.weight;
            RegisterComponents();
        }

        public override torch.Tensor forward(torch.Tensor x) => b.call(a.call(x));
    }

    [Fact]
    public void ATiedParameterIsSavedUnderEveryNameAndOptimizedOnce()
    {
        // TorchSharp's state_dict: the parameters without repeats, then the buffers, then each further name of a
        // shared tensor (Module.state_dict's recursion with TryAdd); parameters() lists the shared one once.
        using var scope = NewDisposeScope();
        using var net = new Tied();
        Assert.Equal(["a.weight", "a.bias", "b.bias", "b.weight"], net.state_dict().Keys);
        Assert.Equal(3, net.parameters().Count());
        var path = Path.Combine(folder, "tied.dat");
        net.save(path);
        using var again = new Tied();
        again.load(path, strict: true);
        foreach (var (k, v) in net.state_dict()) TensorAssert.Close(k, again.state_dict()[k], v, Tolerance.Exact);
    }

    [Fact]
    public void BatchNormCountsBatchesInTheModulesDtypeWhenOneIsGiven()
    {
        // TorchSharp 0.107's NormBase: num_batches_tracked = torch.tensor(0L, dtype, device).
        using var plain = torch.nn.BatchNorm1d(3);
        using var typed = torch.nn.BatchNorm1d(3, dtype: ScalarType.Float64);
        Assert.Equal(ScalarType.Int64, plain.state_dict()["num_batches_tracked"].dtype);
        Assert.Equal(ScalarType.Float64, typed.state_dict()["num_batches_tracked"].dtype);
        Assert.Equal(ScalarType.Float64, typed.state_dict()["running_mean"].dtype);
    }
}

/// <summary>Test classes that create modules or compare seeded runs draw from libtorch's one generator: never in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class LibTorchGenerator
{
    /// <summary>The collection's name.</summary>
    public const string Name = "libtorch generator";
}
