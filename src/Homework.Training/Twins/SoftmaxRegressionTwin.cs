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
public sealed class SoftmaxRegressionTwin : ITrainable
{
    private readonly ITrainable trainer;
    private readonly Func<torch.Tensor, torch.Tensor> logits;
    private readonly Func<torch.Tensor> weight;

    private SoftmaxRegressionTwin(ITrainable trainer, Func<torch.Tensor, torch.Tensor> logits, Func<torch.Tensor> weight) =>
        (this.trainer, this.logits, this.weight) = (trainer, logits, weight);

    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1) and
    /// <paramref name="classes"/> classes, with the penalty c ‖W‖² (<paramref name="l2"/> = c: λ for 004, α/2 for 002),
    /// every parameter 0. <paramref name="penaliseBiasRow"/> puts the bias trick's row under the penalty too (004 eq. (27));
    /// a separate bias is never penalised.
    /// </summary>
    public static SoftmaxRegressionTwin Zeros(Impl impl, long inputs, long classes, BiasLayout layout, double l2, bool penaliseBiasRow,
        ScalarType dtype = ScalarType.Float32)
    {
        if (impl == Impl.Torch)
        {
            var module = Module(inputs, classes, layout, l2, penaliseBiasRow, dtype);
            return new SoftmaxRegressionTwin(new ModuleClassifier(module, module.Step, targets: b => b.Targets), x =>
            {
                using var noGrad = torch.no_grad();
                return module.forward(x);
            }, () => module.weight.detach().clone().T.contiguous());
        }
        var trick = layout == BiasLayout.Trick;
        ManualModels.SoftmaxRegression model;
        using (var scope = torch.NewDisposeScope())
            model = new ManualModels.SoftmaxRegression(torch.zeros(trick ? inputs + 1 : inputs, classes, dtype), trick ? null : torch.zeros(classes, dtype), l2)
            {
                PenaliseBiasRow = penaliseBiasRow,
            };
        var twin = new ManualTwin<ManualModels.SoftmaxRegression.Cache, ManualModels.SoftmaxRegression.Gradients>(model,
            (z, batch) => ManualModels.SoftmaxCrossEntropy.Backward(torch.ones([], z.dtype), ManualModels.SoftmaxCrossEntropy.Forward(z, batch.Targets).cache),
            (z, batch) => Classification.Score(z, batch.Labels),
            () => Module(inputs, classes, layout, l2, penaliseBiasRow, dtype));
        return new SoftmaxRegressionTwin(twin, x =>
        {
            using var scope = torch.NewDisposeScope();
            return scope.MoveToOuter(model.Forward(x).y);
        }, () => model.W.clone());
    }

    /// <summary>One gradient step on J (cross entropy + penalty) of the batch's inputs and one-hot targets.</summary>
    public void Step(Examples batch, double lr) => trainer.Step(batch, lr);

    /// <summary>The logits (N, K) of inputs (N, I), without recording gradients.</summary>
    public torch.Tensor Logits(torch.Tensor x) => logits(x);

    /// <summary>A copy of W in the homework's layout (I, K), or (I+1, K) with the bias row last under the bias trick.</summary>
    public torch.Tensor Weight() => weight();

    /// <summary>Σ cross entropy (no penalty) and the number whose largest logit is the label.</summary>
    public Score Score(Examples batch) => trainer.Score(batch);

    /// <summary>Saves the weights (the autograd twin's state dict: nn.Linear's (K, I[+1]) weight, and (K) bias) and <paramref name="state"/>.</summary>
    public void Save(string datPath, TrainingState state) => trainer.Save(datPath, state);

    /// <summary>Restores a run saved by <see cref="Save"/>; null when there is none to resume.</summary>
    public TrainingState? Resume(string datPath) => trainer.Resume(datPath);

    /// <summary>Frees the parameters.</summary>
    public void Dispose() => trainer.Dispose();

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
}
