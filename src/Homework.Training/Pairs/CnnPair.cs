// The pair of CS229 W2025's CNN (000 Q4(e)): conv 3×3 (F filters, padding 1) → ReLU → linear, on r×r images read as
// (B, 1, r, r) from the batch's (B, r²) rows. Start: PyTorch's default initialisation of the autograd module, drawn after
// seeding (the homework gives no other). Checkpoint: the autograd twin's state dict (conv.weight, conv.bias, fc.weight,
// fc.bias). Training cost: mean cross entropy; scored as summed cross entropy and the correct count.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.Training.Pairs;

/// <summary>The CS229 CNN's pair.</summary>
public static class CnnPair
{
    /// <summary>The twin <paramref name="impl"/> for r×r one-channel images and <paramref name="k"/> classes, stepping at <paramref name="lr"/>, drawn after seeding with <paramref name="seed"/>.</summary>
    public static Pair Create(Impl impl, long r, long k, double lr, long seed, long filters = 32)
    {
        torch.Tensor Images(torch.Tensor rows) => rows.view(rows.shape[0], 1, r, r);                 // (B, r²) -> (B, 1, r, r)
        static Score Scored(torch.Tensor logits, Examples batch) => Classification.Score(logits, batch.Labels);
        return Pair.Create(new PairSpec($"CNN {filters} filters 3×3 on {r}×{r}", () =>
            {
                using var module = new TorchModels.Cnn(r, k, filters);
                return module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
            },
            () =>
            {
                ManualModels.Cnn model;
                using (torch.NewDisposeScope())
                    model = new ManualModels.Cnn(torch.zeros([filters, 1, 3, 3]), torch.zeros(filters), torch.zeros(filters * r * r, k), torch.zeros(k)) { InputGradient = false };
                return new ManualTrainer<ManualModels.Cnn.Cache, ManualModels.Cnn.Gradients>(model, lr,
                    (y, batch) => ManualModels.ClassLabels.LossGradient(y, batch.Labels), Scored, () => new TorchModels.Cnn(r, k, filters), Images);
            },
            () =>
            {
                var module = new TorchModels.Cnn(r, k, filters);
                return new AutogradTrainer(module, torch.optim.SGD(module.parameters(), lr),
                    batch => TorchModels.Cnn.Loss(module.forward(Images(batch.Inputs)), batch.Labels), Scored, Images);
            }), impl, seed);
    }
}
