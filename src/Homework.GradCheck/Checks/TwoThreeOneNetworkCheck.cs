// Twin check for the 2-3-1 sigmoid network (000 Q3(a) / 001 Q5(a)): the output o with a random dY, the loss l,
// and the homework's written-out dl/dw^{[1]}_{1,2}. The network under check comes from a constructor (the project's
// class, or a student's for `homework check`); central differences always differentiate the project's forward.
// Not the step-function parts (b)-(c).
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>TwoThreeOneNetwork: every weight's gradient of (o * dY).sum() and of l, plus the Q3(a) formula for w^{[1]}_{1,2}; the batch n cycles with the seed.</summary>
/// <param name="manual">A class with TwoThreeOneNetwork's constructor, <see cref="IManualModel{TCache, TGradients}"/> and GradW12.</param>
public sealed class TwoThreeOneNetworkCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a network under check needs, as TwoThreeOneNetwork's: copies of W1 (2, 3), b1 (3), w2 (3), b2 (1).</summary>
    public delegate IManualModel<ManualModels.TwoThreeOneNetwork.Cache, ManualModels.TwoThreeOneNetwork.Gradients> Create(torch.Tensor W1, torch.Tensor b1, torch.Tensor w2, torch.Tensor b2);

    /// <summary>Q3(a)'s dl/dw^{[1]}_{1,2} on X (n, 2), y (n), as TwoThreeOneNetwork.GradW12.</summary>
    public delegate torch.Tensor W12Formula(IManualModel<ManualModels.TwoThreeOneNetwork.Cache, ManualModels.TwoThreeOneNetwork.Gradients> network, torch.Tensor X, torch.Tensor y);

    // The batch n by seed: seed 0 keeps the README table's; an odd batch and a single example follow.
    private static readonly int[] Batches = [6, 5, 1];

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly W12Formula gradW12 = ManualContract.InstanceMethod<W12Formula>(manual, nameof(ManualModels.TwoThreeOneNetwork.GradW12));

    /// <summary>The registered check, of the project's TwoThreeOneNetwork.</summary>
    public TwoThreeOneNetworkCheck() : this(typeof(ManualModels.TwoThreeOneNetwork)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new TwoThreeOneNetworkCheck(type);

    /// <inheritdoc />
    public string Name => "TwoThreeOneNetwork";

    /// <inheritdoc />
    public string Source => "000 Q3(a), 001 Q5(a)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var n = Batches[ShapeIndex(seed, Batches.Length)];
        torch.manual_seed(seed);
        var X = torch.randn(n, 2, torch.float64);
        var y = torch.randint(2, [n]).to(torch.float64);
        var W1 = torch.randn(2, 3, torch.float64);
        var b1 = torch.randn(3, torch.float64);
        var w2 = torch.randn(3, torch.float64);
        var b2 = torch.randn(1, torch.float64);
        var dY = torch.randn(n, torch.float64);
        var dl = torch.randn([], torch.float64);
        torch.Tensor[] weights = [W1, b1, w2, b2];

        using var network = create(Copy(W1, dtype), Copy(b1, dtype), Copy(w2, dtype), Copy(b2, dtype));
        var Xm = Copy(X, dtype);
        var ym = Copy(y, dtype);
        var (_, cache) = network.Forward(Xm);
        var g = network.Backward(Copy(dY, dtype), cache);
        // l = 1/n Σ (o − y)²: SquaredError (divisor n) backward through the model's Backward.
        var (oL, cacheL) = network.Forward(Xm);
        var gl = network.Backward(ManualModels.SquaredError.Backward(torch.ones([], oL.dtype), ManualModels.SquaredError.Forward(oL, ym, n).cache), cacheL);
        var w12 = gradW12(network, Xm, ym);

        using var twin = new TorchModels.TwoThreeOneNetwork(Copy(W1, dtype), Copy(b1, dtype), Copy(w2, dtype), Copy(b2, dtype));
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.forward(Xa), dY, [.. twin.parameters(), Xa]);
        var al = Grad(twin.Loss(Xa, ym), dl, [.. twin.parameters()]);

        using var reference = new ManualModels.TwoThreeOneNetwork(W1, b1, w2, b2);
        torch.Tensor[] refWeights = [reference.W1, reference.b1, reference.w2, reference.b2];
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), [.. refWeights, X]);
        var fdl = CentralDifferences(() => reference.Loss(X, y) * dl, refWeights);

        return
        [
            new(Name, "o: dW1", Returned(g.W1, "dW1"), a[0], fd[0]),
            new(Name, "o: db1", Returned(g.b1, "db1"), a[1], fd[1]),
            new(Name, "o: dw2", Returned(g.w2, "dw2"), a[2], fd[2]),
            new(Name, "o: db2", Returned(g.b2, "db2"), a[3], fd[3]),
            new(Name, "o: dX", Returned(g.X, "dX"), a[4], fd[4]),
            new(Name, "l: dW1", Returned(gl.W1, "dW1") * dl, al[0], fdl[0]),
            new(Name, "l: db1", Returned(gl.b1, "db1") * dl, al[1], fdl[1]),
            new(Name, "l: dw2", Returned(gl.w2, "dw2") * dl, al[2], fdl[2]),
            new(Name, "l: db2", Returned(gl.b2, "db2") * dl, al[3], fdl[3]),
            new(Name, "l: dw1_12 (Q3a formula)", w12 * dl, al[0][0, 1], fdl[0][0, 1]),
        ];
    }
}
