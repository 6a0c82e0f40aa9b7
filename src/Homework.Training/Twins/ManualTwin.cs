// The one adapter from a manual model (Homework.Manual's IManualModel contract) to an ITrainable: a step is the model's
// Forward, its loss's Backward, the model's Backward and Step; a score is the model's output scored the evaluator's way;
// a checkpoint is the autograd twin's state dict, filled from the model's named Parameters, so either twin (or
// TorchSharp) loads it. Not a model and not a loss: each twin's factory (MlpTwin, SoftmaxRegressionTwin, ...) supplies them.
using Homework.Checkpoints;
using Homework.Data;
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Twins;

/// <summary>Trains a manual model through its contract; owns and disposes the model.</summary>
/// <typeparam name="TCache">The model's forward cache.</typeparam>
/// <typeparam name="TGradients">The model's gradients.</typeparam>
public sealed class ManualTwin<TCache, TGradients> : ITrainable
    where TCache : struct
    where TGradients : struct
{
    private readonly Func<torch.Tensor, Examples, torch.Tensor> lossGradient;
    private readonly Func<torch.Tensor, Examples, Score> score;
    private readonly Func<nn.Module>? checkpointModule;
    private readonly Func<Examples, torch.Tensor> inputs;
    private readonly Action<bool>? training;

    /// <summary>The adapter of <paramref name="model"/>.</summary>
    /// <param name="model">The model trained; owned from here on.</param>
    /// <param name="lossGradient">dL/dy of the training loss L of a batch at the model's output y (the loss's own Backward at dL = 1).</param>
    /// <param name="score">The batch's loss and correct-count sums at the model's output y (e.g. <see cref="Classification.Score"/>).</param>
    /// <param name="checkpointModule">A fresh autograd twin module: its state dict is the checkpoint format (names and layouts of <see cref="IManualModel.Parameters"/>); null when the twin is not an nn.Module (no checkpoints).</param>
    /// <param name="inputs">What the model reads of a batch (e.g. the transposed columns of the CMU MLPs); null reads <see cref="Examples.Inputs"/>.</param>
    /// <param name="training">Switches the model between training (true, before a step) and inference (false, before scoring); null for models without modes.</param>
    public ManualTwin(IManualModel<TCache, TGradients> model, Func<torch.Tensor, Examples, torch.Tensor> lossGradient,
        Func<torch.Tensor, Examples, Score> score, Func<nn.Module>? checkpointModule, Func<Examples, torch.Tensor>? inputs = null, Action<bool>? training = null)
    {
        Model = model;
        this.lossGradient = lossGradient;
        this.score = score;
        this.checkpointModule = checkpointModule;
        this.inputs = inputs ?? (batch => batch.Inputs);
        this.training = training;
    }

    /// <summary>The model trained.</summary>
    public IManualModel<TCache, TGradients> Model { get; }

    /// <inheritdoc/>
    public void Step(Examples batch, double lr)
    {
        using var scope = torch.NewDisposeScope();
        training?.Invoke(true);
        var (y, cache) = Model.Forward(inputs(batch));
        Model.Step(Model.Backward(lossGradient(y, batch), cache), lr);
    }

    /// <inheritdoc/>
    public Score Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        training?.Invoke(false);
        return score(Model.Forward(inputs(batch)).y, batch);
    }

    /// <inheritdoc/>
    public void Save(string datPath, TrainingState state)
    {
        using var module = CheckpointModule();
        using (torch.no_grad())
            foreach (var (name, tensor) in Matched(module)) tensor.copy_(Model.Parameters[name]);
        state.Save(datPath, module, null);
    }

    /// <inheritdoc/>
    public TrainingState? Resume(string datPath)
    {
        using var module = CheckpointModule();
        var state = TrainingState.Load(datPath, module, null);
        if (state is null) return null;
        using (torch.no_grad())
            foreach (var (name, tensor) in Matched(module)) Model.Parameters[name].copy_(tensor);
        return state;
    }

    /// <summary>Frees the model.</summary>
    public void Dispose() => Model.Dispose();

    private nn.Module CheckpointModule() => checkpointModule?.Invoke()
        ?? throw new NotSupportedException($"{Model.GetType().Name} has no checkpoint format (its autograd twin is not an nn.Module)");

    // The module's state dict, checked to hold exactly the model's parameter names and shapes.
    private Dictionary<string, torch.Tensor> Matched(nn.Module module)
    {
        var dict = module.state_dict();
        var names = Model.Parameters.Keys.Order().ToArray();
        if (!dict.Keys.Order().SequenceEqual(names))
            throw new InvalidOperationException($"the manual model's parameters ({string.Join(", ", names)}) are not the checkpoint module's state dict ({string.Join(", ", dict.Keys.Order())})");
        foreach (var (name, tensor) in dict)
            if (!tensor.shape.SequenceEqual(Model.Parameters[name].shape))
                throw new InvalidOperationException($"parameter {name} is {Model.Parameters[name].ShapeText()} in the manual model but {tensor.ShapeText()} in the checkpoint module");
        return dict;
    }
}
