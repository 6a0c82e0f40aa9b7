// Either twin of CS229 W2025's quadratically parameterised model (000 Q1(e)–(g)) behind one face, so the GD and SGD
// experiments step the hand-derived gradients of eqs. (6)–(7) or autograd's alike. The manual twin steps through
// ManualTwin (SquaredError with divisor 4n as its loss). Not a training loop: full-batch and sampled steps on this
// 40-row set are taken by the experiments themselves.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Twins;

/// <summary>A quadratically parameterised model f(x) = xᵀ(θ⊙θ − φ⊙φ): one gradient step on a batch and its cost.</summary>
public sealed class QuadraticTwin : IDisposable
{
    private readonly Action<torch.Tensor, torch.Tensor, double> step;
    private readonly Func<torch.Tensor, torch.Tensor, double> cost;
    private readonly Func<torch.Tensor> beta;
    private readonly IDisposable owner;

    private QuadraticTwin(Action<torch.Tensor, torch.Tensor, double> step, Func<torch.Tensor, torch.Tensor, double> cost, Func<torch.Tensor> beta, IDisposable owner) =>
        (this.step, this.cost, this.beta, this.owner) = (step, cost, beta, owner);

    /// <summary>The twin <paramref name="impl"/> initialised at θ = φ = <paramref name="alpha"/>·1 in R^<paramref name="d"/> (Q1(f)).</summary>
    public static QuadraticTwin Create(Impl impl, long d, double alpha, ScalarType dtype = ScalarType.Float64)
    {
        if (impl == Impl.Torch)
        {
            var module = new TorchModels.QuadraticModel(d, alpha, dtype);
            return new QuadraticTwin(module.Step, (X, y) =>
            {
                using var noGrad = torch.no_grad();
                using var c = module.Loss(X, y);
                return c.ToDouble();
            }, () =>
            {
                using var noGrad = torch.no_grad();
                return module.theta * module.theta - module.phi * module.phi;
            }, module);
        }
        var model = new ManualModels.QuadraticModel(d, alpha, dtype);
        // J = Σ r² / (4n): the per-example loss r²/4, whose batch sum is the score and whose mean is J.
        var twin = new ManualTwin<ManualModels.QuadraticModel.Cache, ManualModels.QuadraticModel.Gradients>(model,
            (f, batch) => ManualModels.SquaredError.Backward(torch.ones([], f.dtype), ManualModels.SquaredError.Forward(f, batch.Targets, 4.0 * batch.Count).cache),
            (f, batch) =>
            {
                using var sum = ManualModels.SquaredError.Forward(f, batch.Targets, 4.0).loss;
                return new Score(sum.ToDouble(), 0);
            },
            checkpointModule: null);
        // A view of the caller's tensors as a batch; the caller keeps owning them (the batch is never disposed).
        static Examples Batch(torch.Tensor X, torch.Tensor y) => new(X, y, y);
        return new QuadraticTwin((X, y, lr) => twin.Step(Batch(X, y), lr), (X, y) => twin.Score(Batch(X, y)).LossSum / X.size(0),
            () => model.theta * model.theta - model.phi * model.phi, twin);
    }

    /// <summary>One gradient-descent step θ −= lr·∇θJ, φ −= lr·∇φJ on the batch X (B, d), y (B).</summary>
    public void Step(torch.Tensor X, torch.Tensor y, double lr) => step(X, y, lr);

    /// <summary>J(θ, φ) = 1/(4n) Σ (f(xᵢ) − yᵢ)² on X (n, d), y (n), without recording gradients.</summary>
    public double Cost(torch.Tensor X, torch.Tensor y) => cost(X, y);

    /// <summary>A copy of the effective linear weights β = θ⊙θ − φ⊙φ, (d).</summary>
    public torch.Tensor Beta() => beta();

    /// <summary>Frees the parameters.</summary>
    public void Dispose() => owner.Dispose();
}
