// Twin check of the CMU ReLU with dropout: training with one fixed mask shared by both twins, and inference (× (1 - p)).
// Not a test of the mask's randomness: that is in tests/Homework.Manual.Tests/Cmu/ReLUTests.cs.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Cmu.ReLU;
using TorchSharp.Modules;
using Twin = Homework.Torch.Cmu.ReLU;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>dx of max(0, x)·mask (training) and max(0, x)·(1 - p) (inference), three ways.</summary>
public sealed class ReLUCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "ReLU";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.2 (ReLU), §1.4 (dropout), Q3 eq. (24)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        const double p = 0.3;
        long[] shape = ShapeIndex(seed, 3) switch { 0 => [6, 4], 1 => [5, 3], _ => [3, 1] };   // seed 0 is the README table's
        var x = torch.randn(shape, ScalarType.Float64);
        var mask = KeepMask(shape, p);
        var dY = torch.randn(shape, ScalarType.Float64);
        var manual = new ManualTwin(p);
        using var twin = new Twin(p);

        // training, mask fixed
        var (_, trainCache) = manual.Forward(Copy(x, dtype), train: true, Copy(mask, dtype));
        var trainLeaf = Leaf(x, dtype);
        var trainAutograd = Grad(twin.forward(trainLeaf, Copy(mask, dtype)), dY, trainLeaf)[0];
        var trainFd = CentralDifference.Gradient(() => (manual.Forward(x, train: true, mask).y * dY).sum(), x);

        // inference
        var (_, evalCache) = manual.Forward(Copy(x, dtype), train: false);
        twin.eval();
        var evalLeaf = Leaf(x, dtype);
        var evalAutograd = Grad(twin.forward(evalLeaf), dY, evalLeaf)[0];
        var evalFd = CentralDifference.Gradient(() => (manual.Forward(x, train: false).y * dY).sum(), x);

        return
        [
            new(Name, "dx (train, fixed mask)", manual.Backward(Copy(dY, dtype), trainCache), trainAutograd, trainFd),
            new(Name, "dx (eval, x(1-p))", manual.Backward(Copy(dY, dtype), evalCache), evalAutograd, evalFd),
        ];
    }
}
