// One model of the homeworks as its two twins behind one face: the manual twin (Homework.Manual, gradients derived by
// hand) or the autograd twin (Homework.Torch, nn modules and optim.SGD), chosen by Impl. The pair owns what both twins
// must share, so that they train to the same numbers: the starting parameters (one seeded draw, loaded into either
// twin by name), the checkpoint layout (the autograd twin's state dict, which either twin saves and reloads), how a
// batch is read, and how an output is scored. Experiments and the bench create, train, save, reload and evaluate
// models only through pairs. Not a model (the twins are) and not a loop (Trainer is); each model's factory
// (SigmoidMlpPair, SoftmaxRegressionPair, LogisticRegressionPair, CmuMlpPair, QuadraticPair, CnnPair) says what its
// pair shares.
using Homework.Common;
using Homework.Checkpoints;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Training.Pairs;

/// <summary>Which twin of a pair trains: the hand-derived one or the autograd one.</summary>
public enum Impl
{
    /// <summary>Homework.Manual: the backward pass written out, autograd never called.</summary>
    Manual,
    /// <summary>Homework.Torch: nn modules, libtorch's autograd and optim.SGD.</summary>
    Autograd,
}

/// <summary>What one twin of a pair does; the pair adds the shared start and forwards the rest.</summary>
public interface ITwin : ITrainable
{
    /// <summary>The parameters by the autograd twin's state-dict names and layouts, views of the twin's own storage.</summary>
    IReadOnlyDictionary<string, torch.Tensor> Parameters { get; }

    /// <summary>The model's output for a batch's inputs as the pair reads them, without recording gradients.</summary>
    torch.Tensor Forward(torch.Tensor inputs);

    /// <summary>The learning rate of the next steps (a schedule sets it between steps).</summary>
    double LearningRate { get; set; }
}

/// <summary>What both twins of one model share, given by the model's factory.</summary>
/// <param name="Name">The model, as output names it (e.g. "sigmoid MLP 784-300-10").</param>
/// <param name="Draw">The starting parameters by state-dict name, drawn right after the pair seeds libtorch's generator (the homework's initialisation).</param>
/// <param name="Manual">Builds the manual twin (its parameters are then set from <paramref name="Draw"/>).</param>
/// <param name="Autograd">Builds the autograd twin (its parameters are then set from <paramref name="Draw"/>).</param>
public sealed record PairSpec(string Name, Func<IReadOnlyDictionary<string, torch.Tensor>> Draw, Func<ITwin> Manual, Func<ITwin> Autograd);

/// <summary>One model's chosen twin, started from the pair's shared draw; trains, scores, saves and reloads.</summary>
public sealed class Pair : ITrainable
{
    // Seeding and the draw of one pair happen together, so pairs built on several threads stay reproducible.
    private static readonly Lock DrawLock = new();
    private readonly ITwin twin;

    private Pair(string name, Impl impl, ITwin twin) => (Name, Impl, this.twin) = (name, impl, twin);

    /// <summary>The model.</summary>
    public string Name { get; }

    /// <summary>Which twin trains.</summary>
    public Impl Impl { get; }

    /// <summary>
    /// The twin <paramref name="impl"/> of <paramref name="spec"/>'s model, its parameters drawn by the spec after
    /// torch.manual_seed(<paramref name="seed"/>): equal arguments give both twins equal starting parameters. A null seed
    /// leaves the generator alone, for a draw that takes nothing from it (all-zero starts).
    /// </summary>
    public static Pair Create(PairSpec spec, Impl impl, long? seed)
    {
        // Building a twin may draw from the generator too (nn.Linear's own initialisation), so it happens inside the
        // lock: another thread's seeded draw must not lose numbers to it.
        lock (DrawLock)
        {
            if (seed is { } s) torch.manual_seed(s);
            IReadOnlyDictionary<string, torch.Tensor> start;
            using (var scope = torch.NewDisposeScope())
            {
                start = spec.Draw();
                foreach (var t in start.Values) t.DetachFromDisposeScope();
            }
            ITwin? twin = null;
            try
            {
                twin = impl == Impl.Manual ? spec.Manual() : spec.Autograd();
                Copy(twin.Parameters, start, "the pair's starting draw");
                return new Pair(spec.Name, impl, twin);
            }
            catch
            {
                twin?.Dispose();
                throw;
            }
            finally
            {
                foreach (var t in start.Values) t.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Step(Examples batch) => twin.Step(batch);

    /// <inheritdoc/>
    public Score Score(Examples batch) => twin.Score(batch);

    /// <inheritdoc/>
    public Score ScoredStep(Examples batch) => twin.ScoredStep(batch);

    /// <summary>The model's output for <paramref name="inputs"/> (a batch's inputs, (B, D)), without recording gradients.</summary>
    public torch.Tensor Forward(torch.Tensor inputs) => twin.Forward(inputs);

    /// <summary>The learning rate of the next steps; a schedule sets it between steps (finite, ≥ 0).</summary>
    public double LearningRate
    {
        get => twin.LearningRate;
        set => twin.LearningRate = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a learning rate must be finite and >= 0");
    }

    /// <summary>How many numbers the model learns.</summary>
    public long ParameterCount => twin.Parameters.Values.Sum(p => p.numel());

    /// <summary>A copy of the parameter <paramref name="name"/>, in the autograd twin's state-dict layout.</summary>
    public torch.Tensor Parameter(string name)
    {
        using var noGrad = torch.no_grad();
        return twin.Parameters.TryGetValue(name, out var p) ? p.detach().clone()
            : throw new ArgumentException($"{Name} has no parameter '{name}'; it has {string.Join(", ", twin.Parameters.Keys)}", nameof(name));
    }

    /// <inheritdoc/>
    public void Save(string datPath, TrainingState state) => twin.Save(datPath, state);

    /// <inheritdoc/>
    public TrainingState? Resume(string datPath) => twin.Resume(datPath);

    /// <summary>Frees the twin.</summary>
    public void Dispose() => twin.Dispose();

    /// <summary>
    /// Copies <paramref name="values"/> into the tensors of <paramref name="target"/> by name, after checking that the
    /// names and shapes are exactly the target's (<paramref name="what"/> names the source in the error).
    /// </summary>
    internal static void Copy(IReadOnlyDictionary<string, torch.Tensor> target, IReadOnlyDictionary<string, torch.Tensor> values, string what)
    {
        var names = target.Keys.Order(StringComparer.Ordinal).ToArray();
        if (!values.Keys.Order(StringComparer.Ordinal).SequenceEqual(names))
            throw new InvalidOperationException($"the parameters ({string.Join(", ", names)}) are not those of {what} ({string.Join(", ", values.Keys.Order(StringComparer.Ordinal))})");
        foreach (var (name, value) in values)
            if (!value.shape.SequenceEqual(target[name].shape))
                throw new InvalidOperationException($"parameter {name} is {target[name].ShapeText()} but {value.ShapeText()} in {what}");
        using var noGrad = torch.no_grad();
        foreach (var (name, value) in values) target[name].copy_(value);
    }
}
