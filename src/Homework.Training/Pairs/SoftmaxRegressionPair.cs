// The pair of softmax regression (004 Tasks 3-4: bias trick, λ‖w‖²; 002 Q3: separate bias, α/2 Σ‖w⁽ᵏ⁾‖²): what its
// twins share. Start: every parameter 0 (004 Task 3b). Checkpoint: the autograd twin's state dict, nn.Linear's weight
// linear.weight (K, I[+1]) and, with a separate bias, linear.bias (K). Training cost: mean cross entropy of the one-hot targets + the
// penalty; scored as summed cross entropy without it.
using Homework.Common;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>Softmax regression's pair.</summary>
public static class SoftmaxRegressionPair
{
    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1) and
    /// <paramref name="classes"/> classes, with the penalty c ‖W‖² (<paramref name="l2"/> = c: λ for 004, α/2 for 002),
    /// stepping at <paramref name="lr"/>, every parameter 0. <paramref name="penaliseBiasRow"/> puts the bias trick's row
    /// under the penalty too (004 eq. (27)); a separate bias is never penalised.
    /// </summary>
    public static Pair Zeros(Impl impl, long inputs, long classes, BiasLayout layout, double l2, bool penaliseBiasRow, double lr,
        ScalarType dtype = ScalarType.Float32)
    {
        var trick = layout == BiasLayout.Trick;
        return Pair.Create(new PairSpec(FormattableString.Invariant($"softmax regression {inputs}→{classes}, c = {l2:g}"),
            () => trick
                ? new Dictionary<string, torch.Tensor> { ["linear.weight"] = torch.zeros(classes, inputs + 1, dtype) }
                : new Dictionary<string, torch.Tensor> { ["linear.weight"] = torch.zeros(classes, inputs, dtype), ["linear.bias"] = torch.zeros(classes, dtype) },
            () =>
            {
                ManualModels.SoftmaxRegression model;
                using (torch.NewDisposeScope())
                    model = new(torch.zeros(trick ? inputs + 1 : inputs, classes, dtype), trick ? null : torch.zeros(classes, dtype), l2) { PenaliseBiasRow = penaliseBiasRow };
                return new ManualTrainer<ManualModels.SoftmaxRegression.Cache, ManualModels.SoftmaxRegression.Gradients>(model, lr,
                    (z, batch) => ManualModels.SoftmaxCrossEntropy.Backward(torch.ones([], z.dtype), ManualModels.SoftmaxCrossEntropy.Forward(z, batch.Targets).cache),
                    Classification.Score, () => Module(inputs, classes, layout, l2, penaliseBiasRow, dtype));
            },
            () =>
            {
                var module = Module(inputs, classes, layout, l2, penaliseBiasRow, dtype);
                return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.loss(batch.Inputs, batch.Targets), Classification.Score);
            }), impl, seed: null);
    }

    private static TorchModels.SoftmaxRegression Module(long inputs, long classes, BiasLayout layout, double l2, bool penaliseBiasRow, ScalarType dtype) =>
        new(inputs, classes, layout, l2, dtype) { PenaliseBiasRow = penaliseBiasRow };
}
