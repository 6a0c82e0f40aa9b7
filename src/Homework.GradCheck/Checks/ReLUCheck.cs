// Twin check of the CMU ReLU with dropout: training with one fixed mask shared by both twins, and inference (× (1 - p)).
// The layer under check comes from a constructor (the project's class, or a student's for `homework check`); central
// differences always differentiate the project's forward.
// Not a test of the mask's randomness: that is in tests/Homework.Manual.Tests/Cmu/ReLUTests.cs.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Cmu.ReLU;
using TorchSharp.Modules;
using Twin = Homework.Torch.Cmu.ReLU;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>dx of max(0, x)·mask (training) and max(0, x)·(1 - p) (inference), three ways.</summary>
/// <param name="manual">A class with ReLU's constructor (the dropout probability), Forward and Backward.</param>
public sealed class ReLUCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a layer under check needs, as ReLU's: the dropout probability p.</summary>
    public delegate object Create(double dropoutProbability);

    /// <summary>The forward a layer under check needs, as ReLU's: the output and the cache, training with the given mask or not.</summary>
    public delegate (torch.Tensor y, ManualTwin.Cache cache) LayerForward(object layer, torch.Tensor x, bool train, torch.Tensor? mask);

    /// <summary>The backward a layer under check needs, as ReLU's: dx for the upstream dy.</summary>
    public delegate torch.Tensor LayerBackward(object layer, torch.Tensor dy, ManualTwin.Cache cache);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly LayerForward forward = ManualContract.InstanceMethod<LayerForward>(manual, "Forward");
    private readonly LayerBackward backward = ManualContract.InstanceMethod<LayerBackward>(manual, "Backward");

    /// <summary>The registered check, of the project's CMU ReLU.</summary>
    public ReLUCheck() : this(typeof(ManualTwin)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new ReLUCheck(type);

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
        var layer = create(p);
        var reference = new ManualTwin(p);
        using var twin = new Twin(p);

        // training, mask fixed
        var (_, trainCache) = forward(layer, Copy(x, dtype), true, Copy(mask, dtype));
        var trainLeaf = Leaf(x, dtype);
        var trainAutograd = Grad(twin.forward(trainLeaf, Copy(mask, dtype)), dY, trainLeaf)[0];
        var trainFd = CentralDifference.Gradient(() => (reference.Forward(x, train: true, mask).y * dY).sum(), x);

        // inference
        var (_, evalCache) = forward(layer, Copy(x, dtype), false, null);
        twin.eval();
        var evalLeaf = Leaf(x, dtype);
        var evalAutograd = Grad(twin.forward(evalLeaf), dY, evalLeaf)[0];
        var evalFd = CentralDifference.Gradient(() => (reference.Forward(x, train: false).y * dY).sum(), x);

        return
        [
            new(Name, "dx (train, fixed mask)", Returned(backward(layer, Copy(dY, dtype), trainCache), "dx"), trainAutograd, trainFd),
            new(Name, "dx (eval, x(1-p))", Returned(backward(layer, Copy(dY, dtype), evalCache), "dx"), evalAutograd, evalFd),
        ];
    }
}
