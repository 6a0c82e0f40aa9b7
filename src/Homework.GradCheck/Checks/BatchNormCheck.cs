// Twin check for batch normalization (001 Q6): every gradient the homework names, with eps = 0 as written and
// with PyTorch's eps = 1e-5. The layer under check comes from a constructor (the project's class, or a student's for
// `homework check`); central differences always differentiate the project's forward. Not a check of running statistics
// (the manual twin keeps none).
using Homework.Manual;
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>
/// BatchNorm: dL/dbeta, dL/dgamma, dL/dx̂, dL/dv, dL/dmu and dL/dx of L = (y * dY).sum() against autograd on the
/// homework's equations written as graph nodes (each intermediate's central difference taken with the variables
/// upstream of it held fixed, as the chain rule of Q6 does), and dbeta, dgamma, dx against nn.BatchNorm1d.
/// </summary>
/// <param name="manual">A class with BatchNorm's constructor (gamma, beta, eps) and <see cref="IManualModel{TCache, TGradients}"/>.</param>
public sealed class BatchNormCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a layer under check needs, as BatchNorm's: copies of gamma (d) and beta (d), and eps.</summary>
    public delegate IManualModel<ManualModels.BatchNorm.Cache, ManualModels.BatchNorm.Gradients> Create(torch.Tensor gamma, torch.Tensor beta, double eps);

    private readonly Create create = ManualContract.Constructor<Create>(manual);

    /// <summary>The registered check, of the project's BatchNorm.</summary>
    public BatchNormCheck() : this(typeof(ManualModels.BatchNorm)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new BatchNormCheck(type);

    /// <inheritdoc />
    public string Name => "BatchNorm";

    /// <inheritdoc />
    public string Source => "001 Q6(a-d), eqs. (7)-(10)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var (m, d) = ShapeIndex(seed, 3) switch { 0 => (6, 4), 1 => (5, 3), _ => (3, 7) };   // (batch, features): seed 0 is the README table's
        torch.manual_seed(seed);
        var x = torch.randn(m, d, torch.float64);
        var gamma = torch.randn(d, torch.float64);
        var beta = torch.randn(d, torch.float64);
        var dY = torch.randn(m, d, torch.float64);
        var rows = new List<GradientComparison>();
        foreach (var eps in new[] { 0.0, 1e-5 })
            rows.AddRange(RunOne(dtype, eps, x, gamma, beta, dY));
        return rows;
    }

    private IEnumerable<GradientComparison> RunOne(ScalarType dtype, double eps, torch.Tensor x, torch.Tensor gamma, torch.Tensor beta, torch.Tensor dY)
    {
        var tag = eps == 0 ? "eps=0" : $"eps={eps:0e0}";
        using var layer = create(Copy(gamma, dtype), Copy(beta, dtype), eps);
        var (_, cache) = layer.Forward(Copy(x, dtype));
        var g = layer.Backward(Copy(dY, dtype), cache);
        var (dbeta, dgamma, dx) = (Returned(g.beta, "dbeta"), Returned(g.gamma, "dgamma"), Returned(g.X, "dx"));

        var (xa, ga, ba) = (Leaf(x, dtype), Leaf(gamma, dtype), Leaf(beta, dtype));
        var steps = TorchModels.BatchNorm.Steps(xa, ga, ba, eps);
        var a = Grad(steps.Y, dY, ba, ga, steps.XHat, steps.V, steps.Mu, xa);

        // nn.BatchNorm1d in training mode: one fused kernel, so only the parameter and input gradients exist.
        using var module = new TorchModels.BatchNorm(x.size(1), eps, dtype);
        module.Load(Copy(gamma, dtype), Copy(beta, dtype));
        var xn = Leaf(x, dtype);
        var an = Grad(module.forward(xn), dY, module.bn.bias!, module.bn.weight!, xn);

        // Central differences in float64, each intermediate perturbed with what feeds it held fixed.
        using var reference = new ManualModels.BatchNorm(gamma, beta, eps);
        var mu = x.mean([0]);
        var v = (x - mu).pow(2).mean([0]);
        var xhat = (x - mu) / (v + eps).sqrt();
        var fd = CentralDifferences(() => (reference.Forward(x).y * dY).sum(), reference.beta, reference.gamma, x);
        var fdXhat = CentralDifference.Gradient(() => ((gamma * xhat + beta) * dY).sum(), xhat);
        var fdV = CentralDifference.Gradient(() => ((gamma * (x - mu) / (v + eps).sqrt() + beta) * dY).sum(), v);
        var fdMu = CentralDifference.Gradient(() => ((gamma * (x - mu) / ((x - mu).pow(2).mean([0]) + eps).sqrt() + beta) * dY).sum(), mu);

        return
        [
            new(Name, $"{tag}: dbeta", dbeta, a[0], fd[0]),
            new(Name, $"{tag}: dgamma", dgamma, a[1], fd[1]),
            new(Name, $"{tag}: dxhat", Returned(g.XHat, "dxhat"), a[2], fdXhat),
            new(Name, $"{tag}: dv", Returned(g.V, "dv"), a[3], fdV),
            new(Name, $"{tag}: dmu", Returned(g.Mu, "dmu"), a[4], fdMu),
            new(Name, $"{tag}: dx", dx, a[5], fd[2]),
            new(Name, $"{tag}: dbeta (nn.BatchNorm1d bias)", dbeta, an[0], fd[0]),
            new(Name, $"{tag}: dgamma (nn.BatchNorm1d weight)", dgamma, an[1], fd[1]),
            new(Name, $"{tag}: dx (nn.BatchNorm1d)", dx, an[2], fd[2]),
        ];
    }
}
