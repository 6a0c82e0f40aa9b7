// Twin check of the CMU LinearMap on (features, batch) columns: manual Wᵀdy, dy xᵀ, Σ dy against nn.Linear's autograd.
// The layer under check comes from a constructor (the project's LinearMap, or a student's class for `homework check`);
// central differences always differentiate the project's forward. Not a momentum test: the update rule is tested in
// tests/Homework.Manual.Tests/Cmu/LinearMapTests.cs.
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.GradCheck.Checks;

/// <summary>dx, dW and db of y = W x + b, three ways; the shape (indim, outdim, batch) cycles with the seed.</summary>
/// <param name="manual">A class with LinearMap's contract: its constructor and <see cref="IManualModel{TCache, TGradients}"/>.</param>
public sealed class LinearMapCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a layer under check needs, as LinearMap's.</summary>
    public delegate IManualModel<ManualCmu.LinearMap.Cache, ManualCmu.LinearMap.Gradients> Create(long indim, long outdim, double alpha, ScalarType dtype);

    // (indim, outdim, batch) by seed: seed 0 keeps the README table's shapes; a square layer and odd batches follow.
    private static readonly long[][] Shapes = [[5, 3, 4], [4, 4, 3], [3, 6, 1]];

    private readonly Create create = ManualContract.Constructor<Create>(manual);

    /// <summary>The registered check, of the project's LinearMap.</summary>
    public LinearMapCheck() : this(typeof(ManualCmu.LinearMap)) { }

    /// <inheritdoc />
    public string Name => "LinearMap";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.2 (LinearMap), Q3 eqs. (19), (21), (23)";

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new LinearMapCheck(type);

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var (indim, outdim, batch) = Shapes[ShapeIndex(seed, Shapes.Length)] switch { var s => (s[0], s[1], s[2]) };
        var x = torch.randn(indim, batch, ScalarType.Float64);
        var w = torch.randn(outdim, indim, ScalarType.Float64);
        var b = torch.randn(outdim, 1, ScalarType.Float64);
        var dY = torch.randn(outdim, batch, ScalarType.Float64);

        using var layer = create(indim, outdim, 0, dtype);
        SetParameter(layer, "linear.weight", w);
        SetParameter(layer, "linear.bias", b.view(-1));
        var (_, cache) = layer.Forward(Copy(x, dtype));
        var g = layer.Backward(Copy(dY, dtype), cache);

        using var twin = new TorchCmu.LinearMap(indim, outdim, dtype);
        Load(twin.weight, w);
        Load(twin.bias, b.squeeze(1));
        var xLeaf = Leaf(x, dtype);
        var a = Grad(twin.forward(xLeaf), dY, xLeaf, twin.weight, twin.bias);

        using var reference = new ManualCmu.LinearMap(indim, outdim, dtype: ScalarType.Float64);
        torch.Tensor Y() => (reference.Forward(x).y * dY).sum();
        reference.LoadParams(w, b);
        return
        [
            new(Name, "dx", Returned(g.dx, "dx"), a[0], CentralDifference.Gradient(Y, x)),
            new(Name, "dW", Returned(g.dW, "dW"), a[1], CentralDifference.Gradient(Y, reference.W)),
            new(Name, "db", Returned(g.db, "db"), a[2].unsqueeze(1), CentralDifference.Gradient(Y, reference.b)),
        ];
    }
}
