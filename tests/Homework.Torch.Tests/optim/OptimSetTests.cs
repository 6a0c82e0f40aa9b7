// optim.Adam under optim.lr_scheduler.StepLR, written once against TorchSharp's API and run on both backends:
// 6 steps on a tiny network against PyTorch 1.13 (tests/fixtures/nn/adam_steplr.json, replayed by NnReplay).
// Adam's state file is checked byte by byte against TorchSharp 0.107's layout, so passing on both backends proves
// the files interchange. The binding's own tests (moments, resume, refusals) are in Homework.LibTorch.Tests/optim.
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

    [Fact]
    public void AdamStateFileIsTorchSharpsLayout()
    {
        // TorchSharp 0.107's OptimizerHelper.save_state_dict with Adam's options and state, spelled out byte by byte.
        using var scope = NewDisposeScope();
        var path = Path.Combine(Directory.CreateTempSubdirectory("hw-adam-").FullName, "adam.optim.dat");
        var w = new Parameter(tensor(new[] { 1.0f, 2f }));
        var b = new Parameter(tensor(new[] { 0.5f }));
        using var opt = torch.optim.Adam([w, b], lr: 0.25, beta1: 0.5, beta2: 0.75, eps: 0.125);
        (w * tensor(new[] { 4.0f, 8f })).sum().backward(); // g = (4, 8); b gets no gradient
        opt.step();
        opt.ParamGroups.Single().LearningRate = 0.2;
        opt.save_state_dict(path);

        var expected = new MemoryStream();
        using (var x = new BinaryWriter(expected))
        {
            void Floats(params float[] v)
            {
                x.Write((byte)6); x.Write((byte)1); x.Write((byte)v.Length);  // float32, rank 1, length
                foreach (var f in v) x.Write(f);
            }
            x.Write("Adam");
            x.Write((byte)1); x.Write((byte)2);                                // uleb: one group, two states
            foreach (var d in (double[])[0.25, 0.2, 0.5, 0.75, 0.125, 0]) x.Write(d); // initial lr, lr, beta1, beta2, eps, weight decay
            x.Write(false); x.Write(false);                                  // amsgrad, maximize
            x.Write(1L); Floats(2, 4); Floats(4, 16); x.Write(false);         // w: step 1, m = (1-β₁)g, v = (1-β₂)g², no max
            x.Write(0L); Floats(0); Floats(0); x.Write(false);                // b: never stepped, zero moments
        }
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
