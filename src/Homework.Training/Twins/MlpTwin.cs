// Either twin of CS229's sigmoid MLP as an ITrainable, so the one training loop drives both and both save the
// same .dat (the autograd twin's state dict: fc1.weight, fc1.bias, fc2.weight, fc2.bias).
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Twins;

/// <summary>Which twin trains: hand-derived gradients or autograd.</summary>
public enum Impl
{
    /// <summary>Homework.Manual: the backward pass written out, autograd never called.</summary>
    Manual,
    /// <summary>Homework.Torch: nn modules and libtorch's autograd.</summary>
    Torch,
}

/// <summary>A CS229 sigmoid MLP twin: one gradient step, scored logits, and checkpoints in one shared format.</summary>
public abstract class MlpTwin : ITrainable
{
    /// <summary>The twin <paramref name="impl"/> with Q4(b)'s initialisation (weights N(0, 1), biases 0) drawn after seeding with <paramref name="seed"/>.</summary>
    public static MlpTwin Create(Impl impl, long d, long m, long k, double lambda, long seed)
    {
        torch.manual_seed(seed);
        return impl == Impl.Manual
            ? new ManualTwin(ManualModels.SigmoidMlp.Create(d, m, k, lambda), d, m, k)
            : new TorchTwin(TorchModels.SigmoidMlp.Create(d, m, k, lambda));
    }

    /// <summary>One mini-batch gradient-descent step on J_MB (cross entropy + L2 term) of the batch's inputs and labels.</summary>
    public abstract void Step(Examples batch, double lr);

    /// <summary>Logits (B, k) for X (B, d), without recording gradients.</summary>
    public abstract torch.Tensor Logits(torch.Tensor X);

    /// <summary>Saves weights and <paramref name="state"/> (the .dat and its .train.json sidecar).</summary>
    public abstract void Save(string datPath, TrainingState state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public abstract TrainingState? Resume(string datPath);

    /// <summary>Frees the weights.</summary>
    public abstract void Dispose();

    /// <summary>Cross entropy (without the L2 term, as Q4 plots it) summed over the batch, and the correct count.</summary>
    public Score Score(Examples batch) => Classification.Score(Logits(batch.Inputs), batch.Labels);

    private sealed class ManualTwin(ManualModels.SigmoidMlp model, long d, long m, long k) : MlpTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Labels, lr);

        public override torch.Tensor Logits(torch.Tensor X)
        {
            using var scope = torch.NewDisposeScope();
            return scope.MoveToOuter(model.Forward(X).logits);
        }

        // The manual twin stores W1 (d, m) as the homework does; the file stores fc1.weight (m, d), as
        // TorchSharp and the autograd twin do, so either twin (or TorchSharp) can load it.
        public override void Save(string datPath, TrainingState state)
        {
            using var module = new TorchModels.SigmoidMlp(d, m, k, model.lambda);
            module.LoadHomeworkLayout(model.W1, model.b1, model.W2, model.b2);
            state.Save(datPath, module, null);
        }

        public override TrainingState? Resume(string datPath)
        {
            using var module = new TorchModels.SigmoidMlp(d, m, k, model.lambda);
            var state = TrainingState.Load(datPath, module, null);
            if (state is null) return null;
            using var scope = torch.NewDisposeScope();
            var (W1, b1, W2, b2) = module.HomeworkLayout();
            model.W1.copy_(W1); model.b1.copy_(b1); model.W2.copy_(W2); model.b2.copy_(b2);
            return state;
        }

        public override void Dispose() => model.Dispose();
    }

    private sealed class TorchTwin(TorchModels.SigmoidMlp model) : MlpTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Labels, lr);

        public override torch.Tensor Logits(torch.Tensor X)
        {
            using var noGrad = torch.no_grad();
            return model.forward(X);
        }

        public override void Save(string datPath, TrainingState state) => state.Save(datPath, model, null);

        public override TrainingState? Resume(string datPath) => TrainingState.Load(datPath, model, null);

        public override void Dispose() => model.Dispose();
    }
}
