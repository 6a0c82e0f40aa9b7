// optim.Adam: one step worked by hand, and 6 steps under StepLR on a tiny network against PyTorch
// (fixtures/nn/adam_steplr.json, with and without AMSGrad): losses, rates, weights and moments.
using Homework.TestSupport;

namespace Homework.Binding.Tests.optim;

public class AdamTests
{
    // One step from zero moments: m = (1-β₁)g, v = (1-β₂)g², so m̂ = g and v̂ = g²; with eps 0 the step is
    // lr·g/|g| = lr·sign(g), whatever the betas. With weight decay 0.5 and loss sum(p²): g = 2p + 0.5p.
    [Fact]
    public void FirstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(tensor(new double[] { 1, -2, 0.25 }));
        using var opt = torch.optim.Adam([p], lr: 0.1, beta1: 0.7, beta2: 0.9, eps: 0, weight_decay: 0.5);
        opt.zero_grad();
        p.square().sum().backward();
        opt.step();
        TensorAssert.Close("p after 1 step", p, tensor(new double[] { 0.9, -1.9, 0.15 }), Tolerance.Float64);
        var s = opt.state(0)!;
        Assert.Equal(1, s.step);
        TensorAssert.Close("exp_avg = (1-β₁)g", s.exp_avg, tensor(new double[] { 0.75, -1.5, 0.1875 }), Tolerance.Float64);
        TensorAssert.Close("exp_avg_sq = (1-β₂)g²", s.exp_avg_sq, tensor(new double[] { 0.625, 2.5, 0.0390625 }), Tolerance.Float64);
        Assert.Null(s.max_exp_avg_sq);
    }

    [Fact]
    public void MaximizeClimbs()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(tensor(new double[] { 1, -2 }));
        using var opt = torch.optim.Adam([p], lr: 0.1, eps: 0, maximize: true);
        p.square().sum().backward();
        opt.step();
        TensorAssert.Close("p after 1 ascent step", p, tensor(new double[] { 1.1, -2.1 }), Tolerance.Float64);
    }

    [Fact]
    public void BadHyperparametersAreRefusedByName()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(zeros(2));
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.Adam([p], beta2: 1)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.Adam([p], lr: -1)).ParamName);
        Assert.Throws<ArgumentException>(() => torch.optim.Adam([]));
    }
}

public class AdamTrainingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("plain")]
    [InlineData("amsgrad")]
    public void SixStepsUnderStepLROnATinyNetworkEndAtPyTorchsWeightsAndMoments(string run)
    {
        using var scope = NewDisposeScope();
        var (net, optimizer) = NnReplay.AdamUnderStepLR(run,
            (ps, lr, b1, b2, eps, wd) => torch.optim.Adam(ps, lr, b1, b2, eps, wd, amsgrad: run == "amsgrad"), output.WriteLine);
        using var _ = net;
        using var opt = (Adam)optimizer;
        var r = NnFixture.Load("adam_steplr.json").GetProperty("runs").GetProperty(run);
        var steps = r.GetProperty("losses").GetArrayLength();
        string[] moments = run == "amsgrad" ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"];
        foreach (var moment in moments)
        {
            var expected = r.GetProperty(moment).EnumerateArray().Select(e => e.ToTensor()).ToArray();
            for (var i = 0; i < expected.Length; i++)
            {
                var s = opt.state(i)!;
                Assert.Equal(steps, s.step);
                var actual = moment switch { "exp_avg" => s.exp_avg, "exp_avg_sq" => s.exp_avg_sq, _ => s.max_exp_avg_sq! };
                output.WriteLine($"{run} {moment} {i}: max |ours - PyTorch| = {TensorAssert.MaxAbsDifference(actual, expected[i]):g3}");
                TensorAssert.Close($"{moment} {i}", actual, expected[i], Tolerance.Float32Training);
            }
        }
    }
}
