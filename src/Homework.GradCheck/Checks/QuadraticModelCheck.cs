// Twin check for the quadratically parameterized model (000 Q1(e-g)): its output f with a random dY,
// and the cost J with eqs. (6)-(7). The model under check comes from a constructor (the project's class, or a student's
// for `homework check`); central differences always differentiate the project's forward. Not a training test.
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>QuadraticModel: dtheta, dphi, dX of (f * dY).sum(), and dJ/dtheta, dJ/dphi of eqs. (6)-(7).</summary>
/// <param name="manual">A class with QuadraticModel's constructor, <see cref="IManualModel{TCache, TGradients}"/> and LossGradient.</param>
public sealed class QuadraticModelCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as QuadraticModel's: copies of theta (d) and phi (d).</summary>
    public delegate IManualModel<ManualModels.QuadraticModel.Cache, ManualModels.QuadraticModel.Gradients> Create(torch.Tensor theta, torch.Tensor phi);

    /// <summary>(dJ/dtheta, dJ/dphi) of eqs. (6)-(7) on X (n, d), y (n), as QuadraticModel.LossGradient.</summary>
    public delegate (torch.Tensor dtheta, torch.Tensor dphi) CostGradient(IManualModel<ManualModels.QuadraticModel.Cache, ManualModels.QuadraticModel.Gradients> model, torch.Tensor X, torch.Tensor y);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly CostGradient lossGradient = ManualContract.InstanceMethod<CostGradient>(manual, nameof(ManualModels.QuadraticModel.LossGradient));

    /// <summary>The registered check, of the project's QuadraticModel.</summary>
    public QuadraticModelCheck() : this(typeof(ManualModels.QuadraticModel)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new QuadraticModelCheck(type);

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

        using var model = create(Copy(theta, dtype), Copy(phi, dtype));
        var Xm = Copy(X, dtype);
        var (_, cache) = model.Forward(Xm);
        var g = model.Backward(Copy(dY, dtype), cache);
        var (jTheta, jPhi) = lossGradient(model, Xm, Copy(y, dtype));

        using var twin = new TorchModels.QuadraticModel(Copy(theta, dtype), Copy(phi, dtype));
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.forward(Xa), dY, twin.theta, twin.phi, Xa);
        var aJ = Grad(twin.Loss(Xa, Copy(y, dtype)), dJ, twin.theta, twin.phi);

        using var reference = new ManualModels.QuadraticModel(theta, phi);
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), reference.theta, reference.phi, X);
        var fdJ = CentralDifferences(() => reference.Loss(X, y) * dJ, reference.theta, reference.phi);

        return
        [
            new(Name, "f: dtheta", Returned(g.Theta, "dtheta"), a[0], fd[0]),
            new(Name, "f: dphi", Returned(g.Phi, "dphi"), a[1], fd[1]),
            new(Name, "f: dX", Returned(g.X, "dX"), a[2], fd[2]),
            new(Name, "J: dtheta (eq. 6)", jTheta * dJ, aJ[0], fdJ[0]),
            new(Name, "J: dphi (eq. 7)", jPhi * dJ, aJ[1], fdJ[1]),
        ];
    }
}
