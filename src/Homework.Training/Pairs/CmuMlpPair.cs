// The pair of CMU 10-417 HW1's MLPs (003 Problem 5: SingleLayerMLP or TwoLayerMLP, momentum, dropout): what its twins
// share. Start: the template's initialisation (W ~ U(±√6/√(in+out)), b = 0, layer by layer), drawn once by the manual
// model's constructor after seeding. Dropout masks: each twin draws them from its own SplitMix64 seeded with the run's
// seed, so the twins' curves agree to float rounding and runs on other threads neither disturb nor are disturbed by
// them. Inputs are read as (features, B) columns, the template's layout. Checkpoint: the autograd twin's state dict
// (layer0.linear.weight, ...) and, for the autograd twin, its momentum buffers. Training cost: the batch-mean cross
// entropy; scored with dropout off (units scaled by 1 − p, 003 §1.4).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Training.Pairs;

/// <summary>One setting of 003 Part 2: hidden layer sizes (one or two), momentum α, dropout probability p, learning rate.</summary>
/// <param name="Hidden">Hidden units per layer: one entry for SingleLayerMLP, two for TwoLayerMLP.</param>
/// <param name="Momentum">α of 003 §1.3 (0 is plain SGD).</param>
/// <param name="Dropout">p of 003 §1.4 (0 is no dropout).</param>
/// <param name="LearningRate">The step size.</param>
public sealed record CmuMlpSetting(IReadOnlyList<long> Hidden, double Momentum, double Dropout, double LearningRate)
{
    /// <summary>The homework's label of a setting: (hidden, α, dropout, lr), e.g. (60/60, 0.4, 0.2, 0.001).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"({string.Join('/', Hidden)}, {Momentum:0.###}, {Dropout:0.###}, {LearningRate:0.#####})");
}

/// <summary>The CMU MLPs' pair.</summary>
public static class CmuMlpPair
{
    /// <summary>
    /// The twin <paramref name="impl"/> for <paramref name="inputs"/> features, <paramref name="classes"/> classes and
    /// <paramref name="setting"/>, its weights drawn after torch.manual_seed(<paramref name="seed"/>) and its dropout
    /// masks from SplitMix64 seeded with <paramref name="seed"/>.
    /// </summary>
    public static Pair Create(Impl impl, long inputs, long classes, CmuMlpSetting setting, long seed)
    {
        if (setting.Hidden.Count is not (1 or 2)) throw new ArgumentException($"the homework's MLPs have one or two hidden layers; got {setting.Hidden.Count}", nameof(setting));
        return Pair.Create(new PairSpec($"CMU MLP {setting}", () => Draw(inputs, classes, setting),
            () => Manual(inputs, classes, setting, new DropoutMasks(setting.Dropout, seed)),
            () => Autograd(inputs, classes, setting, new DropoutMasks(setting.Dropout, seed))), impl, seed);
    }

    // The template's draw is the manual model's constructor: one formula, whichever twin trains.
    private static Dictionary<string, torch.Tensor> Draw(long inputs, long classes, CmuMlpSetting s)
    {
        using ManualCmu.SingleLayerMLP? one = s.Hidden.Count == 1 ? new(inputs, classes, s.Hidden[0], 0, 0) : null;
        using ManualCmu.TwoLayerMLP? two = s.Hidden.Count == 2 ? new(inputs, classes, (s.Hidden[0], s.Hidden[1]), 0, 0) : null;
        var parameters = one?.Parameters ?? two!.Parameters;
        return parameters.ToDictionary(p => p.Key, p => p.Value.clone());
    }

    private static torch.Tensor Columns(torch.Tensor rows) => rows.T;                              // (B, D) -> (D, B)

    private static Score Scored(torch.Tensor logits, Examples batch) => Classification.Score(logits.T, batch.Labels);

    private static ITwin Manual(long inputs, long classes, CmuMlpSetting s, DropoutMasks masks)
    {
        // ∂(batch-mean cross entropy)/∂logits (K, B), from the loss's own hand-written backward.
        static torch.Tensor LossGradient(torch.Tensor logits, Examples batch) =>
            ManualCmu.SoftmaxCrossEntropyLoss.Backward(torch.tensor(1f), ManualCmu.SoftmaxCrossEntropyLoss.Forward(logits, batch.Targets.T).cache);
        // The manual LinearMap keeps its momentum buffers to itself, so a momentum run cannot continue exactly.
        var notResumable = s.Momentum != 0 ? "resuming a momentum run of the manual twin is not supported (its momentum buffers are not saved)" : null;
        if (s.Hidden.Count == 1)
        {
            var one = new ManualCmu.SingleLayerMLP(inputs, classes, s.Hidden[0], s.Momentum, s.Dropout) { DropoutMasks = masks.Next, InputGradient = false };
            return new ManualTrainer<ManualCmu.SingleLayerMLP.Cache, ManualCmu.SingleLayerMLP.Gradients>(one, s.LearningRate, LossGradient, Scored,
                () => Module(inputs, classes, s), Columns, training => one.Training = training, notResumable);
        }
        var two = new ManualCmu.TwoLayerMLP(inputs, classes, (s.Hidden[0], s.Hidden[1]), s.Momentum, s.Dropout) { DropoutMasks = masks.Next, InputGradient = false };
        return new ManualTrainer<ManualCmu.TwoLayerMLP.Cache, ManualCmu.TwoLayerMLP.Gradients>(two, s.LearningRate, LossGradient, Scored,
            () => Module(inputs, classes, s), Columns, training => two.Training = training, notResumable);
    }

    private static ITwin Autograd(long inputs, long classes, CmuMlpSetting s, DropoutMasks masks)
    {
        var module = Module(inputs, classes, s);
        return new AutogradTrainer(module, TorchCmu.LinearMap.Optimizer(module.parameters(), s.Momentum, s.LearningRate), batch =>
        {
            var (x, targets) = (batch.Inputs.T, batch.Targets.T);                                   // (D, B), (K, B)
            var m = s.Hidden.Select(h => masks.Next(h, batch.Count)).ToArray();
            var logits = module switch                                                               // (K, B)
            {
                TorchCmu.SingleLayerMLP one => one.forward(x, m[0]),
                TorchCmu.TwoLayerMLP two => two.forward(x, m[0], m[1]),
                _ => throw new InvalidOperationException("not a CMU MLP"),
            };
            return TorchCmu.SoftmaxCrossEntropyLoss.forward(logits, targets);
        }, Scored, Columns, saveOptimizer: true);
    }

    // The autograd twin's module for this setting (momentum and learning rate belong to its optimizer).
    private static nn.Module<torch.Tensor, torch.Tensor> Module(long inputs, long classes, CmuMlpSetting s) => s.Hidden.Count == 1
        ? new TorchCmu.SingleLayerMLP(inputs, classes, s.Hidden[0], s.Dropout)
        : new TorchCmu.TwoLayerMLP(inputs, classes, (s.Hidden[0], s.Hidden[1]), s.Dropout);
}
