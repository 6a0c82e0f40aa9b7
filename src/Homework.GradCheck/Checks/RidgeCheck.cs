// Twin check for ridge / MAP regression (001 Q4 eq. (6)): J = 1/(2 sigma²)‖X theta − y‖² + lambda‖theta‖².
// The model under check comes from a constructor (the project's class, or a student's for `homework check`); central
// differences always differentiate the project's loss. Not a check of the closed forms (the tests do that).
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>Ridge: dtheta and dX of J·dY, with sigma ≠ 1 and lambda &gt; 0 so both scalings are exercised.</summary>
/// <param name="manual">A class with Ridge's constructor, <see cref="Homework.Manual.IManualModel{TCache, TGradients}"/> and PenaltyGradient.</param>
public sealed class RidgeCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as Ridge's: a copy of theta (d), lambda and sigma.</summary>
    public delegate Homework.Manual.IManualModel<ManualTwin.Ridge.Cache, ManualTwin.Ridge.Gradients> Create(torch.Tensor theta, double lambda, double sigma);

    /// <summary>d(lambda‖theta‖²)/dtheta, as Ridge.PenaltyGradient.</summary>
    public delegate torch.Tensor Penalty(Homework.Manual.IManualModel<ManualTwin.Ridge.Cache, ManualTwin.Ridge.Gradients> model);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly Penalty penaltyGradient = ManualContract.InstanceMethod<Penalty>(manual, nameof(ManualTwin.Ridge.PenaltyGradient));

    /// <summary>The registered check, of the project's Ridge.</summary>
    public RidgeCheck() : this(typeof(ManualTwin.Ridge)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new RidgeCheck(type);

    /// <inheritdoc />
    public string Name => "Ridge";

    /// <inheritdoc />
    public string Source => "001 Q4(b-d), eq. (6); 000 Q2 eq. (8)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var (n, d) = ShapeIndex(seed, 3) switch { 0 => (6, 5), 1 => (5, 3), _ => (3, 4) };   // seed 0 is the README table's
        const double lambda = 0.7, sigma = 0.5;
        torch.manual_seed(seed);
        var X = torch.randn(n, d, torch.float64);
        var y = torch.randn(n, torch.float64);
        var theta = torch.randn(d, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var model = create(Copy(theta, dtype), lambda, sigma);
        // J = 1/(2σ²)‖X theta − y‖² + λ‖theta‖²: SquaredError (divisor 2σ²) backward through the model's Backward, plus the penalty's.
        var (f, cache) = model.Forward(Copy(X, dtype));
        var g = model.Backward(ManualTwin.SquaredError.Backward(torch.ones([], f.dtype), ManualTwin.SquaredError.Forward(f, Copy(y, dtype), 2 * sigma * sigma).cache), cache);
        g = g with { Theta = Returned(g.Theta, "dtheta") + penaltyGradient(model) };

        using var twin = new AutogradTwin.Ridge(Copy(theta, dtype), lambda, sigma);
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.Loss(Xa, Copy(y, dtype)), dJ, twin.theta, Xa);

        using var reference = new ManualTwin.Ridge(theta, lambda, sigma);
        var fd = CentralDifferences(() => reference.Loss(X, y) * dJ, reference.theta, X);

        return
        [
            new(Name, "J: dtheta", g.Theta * dJ, a[0], fd[0]),
            new(Name, "J: dX", Returned(g.X, "dX") * dJ, a[1], fd[1]),
        ];
    }
}
