// Twin check for the quadratically parameterized model (000 Q1(e-g)): its output f with a random dY,
// and the cost J with eqs. (6)-(7). Not a training test.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>QuadraticModel: dtheta, dphi, dX of (f * dY).sum(), and dJ/dtheta, dJ/dphi of eqs. (6)-(7).</summary>
public sealed class QuadraticModelCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "QuadraticModel";

    /// <inheritdoc />
    public string Source => "000 Q1(e-g), eqs. (4)-(7)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var (n, d) = ShapeIndex(seed, 3) switch { 0 => (5, 7), 1 => (3, 4), _ => (7, 2) };   // seed 0 is the README table's
        torch.manual_seed(seed);
        var X = torch.randn(n, d, torch.float64);
        var y = torch.randn(n, torch.float64);
        var theta = torch.randn(d, torch.float64);
        var phi = torch.randn(d, torch.float64);
        var dY = torch.randn(n, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var manual = new ManualModels.QuadraticModel(Copy(theta, dtype), Copy(phi, dtype));
        var Xm = Copy(X, dtype);
        var (_, cache) = manual.Forward(Xm);
        var g = manual.Backward(Copy(dY, dtype), cache);
        var (jTheta, jPhi) = manual.LossGradient(Xm, Copy(y, dtype));

        using var twin = new TorchModels.QuadraticModel(Copy(theta, dtype), Copy(phi, dtype));
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.forward(Xa), dY, twin.theta, twin.phi, Xa);
        var aJ = Grad(twin.Loss(Xa, Copy(y, dtype)), dJ, twin.theta, twin.phi);

        using var reference = new ManualModels.QuadraticModel(theta, phi);
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), reference.theta, reference.phi, X);
        var fdJ = CentralDifferences(() => reference.Loss(X, y) * dJ, reference.theta, reference.phi);

        return
        [
            new(Name, "f: dtheta", g.Theta, a[0], fd[0]),
            new(Name, "f: dphi", g.Phi, a[1], fd[1]),
            new(Name, "f: dX", g.X, a[2], fd[2]),
            new(Name, "J: dtheta (eq. 6)", jTheta * dJ, aJ[0], fdJ[0]),
            new(Name, "J: dphi (eq. 7)", jPhi * dJ, aJ[1], fdJ[1]),
        ];
    }
}
