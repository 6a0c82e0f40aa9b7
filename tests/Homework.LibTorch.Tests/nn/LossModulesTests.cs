// nn.NLLLoss and nn.CrossEntropyLoss modules (TorchSharp's Loss<,,> shape) against PyTorch (fixtures/nn/losses.json):
// reductions, class weights, ignore_index and label smoothing, loss and gradient.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class LossModulesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Cases() =>
        new(NnFixture.Load("losses.json").GetProperty("cases").EnumerateObject().Select(p => p.Name));

    private static Loss<Tensor, Tensor, Tensor> Criterion(string name, Tensor weight) => name switch
    {
        "nll_mean" => torch.nn.NLLLoss(),
        "nll_sum_weighted" => torch.nn.NLLLoss(weight, torch.nn.Reduction.Sum),
        "nll_none" => torch.nn.NLLLoss(reduction: torch.nn.Reduction.None),
        "ce_mean" => torch.nn.CrossEntropyLoss(),
        "ce_mean_weighted" => torch.nn.CrossEntropyLoss(weight),
        "ce_ignore2_weighted" => torch.nn.CrossEntropyLoss(weight, ignore_index: 2),
        "ce_none_ignore3" => torch.nn.CrossEntropyLoss(ignore_index: 3, reduction: torch.nn.Reduction.None),
        "ce_smoothing" => new TorchSharp.Modules.CrossEntropyLoss(label_smoothing: 0.1),
        _ => throw new ArgumentException($"no criterion for fixture case {name}"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradientMatchPyTorch(string name)
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("losses.json");
        var expected = f.GetProperty("cases").GetProperty(name);
        var z = f.GetProperty("z").ToTensor().requires_grad_();
        var labels = f.GetProperty("labels").ToTensor();
        using var criterion = Criterion(name, f.GetProperty("weight").ToTensor());
        var input = name.StartsWith("nll") ? torch.nn.functional.log_softmax(z, 1) : z;
        var loss = criterion.call(input, labels);
        loss.sum().backward();
        output.WriteLine($"{name}: max |loss - PyTorch| = {TensorAssert.MaxAbsDifference(loss, expected.GetProperty("loss").ToTensor()):g3}, " +
            $"max |dz - PyTorch| = {TensorAssert.MaxAbsDifference(z.grad!, expected.GetProperty("dz").ToTensor()):g3}");
        TensorAssert.Close($"{name} loss", loss, expected.GetProperty("loss").ToTensor(), Tolerance.Float64);
        TensorAssert.Close($"{name} dz", z.grad!, expected.GetProperty("dz").ToTensor(), Tolerance.Float64);
    }

    [Fact]
    public void ModulesKeepTheirSettings()
    {
        using var scope = NewDisposeScope();
        var w = ones(3);
        using var ce = torch.nn.CrossEntropyLoss(w, ignore_index: 1, reduction: torch.nn.Reduction.Sum);
        Assert.Same(w, ce.weight);
        Assert.Equal(1L, ce.ignore_index);
        Assert.Equal(torch.nn.Reduction.Sum, ce.reduction);
        Assert.Null(torch.nn.NLLLoss().weight);
    }
}
