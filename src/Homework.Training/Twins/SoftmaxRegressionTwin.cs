// Either twin of softmax regression (004 Tasks 3-4: bias trick, λ‖w‖²; 002 Q3: separate bias, α/2 Σ‖w⁽ᵏ⁾‖²) as
// an ITrainable, so the one training loop drives both: the model's own gradient step, Classification's scores (the
// unregularised cross entropy), and one checkpoint format (the autograd twin's state dict: weight (K, I[+1]) and,
// with a separate bias, bias (K)). Not a model.
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Twins;

/// <summary>A softmax regression twin started from all-zero parameters (004 Task 3b).</summary>
public abstract class SoftmaxRegressionTwin : ITrainable
{
    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1) and
    /// <paramref name="classes"/> classes, with the penalty c ‖W‖² (<paramref name="l2"/> = c: λ for 004, α/2 for 002),
    /// every parameter 0. <paramref name="penaliseBiasRow"/> puts the bias trick's row under the penalty too (004 eq. (27));
    /// a separate bias is never penalised.
    /// </summary>
    public static SoftmaxRegressionTwin Zeros(Impl impl, long inputs, long classes, BiasLayout layout, double l2, bool penaliseBiasRow,
        ScalarType dtype = ScalarType.Float32)
    {
        if (impl == Impl.Torch) return new TorchTwin(Module(inputs, classes, layout, l2, penaliseBiasRow, dtype));
        var trick = layout == BiasLayout.Trick;
        var model = new ManualModels.SoftmaxRegression(torch.zeros(trick ? inputs + 1 : inputs, classes, dtype), trick ? null : torch.zeros(classes, dtype), l2)
        {
            PenaliseBiasRow = penaliseBiasRow,
        };
        return new ManualTwin(model);
    }

    /// <summary>One gradient step on J (cross entropy + penalty) of the batch's inputs and one-hot targets.</summary>
    public abstract void Step(Examples batch, double lr);

    /// <summary>The logits (N, K) of inputs (N, I), without recording gradients.</summary>
    public abstract torch.Tensor Logits(torch.Tensor x);

    /// <summary>A copy of W in the homework's layout (I, K), or (I+1, K) with the bias row last under the bias trick.</summary>
    public abstract torch.Tensor Weight();

    /// <summary>Saves the weights (the autograd twin's state dict) and <paramref name="state"/>.</summary>
    public abstract void Save(string datPath, TrainingState state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public abstract TrainingState? Resume(string datPath);

    /// <summary>Frees the parameters.</summary>
    public abstract void Dispose();

    /// <summary>Σ cross entropy (no penalty) and the number whose largest logit is the label.</summary>
    public Score Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        return Classification.Score(Logits(batch.Inputs), batch.Labels);
    }

    // nn.Linear starts random; the homeworks start at zero.
    private static TorchModels.SoftmaxRegression Module(long inputs, long classes, BiasLayout layout, double l2, bool penaliseBiasRow, ScalarType dtype)
    {
        var module = new TorchModels.SoftmaxRegression(inputs, classes, layout, l2, dtype)
        {
            PenaliseBiasRow = penaliseBiasRow,
        };
        using (torch.no_grad())
        {
            module.weight.zero_();
            module.bias?.zero_();
        }
        return module;
    }

    private sealed class ManualTwin(ManualModels.SoftmaxRegression model) : SoftmaxRegressionTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Targets, lr);

        public override torch.Tensor Logits(torch.Tensor x) => model.Logits(x);

        public override torch.Tensor Weight() => model.W.clone();

        // The manual twin keeps W as (I[+1], K); the file holds nn.Linear's (K, I[+1]), so either twin (or TorchSharp) loads it.
        public override void Save(string datPath, TrainingState state)
        {
            using var module = Like(model);
            using (torch.no_grad())
            {
                module.weight.copy_(model.W.T);
                if (model.b is not null) module.bias!.copy_(model.b);
            }
            state.Save(datPath, module, null);
        }

        public override TrainingState? Resume(string datPath)
        {
            using var module = Like(model);
            var state = TrainingState.Load(datPath, module, null);
            if (state is null) return null;
            using var scope = torch.NewDisposeScope();
            model.W.copy_(module.weight.detach().T);
            model.b?.copy_(module.bias!.detach());
            return state;
        }

        public override void Dispose()
        {
            model.W.Dispose();
            model.b?.Dispose();
        }

        private static TorchModels.SoftmaxRegression Like(ManualModels.SoftmaxRegression m) =>
            Module(m.Inputs, m.W.size(1), m.Layout, m.L2, m.PenaliseBiasRow, m.W.dtype);
    }

    private sealed class TorchTwin(TorchModels.SoftmaxRegression model) : SoftmaxRegressionTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Targets, lr);

        public override torch.Tensor Logits(torch.Tensor x)
        {
            using var noGrad = torch.no_grad();
            return model.forward(x);
        }

        public override torch.Tensor Weight() => model.weight.detach().clone().T.contiguous();

        public override void Save(string datPath, TrainingState state) => state.Save(datPath, model, null);

        public override TrainingState? Resume(string datPath) => TrainingState.Load(datPath, model, null);

        public override void Dispose() => model.Dispose();
    }
}
