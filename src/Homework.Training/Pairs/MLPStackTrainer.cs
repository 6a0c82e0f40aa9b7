// The CMU 10-417 grid's manual twins of one shape as one ITrainableStack: settings that differ only in momentum,
// dropout or learning rate train in lockstep through Homework.Manual.Cmu.MLPStack, one GEMM serving all of them. Each
// member starts from the weights its CmuMlpPair would draw and draws that pair's dropout masks, and the loop gives
// every member the same shuffles, so a member's history is its run alone up to float rounding (tested).
// Not the autograd twin (CmuMlpPair trains that one alone) and no checkpoints (Trainer refuses them for stacks).
using Homework.Data;
using TorchSharp;
using ManualCmu = Homework.Manual.Cmu;

namespace Homework.Training.Pairs;

/// <summary>Manual CMU MLPs of equal hidden sizes trained together, each with its own setting.</summary>
public sealed class MLPStackTrainer : ITrainableStack, IDisposable
{
    private readonly ManualCmu.MLPStack stack;
    private readonly DropoutMasks[] masks;

    private MLPStackTrainer(ManualCmu.MLPStack stack, IReadOnlyList<CmuMlpSetting> settings, long seed)
    {
        this.stack = stack;
        Settings = settings;
        masks = [.. settings.Select(s => new DropoutMasks(s.Dropout, seed))];
    }

    /// <summary>The members' settings, in member order.</summary>
    public IReadOnlyList<CmuMlpSetting> Settings { get; }

    /// <inheritdoc/>
    public int Count => Settings.Count;

    /// <summary>
    /// A stack of <paramref name="settings"/> (all with the same hidden sizes) for <paramref name="inputs"/> features and
    /// <paramref name="classes"/> classes; member k starts as <c>CmuMlpPair.Create(…, settings[k], seed)</c> does.
    /// </summary>
    public static MLPStackTrainer Create(long inputs, long classes, IReadOnlyList<CmuMlpSetting> settings, long seed)
    {
        if (settings.Count == 0) throw new ArgumentException("a stack needs at least one setting", nameof(settings));
        if (settings.Any(s => !s.Hidden.SequenceEqual(settings[0].Hidden)))
            throw new ArgumentException($"a stack's settings share their hidden sizes; got {string.Join(", ", settings.Select(s => string.Join('/', s.Hidden)).Distinct())}", nameof(settings));
        var members = settings.Select(s => InitialLayers(inputs, classes, s, seed)).ToList();
        try
        {
            var stack = new ManualCmu.MLPStack(members, [.. settings.Select(s => s.Momentum)], [.. settings.Select(s => s.Dropout)], [.. settings.Select(s => s.LearningRate)]);
            return new MLPStackTrainer(stack, settings, seed);
        }
        finally
        {
            foreach (var (w, b) in members.SelectMany(m => m)) { w.Dispose(); b.Dispose(); }
        }
    }

    // A member's starting layers, input side first, in the manual layout (W (out, in), b (out, 1)): its pair's draw.
    private static IReadOnlyList<(torch.Tensor W, torch.Tensor b)> InitialLayers(long inputs, long classes, CmuMlpSetting setting, long seed)
    {
        using var pair = CmuMlpPair.Create(Impl.Manual, inputs, classes, setting, seed);
        return [.. Enumerable.Range(0, setting.Hidden.Count + 1).Select(l => (pair.Parameter($"layer{l}.linear.weight"), pair.Parameter($"layer{l}.linear.bias").view(-1, 1)))];
    }

    /// <summary>One momentum step of every member on the batch-mean cross entropy of <paramref name="batch"/>, dropout on.</summary>
    public void Step(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        var x = batch.Inputs.T;                                                                    // (D, B)
        torch.Tensor[] layerMasks = [.. Enumerable.Range(0, stack.Layers - 1).Select(h => DropoutMasks.Stacked(masks, stack.HiddenUnits(h), batch.Count))];
        var (logits, cache) = stack.Forward(x, layerMasks);                                        // (K, classes, B)
        stack.Step(stack.Backward(stack.LossGradient(logits, batch.Targets.T), cache));
    }

    /// <summary>Each member's summed cross entropy and correct count with dropout off (units scaled by 1 - p, 003 §1.4).</summary>
    public Score[] Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        var (logits, _) = stack.Forward(batch.Inputs.T, null);                                     // (K, classes, B)
        return [.. Enumerable.Range(0, Count).Select(k => Classification.Score(logits.select(0, k).T, batch.Labels))];
    }

    /// <summary>Frees the stack's weights.</summary>
    public void Dispose() => stack.Dispose();
}
