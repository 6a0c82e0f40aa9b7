// Twin check of the CMU SingleLayerMLP with dropout, one fixed mask shared by both twins.
// The network under check comes from a constructor (the project's class, or a student's for `homework check`); central
// differences always differentiate the project's forward. Not a training test: one batch, random parameters.
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.GradCheck.Checks;

/// <summary>dx, dW1, db1, dW2, db2 of the logits, three ways.</summary>
/// <param name="manual">A class with SingleLayerMLP's constructor, <see cref="IManualModel{TCache, TGradients}"/> and Forward(x, train, mask).</param>
public sealed class SingleLayerMLPCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a network under check needs, as SingleLayerMLP's: sizes, momentum α, dropout probability, dtype.</summary>
    public delegate IManualModel<ManualCmu.SingleLayerMLP.Cache, ManualCmu.SingleLayerMLP.Gradients> Create(long indim, long outdim, long hiddenlayer, double alpha, double dropoutProbability, ScalarType dtype);

    /// <summary>The forward a network under check needs, as SingleLayerMLP's: logits (outdim, B) and the cache, training with the given mask (hidden, B) or not.</summary>
    public delegate (torch.Tensor logits, ManualCmu.SingleLayerMLP.Cache cache) MaskedForward(
        IManualModel<ManualCmu.SingleLayerMLP.Cache, ManualCmu.SingleLayerMLP.Gradients> network, torch.Tensor x, bool train, torch.Tensor? mask);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly MaskedForward forward = ManualContract.InstanceMethod<MaskedForward>(manual, nameof(ManualCmu.SingleLayerMLP.Forward));

    /// <summary>The registered check, of the project's SingleLayerMLP.</summary>
    public SingleLayerMLPCheck() : this(typeof(ManualCmu.SingleLayerMLP)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new SingleLayerMLPCheck(type);

    /// <inheritdoc />
    public string Name => "SingleLayerMLP";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.5 (SingleLayerMLP), Q3 Parts 4.1-4.4";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var (indim, hidden, outdim, batch) = ShapeIndex(seed, 3) switch { 0 => (5L, 6L, 3L, 4L), 1 => (3L, 4L, 2L, 5L), _ => (6L, 3L, 4L, 1L) };   // seed 0 is the README table's
        const double p = 0.25;
        var x = torch.randn(indim, batch, ScalarType.Float64);
        var w1 = torch.randn(hidden, indim, ScalarType.Float64);
        var b1 = torch.randn(hidden, 1, ScalarType.Float64);
        var w2 = torch.randn(outdim, hidden, ScalarType.Float64);
        var b2 = torch.randn(outdim, 1, ScalarType.Float64);
        var mask = KeepMask([hidden, batch], p);
        var dY = torch.randn(outdim, batch, ScalarType.Float64);

        using var network = create(indim, outdim, hidden, 0, p, dtype);
        SetParameter(network, "layer0.linear.weight", w1);
        SetParameter(network, "layer0.linear.bias", b1.view(-1));
        SetParameter(network, "layer1.linear.weight", w2);
        SetParameter(network, "layer1.linear.bias", b2.view(-1));
        var (_, cache) = forward(network, Copy(x, dtype), true, Copy(mask, dtype));
        var g = network.Backward(Copy(dY, dtype), cache);

        using var twin = new TorchCmu.SingleLayerMLP(indim, outdim, hidden, p, dtype);
        Load(twin.layer0.weight, w1);
        Load(twin.layer0.bias, b1.squeeze(1));
        Load(twin.layer1.weight, w2);
        Load(twin.layer1.bias, b2.squeeze(1));
        var xLeaf = Leaf(x, dtype);
        var a = Grad(twin.forward(xLeaf, Copy(mask, dtype)), dY, xLeaf, twin.layer0.weight, twin.layer0.bias, twin.layer1.weight, twin.layer1.bias);

        using var reference = new ManualCmu.SingleLayerMLP(indim, outdim, hidden, dropoutProbability: p, dtype: ScalarType.Float64);
        reference.Layer0.LoadParams(w1, b1);
        reference.Layer1.LoadParams(w2, b2);
        torch.Tensor Y() => (reference.Forward(x, train: true, mask).logits * dY).sum();
        return
        [
            new(Name, "dx", Returned(g.dx, "dx"), a[0], CentralDifference.Gradient(Y, x)),
            new(Name, "dW1", Returned(g.Layer0.dW, "dW1"), a[1], CentralDifference.Gradient(Y, reference.Layer0.W)),
            new(Name, "db1", Returned(g.Layer0.db, "db1"), a[2].unsqueeze(1), CentralDifference.Gradient(Y, reference.Layer0.b)),
            new(Name, "dW2", Returned(g.Layer1.dW, "dW2"), a[3], CentralDifference.Gradient(Y, reference.Layer1.W)),
            new(Name, "db2", Returned(g.Layer1.db, "db2"), a[4].unsqueeze(1), CentralDifference.Gradient(Y, reference.Layer1.b)),
        ];
    }
}
