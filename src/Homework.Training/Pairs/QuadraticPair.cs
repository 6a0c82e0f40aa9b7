// The pair of CS229 W2025's quadratically parameterised model f(x) = xᵀ(θ⊙θ − φ⊙φ) (000 Q1(e)–(g)): what its twins
// share. Start: θ = φ = α·1 (Q1(f)). Training cost: J = Σ (f(xᵢ) − yᵢ)² / (4n) of a batch, the homework's eqs. (6)–(7)
// by hand or autograd's; scored as Σ r²/4, so a set's mean score is J. Checkpoint: θ and φ by name. Inputs X (n, d),
// targets y (n): a batch is Examples.Regression(X, y).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>The quadratically parameterised model's pair.</summary>
public static class QuadraticPair
{
    /// <summary>The twin <paramref name="impl"/> in R^<paramref name="d"/> at θ = φ = <paramref name="alpha"/>·1, stepping at <paramref name="lr"/>.</summary>
    public static Pair Create(Impl impl, long d, double alpha, double lr, ScalarType dtype = ScalarType.Float64) => Pair.Create(new PairSpec(
        FormattableString.Invariant($"quadratic model in R^{d}, α = {alpha:g}"),
        () => new Dictionary<string, torch.Tensor> { ["theta"] = torch.full([d], alpha, dtype), ["phi"] = torch.full([d], alpha, dtype) },
        () => new ManualTrainer<ManualModels.QuadraticModel.Cache, ManualModels.QuadraticModel.Gradients>(new ManualModels.QuadraticModel(d, alpha, dtype), lr,
            (f, batch) => ManualModels.SquaredError.Backward(torch.ones([], f.dtype), ManualModels.SquaredError.Forward(f, batch.Targets, 4.0 * batch.Count).cache),
            (f, batch) =>
            {
                using var sum = ManualModels.SquaredError.Forward(f, batch.Targets, 4.0).loss;
                return new Score(sum.ToDouble(), 0);
            }, () => new TorchModels.QuadraticModel(d, alpha, dtype)),
        () =>
        {
            var module = new TorchModels.QuadraticModel(d, alpha, dtype);
            return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.Loss(batch.Inputs, batch.Targets), (f, batch) =>
            {
                using var r = f - batch.Targets;
                return new Score(r.dot(r).ToDouble() / 4.0, 0);
            });
        }), impl, seed: null);

    /// <summary>The effective linear weights β = θ⊙θ − φ⊙φ (d) of <paramref name="pair"/>, a copy.</summary>
    public static torch.Tensor Beta(Pair pair)
    {
        using var theta = pair.Parameter("theta");
        using var phi = pair.Parameter("phi");
        return theta * theta - phi * phi;
    }
}
