// Twin check of the CMU TwoLayerMLP with dropout, fixed masks shared by both twins.
// The network under check comes from a constructor (the project's class, or a student's for `homework check`); central
// differences always differentiate the project's forward. Not a training test: one batch, random parameters.
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.GradCheck.Checks;

/// <summary>dx and the three layers' dW, db of the logits, three ways.</summary>
/// <param name="manual">A class with TwoLayerMLP's constructor, <see cref="IManualModel{TCache, TGradients}"/> and Forward(x, train, mask1, mask2).</param>
public sealed class TwoLayerMLPCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a network under check needs, as TwoLayerMLP's: sizes, momentum α, dropout probability, dtype.</summary>
    public delegate IManualModel<ManualCmu.TwoLayerMLP.Cache, ManualCmu.TwoLayerMLP.Gradients> Create(long indim, long outdim, (long first, long second) hiddenlayers, double alpha, double dropoutProbability, ScalarType dtype);

    /// <summary>
    /// The forward a network under check needs, as TwoLayerMLP's: logits (outdim, B) and the cache, training with the given
    /// masks (hidden1, B) and (hidden2, B) or not.
    /// </summary>
    public delegate (torch.Tensor logits, ManualCmu.TwoLayerMLP.Cache cache) MaskedForward(
        IManualModel<ManualCmu.TwoLayerMLP.Cache, ManualCmu.TwoLayerMLP.Gradients> network, torch.Tensor x, bool train, torch.Tensor? mask1, torch.Tensor? mask2);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly MaskedForward forward = ManualContract.InstanceMethod<MaskedForward>(manual, nameof(ManualCmu.TwoLayerMLP.Forward));

    /// <summary>The registered check, of the project's TwoLayerMLP.</summary>
    public TwoLayerMLPCheck() : this(typeof(ManualCmu.TwoLayerMLP)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new TwoLayerMLPCheck(type);

    /// <inheritdoc />
    public string Name => "TwoLayerMLP";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.5 (TwoLayerMLP), Q3 Part 4";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var (indim, h1, h2, outdim, batch) = ShapeIndex(seed, 3) switch { 0 => (5L, 6L, 4L, 3L, 4L), 1 => (3L, 5L, 2L, 4L, 5L), _ => (4L, 3L, 6L, 2L, 1L) };   // seed 0 is the README table's
        const double p = 0.25;
        var x = torch.randn(indim, batch, ScalarType.Float64);
        long[][] shapes = [[h1, indim], [h2, h1], [outdim, h2]];
        var ws = shapes.Select(s => torch.randn(s, ScalarType.Float64)).ToArray();
        var bs = shapes.Select(s => torch.randn(s[0], 1, ScalarType.Float64)).ToArray();
        var mask1 = KeepMask([h1, batch], p);
        var mask2 = KeepMask([h2, batch], p);
        var dY = torch.randn(outdim, batch, ScalarType.Float64);

        using var network = create(indim, outdim, (h1, h2), 0, p, dtype);
        for (var i = 0; i < 3; i++)
        {
            SetParameter(network, $"layer{i}.linear.weight", ws[i]);
            SetParameter(network, $"layer{i}.linear.bias", bs[i].view(-1));
        }
        var (_, cache) = forward(network, Copy(x, dtype), true, Copy(mask1, dtype), Copy(mask2, dtype));
        var g = network.Backward(Copy(dY, dtype), cache);

        using var twin = new TorchCmu.TwoLayerMLP(indim, outdim, (h1, h2), p, dtype);
        Homework.Torch.Cmu.LinearMap[] layers = [twin.layer0, twin.layer1, twin.layer2];
        for (var i = 0; i < 3; i++)
        {
            Load(layers[i].weight, ws[i]);
            Load(layers[i].bias, bs[i].squeeze(1));
        }
        var xLeaf = Leaf(x, dtype);
        var a = Grad(twin.forward(xLeaf, Copy(mask1, dtype), Copy(mask2, dtype)), dY,
            [xLeaf, .. layers.SelectMany(l => new torch.Tensor[] { l.weight, l.bias })]);

        using var reference = new ManualCmu.TwoLayerMLP(indim, outdim, (h1, h2), dropoutProbability: p, dtype: ScalarType.Float64);
        Homework.Manual.Cmu.LinearMap[] referenceLayers = [reference.Layer0, reference.Layer1, reference.Layer2];
        for (var i = 0; i < 3; i++) referenceLayers[i].LoadParams(ws[i], bs[i]);
        torch.Tensor Y() => (reference.Forward(x, train: true, mask1, mask2).logits * dY).sum();
        var manualGrads = new[] { g.Layer0, g.Layer1, g.Layer2 };
        var rows = new List<GradientComparison> { new(Name, "dx", Returned(g.dx, "dx"), a[0], CentralDifference.Gradient(Y, x)) };
        for (var i = 0; i < 3; i++)
        {
            rows.Add(new(Name, $"dW{i + 1}", Returned(manualGrads[i].dW, $"dW{i + 1}"), a[1 + 2 * i], CentralDifference.Gradient(Y, referenceLayers[i].W)));
            rows.Add(new(Name, $"db{i + 1}", Returned(manualGrads[i].db, $"db{i + 1}"), a[2 + 2 * i].unsqueeze(1), CentralDifference.Gradient(Y, referenceLayers[i].b)));
        }
        return rows;
    }
}
