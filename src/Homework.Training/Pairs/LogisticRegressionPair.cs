// The pair of logistic regression (004 Task 2's bias trick, 002 Q4's separate bias, 001's starters): what its twins
// share. Start: every parameter 0 (004 Task 2b, 001's theta = zeros), or N(0, 1) (000 Q3). Checkpoint: the autograd
// twin's state dict, nn.Linear's weight (1, I[+1]) and, with a separate bias, bias (1). Training cost: the log loss (mean, or summed as
// in 001's logreg.py) plus any c‖w‖²; scored as summed log loss and the count with ŷ ≥ 0.5 matching the label
// (Classification.BinaryScore).
using Homework.Common;
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
    /// <paramref name="layout"/> says, trained on the log loss reduced by <paramref name="reduction"/> plus
    /// <paramref name="l2"/> ‖w‖² (the bias not penalised), stepping at <paramref name="lr"/>, every parameter 0.
    /// </summary>
    public static Pair Zeros(Impl impl, long inputs, BiasLayout layout, double lr, ScalarType dtype = ScalarType.Float32,
        nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0) =>
        Pair.Create(Spec(inputs, layout, lr, dtype, reduction, l2, size => torch.zeros(size, dtype)), impl, seed: null);

    /// <summary>
    /// As <see cref="Zeros"/> (mean log loss, no penalty) but every parameter drawn from N(0, 1) after
    /// torch.manual_seed(<paramref name="seed"/>), weight first (000 Q3's random start).
    /// </summary>
    public static Pair Normal(Impl impl, long inputs, BiasLayout layout, double lr, long seed, ScalarType dtype = ScalarType.Float32) =>
        Pair.Create(Spec(inputs, layout, lr, dtype, nn.Reduction.Mean, 0, size => torch.randn(size, dtype)), impl, seed);

    private static PairSpec Spec(long inputs, BiasLayout layout, double lr, ScalarType dtype, nn.Reduction reduction, double l2,
        Func<long[], torch.Tensor> fill) =>
        new($"logistic regression on {inputs} features",
            () => layout == BiasLayout.Trick
                ? new Dictionary<string, torch.Tensor> { ["linear.weight"] = fill([1, inputs + 1]) }
                : new Dictionary<string, torch.Tensor> { ["linear.weight"] = fill([1, inputs]), ["linear.bias"] = fill([1]) },
            () =>
            {
                var model = ManualModels.LogisticRegression.Zeros(inputs, layout, reduction, l2, dtype);
                return new ManualTrainer<ManualModels.LogisticRegression.Cache, ManualModels.LogisticRegression.Gradients>(model, lr,
                    (z, batch) => ManualModels.LogLoss.Backward(torch.ones([], z.dtype), ManualModels.LogLoss.Forward(z, batch.Labels.to(z.dtype), model.Reduction).cache),
                    Classification.BinaryScore, () => Module(inputs, layout, dtype, reduction, l2));
            },
            () =>
            {
                var module = Module(inputs, layout, dtype, reduction, l2);
                return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.loss(batch.Inputs, batch.Labels.to(module.weight.dtype)), Classification.BinaryScore);
            });

    private static TorchModels.LogisticRegression Module(long inputs, BiasLayout layout, ScalarType dtype, nn.Reduction reduction, double l2) =>
        new(inputs, layout, reduction, l2, dtype);
}
