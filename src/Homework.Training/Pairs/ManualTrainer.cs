// The manual twin of any pair: a manual model (Homework.Manual's IManualModel contract) trained by its own hand-written
// backward pass. A step is the model's Forward, its loss's Backward, the model's Backward and Step at the pair's
// learning rate; a score is the model's output scored the pair's way; a checkpoint is the autograd twin's state dict,
// filled from the model's named Parameters, so either twin (or TorchSharp, or PyTorch) loads it. Not a model and not a
// loss: each pair's factory supplies them.
using Homework.Checkpoints;
using Homework.Data;
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Pairs;

/// <summary>Trains a manual model through its contract; owns and disposes the model.</summary>
/// <typeparam name="TCache">The model's forward cache.</typeparam>
/// <typeparam name="TGradients">The model's gradients.</typeparam>
/// <param name="model">The model trained; owned from here on.</param>
/// <param name="lr">The learning rate of the first step (<see cref="LearningRate"/> after).</param>
/// <param name="lossGradient">dL/dy of the training loss L of a batch at the model's output y (the loss's own Backward at dL = 1).</param>
/// <param name="score">The batch's loss and correct-count sums at the model's output y (the pair's scoring, shared with the autograd twin).</param>
/// <param name="checkpointModule">A fresh autograd twin module whose state dict is the checkpoint format; null when the model has no checkpoints.</param>
/// <param name="inputs">What the model reads of a batch's inputs (e.g. the transposed columns of the CMU MLPs); null reads them as they are.</param>
/// <param name="training">Switches the model between training (true, before a step) and inference (false, before scoring); null for models without modes.</param>
/// <param name="notResumable">Why a saved run of this model cannot be continued exactly (e.g. its momentum buffers are not saved); null when it can.</param>
public sealed class ManualTrainer<TCache, TGradients>(IManualModel<TCache, TGradients> model, double lr,
    Func<torch.Tensor, Examples, torch.Tensor> lossGradient, Func<torch.Tensor, Examples, Score> score,
    Func<nn.Module>? checkpointModule, Func<torch.Tensor, torch.Tensor>? inputs = null, Action<bool>? training = null, string? notResumable = null) : ITwin
    where TCache : struct
    where TGradients : struct
{
    /// <summary>The model trained.</summary>
    public IManualModel<TCache, TGradients> Model => model;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => model.Parameters;

    /// <inheritdoc/>
    public double LearningRate { get; set; } = lr;

    /// <inheritdoc/>
    public void Step(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        training?.Invoke(true);
        var (y, cache) = model.Forward(Read(batch.Inputs));
        model.Step(model.Backward(lossGradient(y, batch), cache), LearningRate);
    }

    /// <inheritdoc/>
    /// <remarks>Without training and inference modes the step's forward output is the one scoring reads: it is scored as it is.</remarks>
    public Score ScoredStep(Examples batch)
    {
        if (training is not null)
        {
            var before = Score(batch);
            Step(batch);
            return before;
        }
        using var scope = torch.NewDisposeScope();
        var (y, cache) = model.Forward(Read(batch.Inputs));
        var scored = score(y, batch);
        model.Step(model.Backward(lossGradient(y, batch), cache), LearningRate);
        return scored;
    }

    /// <inheritdoc/>
    public Score Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        return score(Output(batch.Inputs), batch);
    }

    /// <inheritdoc/>
    public torch.Tensor Forward(torch.Tensor inputs)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Output(inputs));
    }

    /// <inheritdoc/>
    public void Save(string datPath, TrainingState state)
    {
        using var module = CheckpointModule();
        Pair.Copy(module.state_dict(), model.Parameters, "the manual model");
        state.Save(datPath, module, null);
    }

    /// <inheritdoc/>
    public TrainingState? Resume(string datPath)
    {
        if (notResumable is not null) throw new NotSupportedException($"{notResumable}; delete {datPath} to train from scratch");
        using var module = CheckpointModule();
        var state = TrainingState.Load(datPath, module, null);
        if (state is null) return null;
        Pair.Copy(model.Parameters, module.state_dict(), datPath);
        return state;
    }

    /// <summary>Frees the model.</summary>
    public void Dispose() => model.Dispose();

    private torch.Tensor Output(torch.Tensor x)
    {
        training?.Invoke(false);
        return model.Forward(Read(x)).y;
    }

    private torch.Tensor Read(torch.Tensor x) => inputs is null ? x : inputs(x);

    private nn.Module CheckpointModule() => checkpointModule?.Invoke()
        ?? throw new NotSupportedException($"{model.GetType().Name} has no checkpoint format (its autograd twin is not an nn.Module)");
}
