// Twin check for the 2-3-1 sigmoid network (000 Q3(a) / 001 Q5(a)): the output o with a random dY, the loss l,
// and the homework's written-out dl/dw^{[1]}_{1,2}. Not the step-function parts (b)-(c).
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>TwoThreeOneNetwork: every weight's gradient of (o * dY).sum() and of l, plus the Q3(a) formula for w^{[1]}_{1,2}.</summary>
public sealed class TwoThreeOneNetworkCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "TwoThreeOneNetwork";

    /// <inheritdoc />
    public string Source => "000 Q3(a), 001 Q5(a)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        const int n = 6;
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

        using var manual = new ManualTwin.TwoThreeOneNetwork(Copy(W1, dtype), Copy(b1, dtype), Copy(w2, dtype), Copy(b2, dtype));
        var Xm = Copy(X, dtype);
        var ym = Copy(y, dtype);
        var (_, cache) = manual.Forward(Xm);
        var g = manual.Backward(Copy(dY, dtype), cache);
        // l = 1/n Σ (o − y)²: SquaredError (divisor n) backward through the model's Backward.
        var (oL, cacheL) = manual.Forward(Xm);
        var gl = manual.Backward(ManualTwin.SquaredError.Backward(torch.ones([], oL.dtype), ManualTwin.SquaredError.Forward(oL, ym, n).cache), cacheL);
        var w12 = manual.GradW12(Xm, ym);

        using var twin = new AutogradTwin.TwoThreeOneNetwork(Copy(W1, dtype), Copy(b1, dtype), Copy(w2, dtype), Copy(b2, dtype));
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.forward(Xa), dY, [.. twin.parameters(), Xa]);
        var al = Grad(twin.Loss(Xa, ym), dl, [.. twin.parameters()]);

        using var reference = new ManualTwin.TwoThreeOneNetwork(W1, b1, w2, b2);
        torch.Tensor[] refWeights = [reference.W1, reference.b1, reference.w2, reference.b2];
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), [.. refWeights, X]);
        var fdl = CentralDifferences(() => reference.Loss(X, y) * dl, refWeights);

        return
        [
            new(Name, "o: dW1", g.W1, a[0], fd[0]),
            new(Name, "o: db1", g.b1, a[1], fd[1]),
            new(Name, "o: dw2", g.w2, a[2], fd[2]),
            new(Name, "o: db2", g.b2, a[3], fd[3]),
            new(Name, "o: dX", g.X, a[4], fd[4]),
            new(Name, "l: dW1", gl.W1 * dl, al[0], fdl[0]),
            new(Name, "l: db1", gl.b1 * dl, al[1], fdl[1]),
            new(Name, "l: dw2", gl.w2 * dl, al[2], fdl[2]),
            new(Name, "l: db2", gl.b2 * dl, al[3], fdl[3]),
            new(Name, "l: dw1_12 (Q3a formula)", w12 * dl, al[0][0, 1], fdl[0][0, 1]),
        ];
    }
}
