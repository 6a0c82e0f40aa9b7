// Either twin of logistic regression (004 Task 2's bias trick, 002 Q4's separate bias) as an ITrainable, so the one
// training loop drives both: the model's own gradient step, Classification.BinaryScore, and one checkpoint format
// (the autograd twin's state dict: weight (1, I[+1]) and, with a separate bias, bias (1)). Not a model.
using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Twins;

/// <summary>A logistic regression twin started from all-zero parameters (004 Task 2b).</summary>
public abstract class LogisticRegressionTwin : ITrainable
{
    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1), the bias
    /// as <paramref name="layout"/> says, the mean log loss, every parameter 0.
    /// </summary>
    public static LogisticRegressionTwin Zeros(Impl impl, long inputs, BiasLayout layout, ScalarType dtype = ScalarType.Float32) =>
        impl == Impl.Manual
            ? new ManualTwin(ManualModels.LogisticRegression.Zeros(inputs, layout, dtype: dtype))
            : new TorchTwin(Module(inputs, layout, dtype));

    /// <summary>One gradient step on the mean log loss of the batch's inputs and 0/1 labels.</summary>
    public abstract void Step(Examples batch, double lr);

    /// <summary>The logits z (N) of inputs (N, I), without recording gradients.</summary>
    public abstract torch.Tensor Logits(torch.Tensor x);

    /// <summary>A copy of w in the homework's layout: (I), or (I+1) with the bias last under the bias trick.</summary>
    public abstract torch.Tensor Weight();

    /// <summary>A copy of the separate bias b (0-dim); null under the bias trick.</summary>
    public abstract torch.Tensor? Bias();

    /// <summary>Saves the weights (the autograd twin's state dict) and <paramref name="state"/>.</summary>
    public abstract void Save(string datPath, TrainingState state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public abstract TrainingState? Resume(string datPath);

    /// <summary>Frees the parameters.</summary>
    public abstract void Dispose();

    /// <summary>Σ log loss and the number with ŷ ≥ 0.5 matching the label.</summary>
    public Score Score(Examples batch)
    {
        using var scope = torch.NewDisposeScope();
        return Classification.BinaryScore(Logits(batch.Inputs), batch.Labels);
    }

    // nn.Linear starts random; the homeworks start at zero.
    private static TorchModels.LogisticRegression Module(long inputs, BiasLayout layout, ScalarType dtype)
    {
        var module = new TorchModels.LogisticRegression(inputs, layout, dtype: dtype);
        using (torch.no_grad())
        {
            module.weight.zero_();
            module.bias?.zero_();
        }
        return module;
    }

    private sealed class ManualTwin(ManualModels.LogisticRegression model) : LogisticRegressionTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Labels.to(model.w.dtype), lr);

        public override torch.Tensor Logits(torch.Tensor x) => model.Logits(x);

        public override torch.Tensor Weight() => model.w.clone();

        public override torch.Tensor? Bias() => model.b?.clone();

        // The file holds nn.Linear's (1, I[+1]) weight and (1) bias, so either twin (or TorchSharp) loads it.
        public override void Save(string datPath, TrainingState state)
        {
            using var module = Module(model.Inputs, model.Layout, model.w.dtype);
            using (torch.no_grad())
            {
                module.weight.copy_(model.w.unsqueeze(0));
                if (model.b is not null) module.bias!.copy_(model.b.unsqueeze(0));
            }
            state.Save(datPath, module, null);
        }

        public override TrainingState? Resume(string datPath)
        {
            using var module = Module(model.Inputs, model.Layout, model.w.dtype);
            var state = TrainingState.Load(datPath, module, null);
            if (state is null) return null;
            using var scope = torch.NewDisposeScope();
            model.w.copy_(module.weight.detach().squeeze(0));
            model.b?.copy_(module.bias!.detach().squeeze(0));
            return state;
        }

        public override void Dispose()
        {
            model.w.Dispose();
            model.b?.Dispose();
        }
    }

    private sealed class TorchTwin(TorchModels.LogisticRegression model) : LogisticRegressionTwin
    {
        public override void Step(Examples batch, double lr) => model.Step(batch.Inputs, batch.Labels.to(model.weight.dtype), lr);

        public override torch.Tensor Logits(torch.Tensor x)
        {
            using var noGrad = torch.no_grad();
            return model.forward(x);
        }

        public override torch.Tensor Weight() => model.weight.detach().squeeze(0).clone();

        public override torch.Tensor? Bias() => model.bias?.detach().squeeze(0).clone();

        public override void Save(string datPath, TrainingState state) => state.Save(datPath, model, null);

        public override TrainingState? Resume(string datPath) => TrainingState.Load(datPath, model, null);

        public override void Dispose() => model.Dispose();
    }
}
