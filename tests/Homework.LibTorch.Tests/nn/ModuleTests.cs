// torch.nn.Module registration, walks, dtype moves and modes; Sequential naming.
// Expected values come from the definitions (keys, shapes), not from the code under test.
using Homework.TestSupport;
using TorchSharp.Utils;

namespace Homework.Binding.Tests.nn;

public class ModuleTests
{
    private sealed class Net : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        private readonly Linear fc1 = torch.nn.Linear(3, 4);
        private readonly BatchNorm1d bn = torch.nn.BatchNorm1d(4);
        private readonly Linear fc2 = torch.nn.Linear(4, 2, hasBias: false);
        public readonly Parameter scale;

        public Net() : base(nameof(Net))
        {
            using (var s = ones(2)) scale = new Parameter(s);
            RegisterComponents();
        }

        public override torch.Tensor forward(torch.Tensor x)
        {
            using var scope = NewDisposeScope();
            return (fc2.call(bn.call(fc1.call(x).relu())) * scale).MoveToOuterDisposeScope();
        }
    }

    [Fact]
    public void StateDictListsParametersThenBuffersInRegistrationOrder()
    {
        using var net = new Net();
        Assert.Equal(
            ["scale", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"],
            net.state_dict().Keys);
        Assert.Equal(["", "fc1", "bn", "fc2"], net.named_modules().Select(m => m.name));
        Assert.Equal(6, net.parameters().Count());
    }

    private sealed class Named : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        public Linear auto { get; } = torch.nn.Linear(1, 1);
        [field: ComponentName(Name = "renamed")] public Linear attributed { get; } = torch.nn.Linear(1, 1);

        public Named() : base(nameof(Named)) => RegisterComponents();

        public override torch.Tensor forward(torch.Tensor x) => attributed.call(auto.call(x));
    }

    [Fact]
    public void ComponentsAreNamedByTheirFieldOrComponentNameAsInTorchSharp()
    {
        // TorchSharp names a component by its field, so an auto-property's key is its compiler-made backing field.
        using var net = new Named();
        Assert.Equal(["<auto>k__BackingField.weight", "<auto>k__BackingField.bias", "renamed.weight", "renamed.bias"], net.state_dict().Keys);
    }

    [Fact]
    public void ParametersSurviveTheDisposeScopeTheyWereCreatedIn()
    {
        Net net;
        using (NewDisposeScope()) net = new Net();
        using (net)
        {
            Assert.All(net.state_dict().Values, t => Assert.False(t.IsInvalid));
            using var scope = NewDisposeScope();
            Assert.Equal([5L, 2L], net.call(randn(5, 3)).shape);
        }
    }

    [Fact]
    public void ToDoubleConvertsFloatingTensorsInPlaceAndKeepsIntegerBuffers()
    {
        using var net = new Net();
        var before = net.state_dict();
        net.to(float64);
        var after = net.state_dict();
        foreach (var (k, t) in after)
        {
            Assert.Same(before[k], t);
            Assert.Equal(k.EndsWith("num_batches_tracked") ? int64 : float64, t.dtype);
        }
    }

    [Fact]
    public void ZeroGradZeroesOrDropsGradientsAndTheNextBackwardStoresFreshOnes()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var net = new Net();
        var x = randn(5, 3);
        net.forward(x).sum().backward();
        net.zero_grad();
        Assert.All(net.parameters(), p => Assert.Equal(0, p.grad!.abs().sum().item<float>()));
        net.zero_grad(set_to_none: true);
        Assert.All(net.parameters(), p => Assert.Null(p.grad));
        // d/dscale of Σ (y ⊙ scale) is Σ_rows y: the stored gradient is one backward's, not added to an old one.
        net.forward(x).sum().backward();
        using (no_grad())
        {
            var y = net.forward(x) / net.scale;
            Assert.True(y.abs().sum().item<float>() > 0.1, "the check needs a nonzero gradient");
            TensorAssert.Close("scale.grad after set_to_none", net.scale.grad!, y.sum(dim: 0), Tolerance.Float32);
        }
    }

    [Fact]
    public void TrainAndEvalReachEverySubmodule()
    {
        using var net = new Net();
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void LinearComputesXWTransposedPlusB()
    {
        using var scope = NewDisposeScope();
        using var fc = torch.nn.Linear(3, 2, dtype: float64);
        var x = randn(4, 3, float64);
        TensorAssert.Close("linear", fc.call(x), x.matmul(fc.weight.t()) + fc.bias!, Tolerance.Float64);
        Assert.Equal([2L, 3L], fc.weight.shape);
        Assert.True(fc.weight.requires_grad);
    }

    [Fact]
    public void SequentialNamesLayersByPosition()
    {
        using var seq = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], seq.state_dict().Keys);
        using var scope = NewDisposeScope();
        Assert.Equal([7L, 1L], seq.call(randn(7, 2)).shape);
    }
}
