// The one evaluator: a model's loss and accuracy over a whole set, in chunks so that memory stays bounded
// whatever the set's size. Not a metric definition: each model scores its own batches (ITrainable.Score).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training;

/// <summary>Mean loss and accuracy of a set.</summary>
/// <param name="Loss">Mean per-example loss (no regularisation term).</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
public readonly record struct Evaluation(double Loss, double Accuracy);

/// <summary>Chunked, gradient-free evaluation of an <see cref="ITrainable"/>.</summary>
public static class Evaluator
{
    /// <summary>
    /// Examples per forward pass: 10,000 MNIST rows are ~31 MB of input and, for the CS229 CNN, ~1 GB of
    /// activations — the largest chunk that stays well inside the machine's memory for every model here.
    /// </summary>
    public const long Chunk = 10_000;

    /// <summary>The mean loss and accuracy of <paramref name="model"/> over <paramref name="set"/>.</summary>
    public static Evaluation Evaluate(ITrainable model, Examples set, long chunk = Chunk) => Evaluate(batch => [model.Score(batch)], 1, set, chunk)[0];

    /// <summary>The mean loss and accuracy of each member of <paramref name="stack"/> over <paramref name="set"/>, in member order.</summary>
    public static Evaluation[] Evaluate(ITrainableStack stack, Examples set, long chunk = Chunk) => Evaluate(stack.Score, stack.Count, set, chunk);

    private static Evaluation[] Evaluate(Func<Examples, Score[]> score, int members, Examples set, long chunk)
    {
        if (set.Count == 0) throw new ArgumentException("cannot evaluate on an empty set", nameof(set));
        using var noGrad = torch.no_grad();
        var total = new Score[members];
        for (long start = 0; start < set.Count; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            var scores = score(set.Rows(start, Math.Min(chunk, set.Count - start)));
            for (var k = 0; k < members; k++) total[k] += scores[k];
        }
        return [.. total.Select(t => new Evaluation(t.LossSum / set.Count, t.Correct / set.Count))];
    }
}
