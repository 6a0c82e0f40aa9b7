// Either twin of CS229's sigmoid MLP as an ITrainable, so the one training loop drives both and both save the
// same .dat (the autograd twin's state dict: fc1.weight, fc1.bias, fc2.weight, fc2.bias). The manual twin trains
// through ManualTwin (its fused step: SigmoidMlp.Step), the autograd twin through ModuleClassifier. Not a model.
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
public sealed class MlpTwin : ITrainable
{
    private readonly ITrainable trainer;
    private readonly Func<torch.Tensor, torch.Tensor> logits;

    private MlpTwin(ITrainable trainer, Func<torch.Tensor, torch.Tensor> logits) => (this.trainer, this.logits) = (trainer, logits);

    /// <summary>The twin <paramref name="impl"/> with Q4(b)'s initialisation (weights N(0, 1), biases 0) drawn after seeding with <paramref name="seed"/>.</summary>
    public static MlpTwin Create(Impl impl, long d, long m, long k, double lambda, long seed)
    {
        torch.manual_seed(seed);
        if (impl == Impl.Manual)
        {
            var model = ManualModels.SigmoidMlp.Create(d, m, k, lambda);
            // The loss gradient takes softmax straight from the logits (ClassLabels.LossGradient): the step never needs the loss's value.
            var twin = new ManualTwin<ManualModels.SigmoidMlp.Cache, ManualModels.SigmoidMlp.Gradients>(model,
                (y, batch) => ManualModels.ClassLabels.LossGradient(y, batch.Labels),
                (y, batch) => Classification.Score(y, batch.Labels),
                () => new TorchModels.SigmoidMlp(d, m, k, lambda));
            return new MlpTwin(twin, X =>
            {
                using var scope = torch.NewDisposeScope();
                return scope.MoveToOuter(model.Forward(X).y);
            });
        }
        var module = TorchModels.SigmoidMlp.Create(d, m, k, lambda);
        return new MlpTwin(new ModuleClassifier(module, module.Step), X =>
        {
            using var noGrad = torch.no_grad();
            return module.forward(X);
        });
    }

    /// <summary>One mini-batch gradient-descent step on J_MB (cross entropy + L2 term) of the batch's inputs and labels.</summary>
    public void Step(Examples batch, double lr) => trainer.Step(batch, lr);

    /// <summary>Logits (B, k) for X (B, d), without recording gradients.</summary>
    public torch.Tensor Logits(torch.Tensor X) => logits(X);

    /// <summary>Cross entropy (without the L2 term, as Q4 plots it) summed over the batch, and the correct count.</summary>
    public Score Score(Examples batch) => trainer.Score(batch);

    /// <summary>Saves weights and <paramref name="state"/> (the .dat and its .train.json sidecar).</summary>
    public void Save(string datPath, TrainingState state) => trainer.Save(datPath, state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public TrainingState? Resume(string datPath) => trainer.Resume(datPath);

    /// <summary>Frees the weights.</summary>
    public void Dispose() => trainer.Dispose();
}
