// The pair of least squares J(β) = ‖Xβ − y‖² / (2n) (000 Q1(a)–(d); 002 Q1's XOR fit on rows [x₁, x₂, 1]): what its
// twins share. Start: β = 0 (000 Q1(d)). Training cost: J of a batch, by hand (SquaredError's backward, divisor 2n,
// through the model's Backward) or autograd's; scored as Σ r²/2, so a set's mean score is J. Checkpoint: β by name.
// Inputs X (n, d), targets y (n): a batch is Examples.Regression(X, y)'s Examples(X, y, y).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>Least squares' pair.</summary>
public static class LeastSquaresPair
{
    /// <summary>The twin <paramref name="impl"/> in R^<paramref name="d"/> at β = 0, stepping at <paramref name="lr"/>.</summary>
    public static Pair Zeros(Impl impl, long d, double lr, ScalarType dtype = ScalarType.Float64) => Pair.Create(new PairSpec(
        $"least squares in R^{d}",
        () => new Dictionary<string, torch.Tensor> { ["beta"] = torch.zeros([d], dtype) },
        () => new ManualTrainer<ManualModels.LeastSquares.Cache, ManualModels.LeastSquares.Gradients>(new ManualModels.LeastSquares(d, dtype), lr,
            (f, batch) => ManualModels.SquaredError.Backward(torch.ones([], f.dtype), ManualModels.SquaredError.Forward(f, batch.Targets, 2.0 * batch.Count).cache),
            Scored, () => new TorchModels.LeastSquares(d, dtype)),
        () =>
        {
            var module = new TorchModels.LeastSquares(d, dtype);
            return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.Loss(batch.Inputs, batch.Targets), Scored);
        }), impl, seed: null);

    // Σ r²/2 over the batch: the set's mean is J.
    private static Score Scored(torch.Tensor f, Examples batch)
    {
        using var r = f - batch.Targets;
        return new Score(r.dot(r).ToDouble() / 2, 0);
    }
}
