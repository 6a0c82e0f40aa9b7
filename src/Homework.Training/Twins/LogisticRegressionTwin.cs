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
public sealed class LogisticRegressionTwin : ITrainable
{
    private readonly ITrainable trainer;
    private readonly Func<torch.Tensor, torch.Tensor> logits;
    private readonly Func<torch.Tensor> weight;
    private readonly Func<torch.Tensor?> bias;

    private LogisticRegressionTwin(ITrainable trainer, Func<torch.Tensor, torch.Tensor> logits, Func<torch.Tensor> weight, Func<torch.Tensor?> bias) =>
        (this.trainer, this.logits, this.weight, this.bias) = (trainer, logits, weight, bias);

    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1), the bias
    /// as <paramref name="layout"/> says, the mean log loss, every parameter 0.
    /// </summary>
    public static LogisticRegressionTwin Zeros(Impl impl, long inputs, BiasLayout layout, ScalarType dtype = ScalarType.Float32)
    {
        if (impl == Impl.Torch)
        {
            var module = Module(inputs, layout, dtype);
            return new LogisticRegressionTwin(new ModuleClassifier(module, module.Step, targets: b => b.Labels.to(module.weight.dtype), score: Classification.BinaryScore), x =>
            {
                using var noGrad = torch.no_grad();
                return module.forward(x);
            }, () => module.weight.detach().squeeze(0).clone(), () => module.bias?.detach().squeeze(0).clone());
        }
        var model = ManualModels.LogisticRegression.Zeros(inputs, layout, dtype: dtype);
        var twin = new ManualTwin<ManualModels.LogisticRegression.Cache, ManualModels.LogisticRegression.Gradients>(model,
            (z, batch) => ManualModels.LogLoss.Backward(torch.ones([], z.dtype), ManualModels.LogLoss.Forward(z, batch.Labels.to(z.dtype), model.Reduction).cache),
            (z, batch) => Classification.BinaryScore(z, batch.Labels),
            () => Module(inputs, layout, dtype));
        return new LogisticRegressionTwin(twin, x =>
        {
            using var scope = torch.NewDisposeScope();
            return scope.MoveToOuter(model.Forward(x).y);
        }, () => model.w.clone(), () => model.b?.clone());
    }

    /// <summary>One gradient step on the mean log loss of the batch's inputs and 0/1 labels.</summary>
    public void Step(Examples batch, double lr) => trainer.Step(batch, lr);

    /// <summary>The logits z (N) of inputs (N, I), without recording gradients.</summary>
    public torch.Tensor Logits(torch.Tensor x) => logits(x);

    /// <summary>A copy of w in the homework's layout: (I), or (I+1) with the bias last under the bias trick.</summary>
    public torch.Tensor Weight() => weight();

    /// <summary>A copy of the separate bias b (0-dim); null under the bias trick.</summary>
    public torch.Tensor? Bias() => bias();

    /// <summary>Σ log loss and the number with ŷ ≥ 0.5 matching the label.</summary>
    public Score Score(Examples batch) => trainer.Score(batch);

    /// <summary>Saves the weights (the autograd twin's state dict: nn.Linear's (1, I[+1]) weight and (1) bias) and <paramref name="state"/>.</summary>
    public void Save(string datPath, TrainingState state) => trainer.Save(datPath, state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public TrainingState? Resume(string datPath) => trainer.Resume(datPath);

    /// <summary>Frees the parameters.</summary>
    public void Dispose() => trainer.Dispose();

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
}
