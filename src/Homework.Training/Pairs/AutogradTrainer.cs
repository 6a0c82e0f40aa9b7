// The autograd twin of a pair: an nn module trained by optim.SGD on a cost that autograd differentiates. A step is
// zero_grad, the cost's backward and the optimizer's step; a score is the module's output scored the pair's way; a
// checkpoint is the module's state dict (and the optimizer's state when it has any, e.g. momentum buffers). Not a
// model: each pair's factory supplies the module, its cost and its optimizer.
using Homework.Checkpoints;
using Homework.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Training.Pairs;

/// <summary>Trains <paramref name="module"/> with <paramref name="optimizer"/>; owns and disposes both.</summary>
/// <param name="module">The autograd twin.</param>
/// <param name="optimizer">optim.SGD over the module's parameters, at the pair's learning rate (and momentum).</param>
/// <param name="cost">The training cost of a batch (the module's forward, the loss and any penalty), a 0-dim tensor in the graph.</param>
/// <param name="score">The batch's loss and correct-count sums at the module's output (the pair's scoring, shared with the manual twin).</param>
/// <param name="inputs">What the module's forward reads of a batch's inputs when scoring (e.g. (B, 1, r, r) images of (B, r²) rows); null reads them as they are.</param>
/// <param name="saveOptimizer">Whether checkpoints carry the optimizer's state (needed to resume exactly when it has state, e.g. momentum).</param>
public sealed class AutogradTrainer(nn.Module<torch.Tensor, torch.Tensor> module, SGD optimizer,
    Func<Examples, torch.Tensor> cost, Func<torch.Tensor, Examples, Score> score,
    Func<torch.Tensor, torch.Tensor>? inputs = null, bool saveOptimizer = false) : ITwin
{
    private readonly Dictionary<string, torch.Tensor> parameters = module.state_dict();

    /// <summary>The module trained.</summary>
    public nn.Module<torch.Tensor, torch.Tensor> Module => module;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <inheritdoc/>
    public double LearningRate
    {
        get => optimizer.ParamGroups.First().LearningRate;
        set
        {
            foreach (var group in optimizer.ParamGroups) group.LearningRate = value;
        }
    }

    /// <inheritdoc/>
    public void Step(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        module.train();
        optimizer.zero_grad();
        cost(batch).backward();
        optimizer.step();
    }

    /// <inheritdoc/>
    /// <remarks>The cost keeps the module's output to itself, so the batch is scored by a forward pass of its own first.</remarks>
    public Score ScoredStep(Examples batch)
    {
        var before = Score(batch);
        Step(batch);
        return before;
    }

    /// <inheritdoc/>
    public Score Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        return score(Forward(batch.Inputs), batch);
    }

    /// <inheritdoc/>
    public torch.Tensor Forward(torch.Tensor inputs)
    {
        using var noGrad = torch.no_grad();
        module.eval();
        return module.forward(Read(inputs));
    }

    /// <inheritdoc/>
    public void Save(string datPath, TrainingState state) => state.Save(datPath, module, saveOptimizer ? optimizer : null);

    /// <inheritdoc/>
    public TrainingState? Resume(string datPath) => TrainingState.Load(datPath, module, saveOptimizer ? optimizer : null);

    /// <summary>Frees the module and the optimizer.</summary>
    public void Dispose()
    {
        optimizer.Dispose();
        module.Dispose();
    }

    private torch.Tensor Read(torch.Tensor x) => inputs is null ? x : inputs(x);
}
