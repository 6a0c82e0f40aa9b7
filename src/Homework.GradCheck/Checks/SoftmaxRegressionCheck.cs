// Twin check of softmax regression in both homework forms: 002 (α/2‖W‖², separate b) and 004 (λ‖w‖², bias trick,
// the bias row left out of the penalty); constructed with withBiasRowPenalty, also 004 as eq. (27) defines R(w),
// the bias row penalised too (the registered check leaves that variant out, so `homework gradcheck` keeps its rows).
// The model under check comes from a constructor (the project's class, or a student's for `homework check`, which
// runs the registered variants); central differences always differentiate the project's forward.
// Not a training test: one batch, random parameters.
using Homework.Common;
using TorchSharp;
using Homework.Manual.Models;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Models.SoftmaxRegression;
using Twin = Homework.Torch.Models.SoftmaxRegression;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>dW, db and dx of the regularised softmax regression loss J, three ways, for both homework forms.</summary>
/// <param name="manual">A class with SoftmaxRegression's constructor, <see cref="Homework.Manual.IManualModel{TCache, TGradients}"/> and PenaltyGradient.</param>
/// <param name="withBiasRowPenalty">Also check 004 with the bias row under the penalty (the project's PenaliseBiasRow).</param>
public sealed class SoftmaxRegressionCheck(Type manual, bool withBiasRowPenalty) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as SoftmaxRegression's: copies of W (I[+1], K) and b (K, or null for the bias trick), and c in c ‖W‖².</summary>
    public delegate Homework.Manual.IManualModel<ManualTwin.Cache, ManualTwin.Gradients> Create(torch.Tensor weight, torch.Tensor? bias, double l2);

    /// <summary>∂(c ‖W_p‖²)/∂W scaled by dLoss, as SoftmaxRegression.PenaltyGradient.</summary>
    public delegate torch.Tensor Penalty(Homework.Manual.IManualModel<ManualTwin.Cache, ManualTwin.Gradients> model, torch.Tensor dLoss);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly Penalty penaltyGradient = ManualContract.InstanceMethod<Penalty>(manual, nameof(ManualTwin.PenaltyGradient));

    /// <summary>The project's SoftmaxRegression, with or without 004's bias-row variant.</summary>
    public SoftmaxRegressionCheck(bool withBiasRowPenalty) : this(typeof(ManualTwin), withBiasRowPenalty) { }

    /// <summary>The registered check: 002 and 004 with the bias row out of the penalty.</summary>
    public SoftmaxRegressionCheck() : this(false) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new SoftmaxRegressionCheck(type, false);

    /// <inheritdoc />
    public string Name => "SoftmaxRegression";

    /// <inheritdoc />
    public string Source => "002 Q2-Q3 (α/2‖W‖²), 004 Tasks 3-4 eq. (28) (λ‖w‖², bias trick)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        const double alpha = 0.3, lambda = 0.2;
        return
        [
            .. Variant("002", BiasLayout.Separate, alpha / 2, false, dtype, seed),
            .. Variant("004", BiasLayout.Trick, lambda, false, dtype, seed),
            .. withBiasRowPenalty ? Variant("004, bias row penalised", BiasLayout.Trick, lambda, true, dtype, seed) : Enumerable.Empty<GradientComparison>(),
        ];
    }

    private IEnumerable<GradientComparison> Variant(string form, BiasLayout layout, double l2, bool penaliseBiasRow, ScalarType dtype, long seed)
    {
        var (n, inputs, classes) = ShapeIndex(seed, 3) switch { 0 => (6L, 5L, 4L), 1 => (5L, 3L, 3L), _ => (1L, 4L, 5L) };   // seed 0 is the README table's
        var trick = layout == BiasLayout.Trick;
        var x = torch.randn(n, inputs, ScalarType.Float64);
        var targets = OneHot(n, classes);
        var w = torch.randn(trick ? inputs + 1 : inputs, classes, ScalarType.Float64);   // homework layout (I[+1], K)
        var b = trick ? null : torch.randn(classes, ScalarType.Float64);
        var dY = torch.randn([], ScalarType.Float64);

        // J = CE(softmax(z)) + c ‖W_p‖²: the cross entropy's backward through the model's Backward, plus the penalty's gradient.
        // The bias-row variant is the project's class only (With never asks for it).
        using var model = penaliseBiasRow
            ? new ManualTwin(Copy(w, dtype), null, l2) { PenaliseBiasRow = true }
            : create(Copy(w, dtype), b is null ? null : Copy(b, dtype), l2);
        var (z, cache) = model.Forward(Copy(x, dtype));
        var (_, lossCache) = SoftmaxCrossEntropy.Forward(z, Copy(targets, dtype));
        var dYm = Copy(dY, dtype);
        var g = model.Backward(SoftmaxCrossEntropy.Backward(dYm, lossCache), cache);
        g = g with { dW = Returned(g.dW, $"dW [{form}]") + penaltyGradient(model, dYm) };

        using var twin = new Twin(inputs, classes, layout, l2, dtype) { PenaliseBiasRow = penaliseBiasRow };
        Load(twin.weight, w.T);                                                          // nn.Linear keeps (K, I[+1])
        if (b is not null) Load(twin.bias!, b);
        var xLeaf = Leaf(x, dtype);
        var leaves = b is null ? new[] { twin.weight, xLeaf } : [twin.weight, twin.bias!, xLeaf];
        var a = Grad(twin.loss(xLeaf, Copy(targets, dtype)), dY, leaves);

        using var reference = new ManualTwin(w, b, l2) { PenaliseBiasRow = penaliseBiasRow };
        torch.Tensor J() => (SoftmaxCrossEntropy.Forward(reference.Forward(x).y, targets).loss + reference.Penalty()) * dY;
        yield return new(Name, $"dW [{form}]", g.dW, a[0].T, CentralDifference.Gradient(J, reference.W));
        if (b is not null) yield return new(Name, $"db [{form}]", Returned(g.db, $"db [{form}]"), a[1], CentralDifference.Gradient(J, reference.b!));
        yield return new(Name, $"dx [{form}]", Returned(g.dx, $"dx [{form}]"), a[^1], CentralDifference.Gradient(J, x));
    }
}
