// Twin check for least squares (000 Q1(a-d)): J(beta) = 1/(2n)‖X beta − y‖² with a random upstream scalar.
// The model under check comes from a constructor (the project's class, or a student's for `homework check`); central
// differences always differentiate the project's loss. Not a check of the closed forms (the tests do that).
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>LeastSquares: dbeta (eq. 3) and dX of J·dY.</summary>
/// <param name="manual">A class with LeastSquares's constructor (a copy of beta) and <see cref="IManualModel{TCache, TGradients}"/>.</param>
public sealed class LeastSquaresCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as LeastSquares's: a copy of beta (d).</summary>
    public delegate IManualModel<ManualModels.LeastSquares.Cache, ManualModels.LeastSquares.Gradients> Create(torch.Tensor beta);

    private readonly Create create = ManualContract.Constructor<Create>(manual);

    /// <summary>The registered check, of the project's LeastSquares.</summary>
    public LeastSquaresCheck() : this(typeof(ManualModels.LeastSquares)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new LeastSquaresCheck(type);

    /// <inheritdoc />
    public string Name => "LeastSquares";

    /// <inheritdoc />
    public string Source => "000 Q1(a-d), eqs. (1), (3)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var (n, d) = ShapeIndex(seed, 3) switch { 0 => (4, 9), 1 => (5, 3), _ => (7, 4) };   // seed 0 is the README table's
        torch.manual_seed(seed);
        var X = torch.randn(n, d, torch.float64);
        var y = torch.randn(n, torch.float64);
        var beta = torch.randn(d, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var model = create(Copy(beta, dtype));
        // J = 1/(2n)‖X beta − y‖²: SquaredError (divisor 2n) backward through the model's Backward.
        var (f, cache) = model.Forward(Copy(X, dtype));
        var g = model.Backward(ManualModels.SquaredError.Backward(torch.ones([], f.dtype), ManualModels.SquaredError.Forward(f, Copy(y, dtype), 2.0 * n).cache), cache);

        using var twin = new TorchModels.LeastSquares(Copy(beta, dtype));
        var Xa = Leaf(X, dtype);
        var a = Grad(twin.Loss(Xa, Copy(y, dtype)), dJ, twin.beta, Xa);

        using var reference = new ManualModels.LeastSquares(beta);
        var fd = CentralDifferences(() => reference.Loss(X, y) * dJ, reference.beta, X);

        return
        [
            new(Name, "J: dbeta (eq. 3)", Returned(g.Beta, "dbeta") * dJ, a[0], fd[0]),
            new(Name, "J: dX", Returned(g.X, "dX") * dJ, a[1], fd[1]),
        ];
    }
}
