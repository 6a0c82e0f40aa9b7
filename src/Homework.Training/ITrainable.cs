// What the training layer needs of a model, whichever twin it is: a gradient step on a batch, a scored forward
// pass, and checkpoints. Not a model: pairs implement it (Pairs/Pair.cs), each step at the rate its pair was made with.
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training;

/// <summary>Sums over a batch, so that chunks add up exactly to a whole set.</summary>
/// <param name="LossSum">The per-example loss summed over the batch (no regularisation term).</param>
/// <param name="Correct">How many examples were classified correctly (0 for a regression model).</param>
public readonly record struct Score(double LossSum, double Correct)
{
    /// <summary>Adds two batches' sums.</summary>
    public static Score operator +(Score a, Score b) => new(a.LossSum + b.LossSum, a.Correct + b.Correct);
}

/// <summary>A model the one training loop (<see cref="Trainer"/>) can fit and evaluate.</summary>
public interface ITrainable : IDisposable
{
    /// <summary>One gradient step on the training cost of <paramref name="batch"/>, at the model's own learning rate.</summary>
    void Step(Examples batch);

    /// <summary>The loss and correct-count sums of <paramref name="batch"/> at the current weights, without gradients.</summary>
    Score Score(Examples batch);

    /// <summary>
    /// <see cref="Score"/> of <paramref name="batch"/>, then <see cref="Step"/> on it: the same numbers, from the step's
    /// own forward pass where that is the scoring one (a model without a training mode), so the batch is not run twice.
    /// </summary>
    Score ScoredStep(Examples batch);

    /// <summary>Saves the weights (a TorchSharp <c>.dat</c>) and <paramref name="state"/> beside them.</summary>
    void Save(string datPath, TrainingState state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    TrainingState? Resume(string datPath);
}

/// <summary>
/// Several models of one shape trained in lockstep by the one training loop: every step is one batch for all members,
/// each with its own learning rate and hyperparameters, so one operation serves them all (<see cref="Trainer"/>).
/// </summary>
public interface ITrainableStack
{
    /// <summary>Members in the stack.</summary>
    int Count { get; }

    /// <summary>One gradient step of every member, each at its own learning rate, on the training cost of <paramref name="batch"/>.</summary>
    void Step(Examples batch);

    /// <summary>Each member's loss and correct-count sums of <paramref name="batch"/> at its current weights, without gradients.</summary>
    Score[] Score(Examples batch);
}
