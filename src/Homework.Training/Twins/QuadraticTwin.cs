// Either twin of CS229 W2025's quadratically parameterised model (000 Q1(e)–(g)) behind one face, so the GD and SGD
// experiments step the hand-derived gradients of eqs. (6)–(7) or autograd's alike. Not a training loop: full-batch and
// sampled steps on this 40-row set are taken by the experiments themselves.
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Twins;

/// <summary>A quadratically parameterised model f(x) = xᵀ(θ⊙θ − φ⊙φ): one gradient step on a batch and its cost.</summary>
public abstract class QuadraticTwin : IDisposable
{
    /// <summary>The twin <paramref name="impl"/> initialised at θ = φ = <paramref name="alpha"/>·1 in R^<paramref name="d"/> (Q1(f)).</summary>
    public static QuadraticTwin Create(Impl impl, long d, double alpha, ScalarType dtype = ScalarType.Float64) => impl == Impl.Manual
        ? new ManualTwin(new ManualModels.QuadraticModel(d, alpha, dtype))
        : new TorchTwin(new TorchModels.QuadraticModel(d, alpha, dtype));

    /// <summary>One gradient-descent step θ −= lr·∇θJ, φ −= lr·∇φJ on the batch X (B, d), y (B).</summary>
    public abstract void Step(torch.Tensor X, torch.Tensor y, double lr);

    /// <summary>J(θ, φ) = 1/(4n) Σ (f(xᵢ) − yᵢ)² on X (n, d), y (n), without recording gradients.</summary>
    public abstract double Cost(torch.Tensor X, torch.Tensor y);

    /// <summary>A copy of the effective linear weights β = θ⊙θ − φ⊙φ, (d).</summary>
    public abstract torch.Tensor Beta();

    /// <summary>Frees the parameters.</summary>
    public abstract void Dispose();

    private sealed class ManualTwin(ManualModels.QuadraticModel model) : QuadraticTwin
    {
        public override void Step(torch.Tensor X, torch.Tensor y, double lr) => model.Step(X, y, lr);

        public override double Cost(torch.Tensor X, torch.Tensor y)
        {
            using var cost = model.Loss(X, y);
            return cost.item<double>();
        }

        public override torch.Tensor Beta() => model.theta * model.theta - model.phi * model.phi;

        public override void Dispose() => model.Dispose();
    }

    private sealed class TorchTwin(TorchModels.QuadraticModel model) : QuadraticTwin
    {
        public override void Step(torch.Tensor X, torch.Tensor y, double lr) => model.Step(X, y, lr);

        public override double Cost(torch.Tensor X, torch.Tensor y)
        {
            using var noGrad = torch.no_grad();
            using var cost = model.Loss(X, y);
            return cost.item<double>();
        }

        public override torch.Tensor Beta()
        {
            using var noGrad = torch.no_grad();
            return model.theta * model.theta - model.phi * model.phi;
        }

        public override void Dispose() => model.Dispose();
    }
}
