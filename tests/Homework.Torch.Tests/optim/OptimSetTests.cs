// optim.Adam under optim.lr_scheduler.StepLR, written once against TorchSharp's API and run on both backends:
// 6 steps on a tiny network against PyTorch 1.13 (tests/fixtures/nn/adam_steplr.json, replayed by NnReplay).
// The binding's own tests, which also compare the moments, are in Homework.LibTorch.Tests/optim.
using Homework.TestSupport;

namespace Homework.Torch.Tests.optim;

public class OptimSetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void AdamUnderStepLRFollowsPyTorchsRatesLossesAndWeights()
    {
        var (net, opt) = NnReplay.AdamUnderStepLR("plain", (ps, lr, b1, b2, eps, wd) => torch.optim.Adam(ps, lr, b1, b2, eps, wd), output.WriteLine);
        opt.Dispose();
        net.Dispose();
    }
}
