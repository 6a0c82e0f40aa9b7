// Twin check of the CMU SingleLayerMLP with dropout, one fixed mask shared by both twins.
// Not a training test: one batch, random parameters.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.GradCheck.Checks;

/// <summary>dx, dW1, db1, dW2, db2 of the logits, three ways.</summary>
public sealed class SingleLayerMLPCheck : ITwinCheck
{
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

        var manual = new ManualCmu.SingleLayerMLP(indim, outdim, hidden, dropoutProbability: p, dtype: dtype);
        manual.Layer0.LoadParams(w1, b1);
        manual.Layer1.LoadParams(w2, b2);
        var (_, cache) = manual.Forward(Copy(x, dtype), train: true, Copy(mask, dtype));
        var g = manual.Backward(Copy(dY, dtype), cache);

        using var twin = new TorchCmu.SingleLayerMLP(indim, outdim, hidden, p, dtype);
        Load(twin.layer0.weight, w1);
        Load(twin.layer0.bias, b1.squeeze(1));
        Load(twin.layer1.weight, w2);
        Load(twin.layer1.bias, b2.squeeze(1));
        var xLeaf = Leaf(x, dtype);
        var a = Grad(twin.forward(xLeaf, Copy(mask, dtype)), dY, xLeaf, twin.layer0.weight, twin.layer0.bias, twin.layer1.weight, twin.layer1.bias);

        var reference = new ManualCmu.SingleLayerMLP(indim, outdim, hidden, dropoutProbability: p, dtype: ScalarType.Float64);
        reference.Layer0.LoadParams(w1, b1);
        reference.Layer1.LoadParams(w2, b2);
        torch.Tensor Y() => (reference.Forward(x, train: true, mask).logits * dY).sum();
        return
        [
            new(Name, "dx", g.dx!, a[0], CentralDifference.Gradient(Y, x)),
            new(Name, "dW1", g.Layer0.dW, a[1], CentralDifference.Gradient(Y, reference.Layer0.W)),
            new(Name, "db1", g.Layer0.db, a[2].unsqueeze(1), CentralDifference.Gradient(Y, reference.Layer0.b)),
            new(Name, "dW2", g.Layer1.dW, a[3], CentralDifference.Gradient(Y, reference.Layer1.W)),
            new(Name, "db2", g.Layer1.db, a[4].unsqueeze(1), CentralDifference.Gradient(Y, reference.Layer1.b)),
        ];
    }
}
