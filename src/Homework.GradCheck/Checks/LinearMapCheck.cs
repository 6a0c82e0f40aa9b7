// Twin check of the CMU LinearMap on (features, batch) columns: manual Wᵀdy, dy xᵀ, Σ dy against nn.Linear's autograd.
// Not a momentum test: the update rule is tested in tests/Homework.Manual.Tests/Cmu/LinearMapTests.cs.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Cmu.LinearMap;
using Twin = Homework.Torch.Cmu.LinearMap;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>dx, dW and db of y = W x + b, three ways.</summary>
public sealed class LinearMapCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "LinearMap";

    /// <inheritdoc />
    public string Source => "003 Q5 §1.2 (LinearMap), Q3 eqs. (19), (21), (23)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        const long indim = 5, outdim = 3, batch = 4;
        var x = torch.randn(indim, batch, ScalarType.Float64);
        var w = torch.randn(outdim, indim, ScalarType.Float64);
        var b = torch.randn(outdim, 1, ScalarType.Float64);
        var dY = torch.randn(outdim, batch, ScalarType.Float64);

        var manual = new ManualTwin(indim, outdim, dtype: dtype);
        manual.LoadParams(w, b);
        var (_, cache) = manual.Forward(Copy(x, dtype));
        var g = manual.Backward(Copy(dY, dtype), cache);

        using var twin = new Twin(indim, outdim, dtype);
        Load(twin.weight, w);
        Load(twin.bias, b.squeeze(1));
        var xLeaf = Leaf(x, dtype);
        var a = Grad(twin.forward(xLeaf), dY, xLeaf, twin.weight, twin.bias);

        var reference = new ManualTwin(indim, outdim, dtype: ScalarType.Float64);
        torch.Tensor Y() => (reference.Forward(x).y * dY).sum();
        reference.LoadParams(w, b);
        return
        [
            new(Name, "dx", g.dx!, a[0], CentralDifference.Gradient(Y, x)),
            new(Name, "dW", g.dW, a[1], CentralDifference.Gradient(Y, reference.W)),
            new(Name, "db", g.db, a[2].unsqueeze(1), CentralDifference.Gradient(Y, reference.b)),
        ];
    }
}
