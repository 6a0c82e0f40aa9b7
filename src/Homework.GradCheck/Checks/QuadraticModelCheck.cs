// Twin check for the quadratically parameterized model (000 Q1(e-g)): its output f with a random dY,
// and the cost J with eqs. (6)-(7). Not a training test.
using Homework.LibTorch;
using static Homework.GradCheck.GradCheckKit;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

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
        const int n = 5, d = 7;
        torch.manual_seed(seed);
        var X = torch.randn(n, d, torch.float64);
        var y = torch.randn(n, torch.float64);
        var theta = torch.randn(d, torch.float64);
        var phi = torch.randn(d, torch.float64);
        var dY = torch.randn(n, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var manual = new ManualTwin.QuadraticModel(Plain(theta, dtype), Plain(phi, dtype));
        var Xm = Plain(X, dtype);
        var (f, cache) = manual.Forward(Xm);
        var g = manual.Backward(Plain(dY, dtype), cache);
        var (jTheta, jPhi) = manual.LossGradient(Xm, Plain(y, dtype));
        var dJm = dJ.item<double>();

        using var twin = new AutogradTwin.QuadraticModel(Plain(theta, dtype), Plain(phi, dtype));
        var Xa = Leaf(X, dtype);
        var a = Autograd(Weighted(twin.forward(Xa), dY), twin.theta, twin.phi, Xa);
        var aJ = Autograd(twin.Loss(Xa, Plain(y, dtype)) * dJm, twin.theta, twin.phi);

        using var reference = new ManualTwin.QuadraticModel(theta, phi);
        var fd = FiniteDifferences(() => (reference.Forward(X).f * dY).sum(), reference.theta, reference.phi, X);
        var fdJ = FiniteDifferences(() => reference.Loss(X, y) * dJm, reference.theta, reference.phi);

        return
        [
            Compare(Name, "f: dtheta", g.Theta, a[0], fd[0]),
            Compare(Name, "f: dphi", g.Phi, a[1], fd[1]),
            Compare(Name, "f: dX", g.X, a[2], fd[2]),
            Compare(Name, "J: dtheta (eq. 6)", jTheta * dJm, aJ[0], fdJ[0]),
            Compare(Name, "J: dphi (eq. 7)", jPhi * dJm, aJ[1], fdJ[1]),
        ];
    }
}
