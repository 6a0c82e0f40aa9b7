// An autograd classifier module (an nn.Module whose forward gives logits) as an ITrainable: the model's own
// gradient step, Classification's scores, and the module's state dict as the checkpoint.
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Twins;

/// <summary>Trains <paramref name="module"/> with <paramref name="step"/>, reading inputs through <paramref name="inputs"/>.</summary>
/// <param name="module">Gives logits (B, k); owned and disposed by this adapter.</param>
/// <param name="step">One gradient step on (inputs, targets) with a learning rate.</param>
/// <param name="inputs">Reshapes a batch's (B, D) rows into what the module reads (e.g. (B, 1, r, r) images); null passes them as they are.</param>
/// <param name="targets">What <paramref name="step"/> fits, taken from a batch (e.g. one-hot targets); null takes the labels.</param>
/// <param name="score">Scores logits against labels; null is <see cref="Classification.Score"/> (use <see cref="Classification.BinaryScore"/> for one logit).</param>
public sealed class ModuleClassifier(torch.nn.Module<torch.Tensor, torch.Tensor> module, Action<torch.Tensor, torch.Tensor, double> step,
    Func<torch.Tensor, torch.Tensor>? inputs = null, Func<Examples, torch.Tensor>? targets = null,
    Func<torch.Tensor, torch.Tensor, Score>? score = null) : ITrainable
{
    /// <summary>The module trained.</summary>
    public torch.nn.Module<torch.Tensor, torch.Tensor> Module => module;

    /// <inheritdoc/>
    public void Step(Examples batch, double lr) => step(Read(batch.Inputs), targets is null ? batch.Labels : targets(batch), lr);

    /// <inheritdoc/>
    public Score Score(Examples batch)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return (score ?? Classification.Score)(module.forward(Read(batch.Inputs)), batch.Labels);
    }

    /// <inheritdoc/>
    public void Save(string datPath, TrainingState state) => state.Save(datPath, module, null);

    /// <inheritdoc/>
    public TrainingState? Resume(string datPath) => TrainingState.Load(datPath, module, null);

    /// <inheritdoc/>
    public void Dispose() => module.Dispose();

    private torch.Tensor Read(torch.Tensor x) => inputs is null ? x : inputs(x);
}
