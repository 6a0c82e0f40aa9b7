// Twin check of logistic regression in the three homework forms: 004 (bias trick, mean), 002 (separate bias,
// mean) and 001 (intercept, sum, plus Q1(c)iv's ‖θ‖²). The model under check comes from a constructor (the project's
// class, or a student's for `homework check`); central differences always differentiate the project's forward.
// Not a training test: one batch, random parameters.
using Homework.Common;
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using Homework.Manual.Models;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>dw, db and dx of the logistic log loss, three ways, for each homework's form; the shape (n, inputs) cycles with the seed.</summary>
/// <param name="manual">A class with LogisticRegression's constructor, <see cref="IManualModel{TCache, TGradients}"/> and PenaltyGradient.</param>
public sealed class LogisticRegressionCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as LogisticRegression's: copies of w (I[+1]) and b (0-dim, or null for the bias trick).</summary>
    public delegate IManualModel<ManualModels.LogisticRegression.Cache, ManualModels.LogisticRegression.Gradients> Create(torch.Tensor weight, torch.Tensor? bias, nn.Reduction reduction, double l2);

    /// <summary>∂(c ‖w_w‖²)/∂w scaled by dLoss, as LogisticRegression.PenaltyGradient.</summary>
    public delegate torch.Tensor Penalty(IManualModel<ManualModels.LogisticRegression.Cache, ManualModels.LogisticRegression.Gradients> model, torch.Tensor dLoss);

    // (n, inputs) by seed: seed 0 keeps the README table's shapes; others follow, a single example among them.
    private static readonly long[][] Shapes = [[7, 4], [4, 3], [1, 5]];

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly Penalty penaltyGradient = ManualContract.InstanceMethod<Penalty>(manual, nameof(ManualModels.LogisticRegression.PenaltyGradient));

    /// <summary>The registered check, of the project's LogisticRegression.</summary>
    public LogisticRegressionCheck() : this(typeof(ManualModels.LogisticRegression)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new LogisticRegressionCheck(type);

    /// <inheritdoc />
    public string Name => "LogisticRegression";

    /// <inheritdoc />
    public string Source => "004 Task 1a eqs. (3), (6); 002 Q4; 001 Q1 (stability.py, Q1(c)iv)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        var shape = Shapes[ShapeIndex(seed, Shapes.Length)];
        return
        [
            .. Variant("004", BiasLayout.Trick, nn.Reduction.Mean, 0, dtype, shape),
            .. Variant("002", BiasLayout.Separate, nn.Reduction.Mean, 0, dtype, shape),
            .. Variant("001", BiasLayout.Trick, nn.Reduction.Sum, 0.1, dtype, shape),
        ];
    }

    private IEnumerable<GradientComparison> Variant(string form, BiasLayout layout, nn.Reduction reduction, double l2, ScalarType dtype, long[] shape)
    {
        var (n, inputs) = (shape[0], shape[1]);
        var trick = layout == BiasLayout.Trick;
        var x = torch.randn(n, inputs, ScalarType.Float64);
        var y = torch.randint(2, [n]).to(ScalarType.Float64);
        var w = torch.randn(trick ? inputs + 1 : inputs, ScalarType.Float64);
        var b = trick ? null : torch.randn([], ScalarType.Float64);
        var dY = torch.randn([], ScalarType.Float64);

        // C = LogLoss(z) + c ‖w_w‖²: the loss's backward through the model's Backward, plus the penalty's gradient.
        using var model = create(Copy(w, dtype), b is null ? null : Copy(b, dtype), reduction, l2);
        var (z, cache) = model.Forward(Copy(x, dtype));
        var (_, lossCache) = LogLoss.Forward(z, Copy(y, dtype), reduction);
        var dYm = Copy(dY, dtype);
        var g = model.Backward(LogLoss.Backward(dYm, lossCache), cache);
        g = g with { dw = Returned(g.dw, $"dw [{form}]") + penaltyGradient(model, dYm) };

        using var twin = new TorchModels.LogisticRegression(inputs, layout, reduction, l2, dtype);
        Load(twin.weight, w.unsqueeze(0));                                       // nn.Linear keeps (1, I[+1])
        if (b is not null) Load(twin.bias!, b.unsqueeze(0));
        var xLeaf = Leaf(x, dtype);
        var leaves = b is null ? new[] { twin.weight, xLeaf } : [twin.weight, twin.bias!, xLeaf];
        var a = Grad(twin.loss(xLeaf, Copy(y, dtype)), dY, leaves);

        using var reference = new ManualModels.LogisticRegression(w, b, reduction, l2);
        torch.Tensor C() => (LogLoss.Forward(reference.Forward(x).y, y, reduction).loss + reference.Penalty()) * dY;
        yield return new(Name, $"dw [{form}]", g.dw, a[0].squeeze(0), CentralDifference.Gradient(C, reference.w));
        if (b is not null) yield return new(Name, $"db [{form}]", Returned(g.db, $"db [{form}]"), a[1].squeeze(0), CentralDifference.Gradient(C, reference.b!));
        yield return new(Name, $"dx [{form}]", Returned(g.dx, $"dx [{form}]"), a[^1], CentralDifference.Gradient(C, x));
    }
}
