// Either twin of CMU 10-417 HW1's MLPs (003 Problem 5: SingleLayerMLP or TwoLayerMLP, momentum, dropout) as an
// ITrainable, so the one training loop drives both. Both twins start from the same weights (the template's
// initialisation drawn after seeding) and draw the same dropout masks from their own seeded SplitMix64, so their curves
// agree to float rounding, and runs on other threads neither disturb nor are disturbed by them.
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using ManualCmu = Homework.Manual.Cmu;
using TorchCmu = Homework.Torch.Cmu;

namespace Homework.Training.Twins;

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

/// <summary>A CMU MLP twin: one momentum step on the batch-mean cross entropy, scored logits, checkpoints.</summary>
public sealed class CmuMlpTwin : ITrainable
{
    // Seeding and the initial draw of one twin happen together, so runs built on several threads stay reproducible.
    private static readonly Lock InitLock = new();
    private readonly DropoutMasks masks;
    private readonly Impl impl;
    private ITrainable trainer = null!;

    private CmuMlpTwin(Impl impl, CmuMlpSetting setting, long seed)
    {
        if (setting.Hidden.Count is not (1 or 2)) throw new ArgumentException($"the homework's MLPs have one or two hidden layers; got {setting.Hidden.Count}", nameof(setting));
        this.impl = impl;
        Setting = setting;
        masks = new DropoutMasks(setting.Dropout, seed);
    }

    /// <summary>The setting this twin trains with.</summary>
    public CmuMlpSetting Setting { get; }

    /// <summary>
    /// The twin <paramref name="impl"/> for <paramref name="inputs"/> features and <paramref name="classes"/> classes, with the
    /// template's initialisation (W ~ U(±√6/√(in+out)), b = 0, layer by layer) drawn after torch.manual_seed(<paramref name="seed"/>);
    /// dropout masks come from SplitMix64 seeded with <paramref name="seed"/>. Equal arguments give equal weights and masks in both twins.
    /// </summary>
    public static CmuMlpTwin Create(Impl impl, long inputs, long classes, CmuMlpSetting setting, long seed)
    {
        lock (InitLock)
        {
            torch.manual_seed(seed);
            var twin = new CmuMlpTwin(impl, setting, seed);
            twin.trainer = impl == Impl.Manual ? twin.Manual(inputs, classes) : new TorchTwin(twin, inputs, classes, seed);
            return twin;
        }
    }

    /// <summary>One momentum step on the batch-mean cross entropy of the batch, dropout on. <paramref name="lr"/> must be the setting's.</summary>
    public void Step(Examples batch, double lr)
    {
        if (lr != Setting.LearningRate)
            throw new ArgumentException($"this twin was built for learning rate {Setting.LearningRate} (its momentum is set up for it); train it with that rate, not {lr}", nameof(lr));
        trainer.Step(batch, lr);
    }

    /// <summary>Summed cross entropy and correct count with dropout off (units scaled by 1 - p, 003 §1.4).</summary>
    public Score Score(Examples batch) => trainer.Score(batch);

    /// <summary>Saves the weights as the autograd twin's state dict (layer0.linear.weight, ...) and <paramref name="state"/>.</summary>
    public void Save(string datPath, TrainingState state) => trainer.Save(datPath, state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none.</summary>
    public TrainingState? Resume(string datPath)
    {
        // The manual LinearMap keeps its momentum buffers to itself, so a momentum run cannot continue exactly.
        if (impl == Impl.Manual && Setting.Momentum != 0)
            throw new NotSupportedException($"resuming a momentum run of the manual twin is not supported (its momentum buffers are not saved); delete {datPath} to train from scratch");
        return trainer.Resume(datPath);
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose() => trainer.Dispose();

    /// <summary>
    /// The manual twin's initial layers for <paramref name="setting"/>, input side first: copies of each LinearMap's
    /// (W (out, in), b (out, 1)) as <see cref="Create"/> draws them after torch.manual_seed(<paramref name="seed"/>).
    /// </summary>
    public static IReadOnlyList<(torch.Tensor W, torch.Tensor b)> InitialLayers(long inputs, long classes, CmuMlpSetting setting, long seed)
    {
        using var twin = Create(Impl.Manual, inputs, classes, setting, seed);
        ManualCmu.LinearMap[] layers = twin.trainer switch
        {
            ManualTwin<ManualCmu.SingleLayerMLP.Cache, ManualCmu.SingleLayerMLP.Gradients> { Model: ManualCmu.SingleLayerMLP one } => [one.Layer0, one.Layer1],
            ManualTwin<ManualCmu.TwoLayerMLP.Cache, ManualCmu.TwoLayerMLP.Gradients> { Model: ManualCmu.TwoLayerMLP two } => [two.Layer0, two.Layer1, two.Layer2],
            _ => throw new InvalidOperationException("the manual twin is a SingleLayerMLP or TwoLayerMLP"),
        };
        return [.. layers.Select(l => (l.W.clone().DetachFromDisposeScope(), l.b.clone().DetachFromDisposeScope()))];
    }

    // The manual twin through ManualTwin: inputs and one-hot targets as (features, B) columns, the masks drawn here.
    private ITrainable Manual(long inputs, long classes)
    {
        var s = Setting;
        static torch.Tensor Columns(Examples batch) => batch.Inputs.T;
        // ∂(batch-mean cross entropy)/∂logits (K, B), from the loss's own hand-written backward.
        static torch.Tensor LossGradient(torch.Tensor logits, Examples batch) =>
            ManualCmu.SoftmaxCrossEntropyLoss.Backward(torch.tensor(1f), ManualCmu.SoftmaxCrossEntropyLoss.Forward(logits, batch.Targets.T).cache);
        static Score Scored(torch.Tensor logits, Examples batch) => Classification.Score(logits.T, batch.Labels);
        if (s.Hidden.Count == 1)
        {
            var one = new ManualCmu.SingleLayerMLP(inputs, classes, s.Hidden[0], s.Momentum, s.Dropout) { DropoutMasks = masks.Next, InputGradient = false };
            return new ManualTwin<ManualCmu.SingleLayerMLP.Cache, ManualCmu.SingleLayerMLP.Gradients>(one, LossGradient, Scored,
                () => Module(inputs, classes, s), Columns, training => one.Training = training);
        }
        var two = new ManualCmu.TwoLayerMLP(inputs, classes, (s.Hidden[0], s.Hidden[1]), s.Momentum, s.Dropout) { DropoutMasks = masks.Next, InputGradient = false };
        return new ManualTwin<ManualCmu.TwoLayerMLP.Cache, ManualCmu.TwoLayerMLP.Gradients>(two, LossGradient, Scored,
            () => Module(inputs, classes, s), Columns, training => two.Training = training);
    }

    // The autograd twin's module for this setting (momentum and learning rate belong to its optimizer).
    private static torch.nn.Module<torch.Tensor, torch.Tensor> Module(long inputs, long classes, CmuMlpSetting s) => s.Hidden.Count == 1
        ? new TorchCmu.SingleLayerMLP(inputs, classes, s.Hidden[0], s.Dropout)
        : new TorchCmu.TwoLayerMLP(inputs, classes, (s.Hidden[0], s.Hidden[1]), s.Dropout);

    // The LinearMaps of the autograd module, input side first.
    private static TorchCmu.LinearMap[] Layers(torch.nn.Module<torch.Tensor, torch.Tensor> module) => module switch
    {
        TorchCmu.SingleLayerMLP one => [one.layer0, one.layer1],
        TorchCmu.TwoLayerMLP two => [two.layer0, two.layer1, two.layer2],
        _ => throw new ArgumentException("not a CMU MLP", nameof(module)),
    };

    // The autograd twin: the module, its SGD with momentum, and the same masks as the manual twin (drawn from owner.masks).
    private sealed class TorchTwin : ITrainable
    {
        private readonly CmuMlpTwin owner;
        private readonly torch.nn.Module<torch.Tensor, torch.Tensor> module;
        private readonly SGD optimizer;

        public TorchTwin(CmuMlpTwin owner, long inputs, long classes, long seed)
        {
            this.owner = owner;
            var s = owner.Setting;
            module = Module(inputs, classes, s);
            // nn.Linear's own initialisation drew from the generator first; redraw exactly as the manual twin's
            // constructor does (W = U(0,1)·2s − s per layer, in order; b = 0), so both twins start equal.
            torch.manual_seed(seed);
            using (torch.no_grad())
                foreach (var layer in Layers(module))
                {
                    var (outdim, indim) = (layer.weight.size(0), layer.weight.size(1));
                    var bound = Math.Sqrt(6) / Math.Sqrt(indim + outdim);
                    using var w = torch.rand(outdim, indim) * (2 * bound) - bound;
                    layer.weight.copy_(w);
                    layer.bias.zero_();
                }
            optimizer = TorchCmu.LinearMap.Optimizer(module.parameters(), s.Momentum, s.LearningRate);
        }

        public void Step(Examples batch, double lr)
        {
            using var scope = torch.NewDisposeScope();
            var (x, targets) = (batch.Inputs.T, batch.Targets.T);                                 // (D, B), (K, B)
            torch.Tensor[] masks = [.. owner.Setting.Hidden.Select(h => owner.masks.Next(h, batch.Count))];
            module.train();
            optimizer.zero_grad();
            var logits = module switch                                                             // (K, B)
            {
                TorchCmu.SingleLayerMLP one => one.forward(x, masks[0]),
                TorchCmu.TwoLayerMLP two => two.forward(x, masks[0], masks[1]),
                _ => throw new InvalidOperationException("not a CMU MLP"),
            };
            TorchCmu.SoftmaxCrossEntropyLoss.forward(logits, targets).backward();
            optimizer.step();
        }

        public Score Score(Examples batch)
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            module.eval();
            return Classification.Score(module.forward(batch.Inputs.T).T, batch.Labels);
        }

        public void Save(string datPath, TrainingState state) => state.Save(datPath, module, optimizer);

        public TrainingState? Resume(string datPath) => TrainingState.Load(datPath, module, optimizer);

        public void Dispose()
        {
            optimizer.Dispose();
            module.Dispose();
        }
    }
}
