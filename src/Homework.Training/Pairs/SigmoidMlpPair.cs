// The pair of CS229 W2025's sigmoid MLP (000 Q4): what its twins share. Start: Q4(b)'s initialisation, weights N(0, 1)
// drawn as W1 (d, m) then W2 (m, k) in the homework's layout, biases 0 (or nn.Linear's default, for Q4(e)). Checkpoint: the autograd twin's state dict
// (fc1.weight (m, d), fc1.bias, fc2.weight (k, m), fc2.bias). Training cost: mean cross entropy + λ(‖W1‖² + ‖W2‖²);
// scored as summed cross entropy without the L2 term, as Q4 plots it. The manual twin steps through its fused update
// (SigmoidMlp.Step); the autograd twin through optim.SGD.
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>The CS229 sigmoid MLP's pair.</summary>
public static class SigmoidMlpPair
{
    /// <summary>
    /// The twin <paramref name="impl"/> of a d-m-k network with L2 strength <paramref name="lambda"/>, stepping at
    /// <paramref name="lr"/>, drawn after seeding with <paramref name="seed"/>: Q4(b)'s initialisation, or nn.Linear's
    /// default one with <paramref name="pytorchDefaultInit"/> (Q4(e) compares models started that way).
    /// </summary>
    public static Pair Create(Impl impl, long d, long m, long k, double lambda, double lr, long seed, bool pytorchDefaultInit = false) => Pair.Create(new PairSpec(
        FormattableString.Invariant($"sigmoid MLP {d}-{m}-{k}, λ = {lambda:g}"),
        () =>
        {
            if (pytorchDefaultInit)
            {
                using var module = Module(d, m, k, lambda);
                return module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
            }
            return new Dictionary<string, torch.Tensor>
            {
                ["fc1.weight"] = torch.randn([d, m]).T.contiguous(), ["fc2.weight"] = torch.randn([m, k]).T.contiguous(),
                ["fc1.bias"] = torch.zeros(m), ["fc2.bias"] = torch.zeros(k),
            };
        },
        () =>
        {
            ManualModels.SigmoidMlp model;
            using (torch.NewDisposeScope()) model = new(torch.zeros(d, m), torch.zeros(m), torch.zeros(m, k), torch.zeros(k), lambda);
            // The loss gradient takes softmax straight from the logits: the step never needs the loss's value.
            return new ManualTrainer<ManualModels.SigmoidMlp.Cache, ManualModels.SigmoidMlp.Gradients>(model, lr,
                (y, batch) => ManualModels.ClassLabels.LossGradient(y, batch.Labels), Scored, () => Module(d, m, k, lambda));
        },
        () =>
        {
            var module = Module(d, m, k, lambda);
            return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr), batch => module.Cost(batch.Inputs, batch.Labels), Scored);
        }), impl, seed);

    private static Score Scored(torch.Tensor logits, Homework.Data.Examples batch) => Classification.Score(logits, batch.Labels);

    private static TorchModels.SigmoidMlp Module(long d, long m, long k, double lambda) => new(d, m, k, lambda);
}
