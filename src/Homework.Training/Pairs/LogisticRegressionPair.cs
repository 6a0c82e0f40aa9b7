// The pair of logistic regression (004 Task 2's bias trick, 002 Q4's separate bias): what its twins share. Start:
// every parameter 0 (004 Task 2b). Checkpoint: the autograd twin's state dict, nn.Linear's weight (1, I[+1]) and, with a
// separate bias, bias (1). Training cost: the mean log loss; scored as summed log loss and the count with ŷ ≥ 0.5
// matching the label (Classification.BinaryScore).
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>Logistic regression's pair.</summary>
public static class LogisticRegressionPair
{
    /// <summary>
    /// The twin <paramref name="impl"/> over <paramref name="inputs"/> features (without the bias trick's 1), the bias as
    /// <paramref name="layout"/> says, the mean log loss, stepping at <paramref name="lr"/>, every parameter 0.
    /// </summary>
    public static Pair Zeros(Impl impl, long inputs, BiasLayout layout, double lr, ScalarType dtype = ScalarType.Float32) =>
        Pair.Create(new PairSpec($"logistic regression on {inputs} features",
            () => layout == BiasLayout.Trick
                ? new Dictionary<string, torch.Tensor> { ["linear.weight"] = torch.zeros(1, inputs + 1, dtype) }
                : new Dictionary<string, torch.Tensor> { ["linear.weight"] = torch.zeros(1, inputs, dtype), ["linear.bias"] = torch.zeros(1, dtype) },
            () =>
            {
                var model = ManualModels.LogisticRegression.Zeros(inputs, layout, dtype: dtype);
                return new ManualTrainer<ManualModels.LogisticRegression.Cache, ManualModels.LogisticRegression.Gradients>(model, lr,
                    (z, batch) => ManualModels.LogLoss.Backward(torch.ones([], z.dtype), ManualModels.LogLoss.Forward(z, batch.Labels.to(z.dtype), model.Reduction).cache),
                    Scored, () => Module(inputs, layout, dtype));
            },
            () =>
            {
                var module = Module(inputs, layout, dtype);
                return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.loss(batch.Inputs, batch.Labels.to(module.weight.dtype)), Scored);
            }), impl, seed: null);

    private static Score Scored(torch.Tensor logits, Examples batch) => Classification.BinaryScore(logits, batch.Labels);

    private static TorchModels.LogisticRegression Module(long inputs, BiasLayout layout, ScalarType dtype) => new(inputs, layout, dtype: dtype);
}
