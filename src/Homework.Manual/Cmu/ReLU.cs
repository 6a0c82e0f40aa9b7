// CMU 10-417 HW1 (003 Problem 5) ReLU combined with dropout, with the train/inference rule of 003 §1.4.
// Not inverted dropout: training masks without rescaling, inference multiplies by 1 - p.
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>
/// h = max(0, x) with dropout probability p (003 §1.4): in training each unit is zeroed with probability p
/// (mask = U(0,1) > p, one uniform draw per call); at inference nothing is masked and h is multiplied by 1 - p,
/// the training-time expectation. Shapes are (features, B) as in the homework, but any shape works.
/// </summary>
public sealed class ReLU
{
    /// <summary>A ReLU with dropout probability <paramref name="dropoutProbability"/> (0 = no dropout).</summary>
    public ReLU(double dropoutProbability = 0)
    {
        if (dropoutProbability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropoutProbability), dropoutProbability, "dropout probability must be in [0, 1)");
        DropoutProbability = dropoutProbability;
    }

    /// <summary>The probability p of zeroing a unit in training.</summary>
    public double DropoutProbability { get; }

    /// <summary>What the backward pass needs: the input x and the factor each unit was multiplied by (mask or 1 - p).</summary>
    public readonly record struct Cache(torch.Tensor Input, torch.Tensor Scale);

    /// <summary>
    /// max(0, x) times the dropout factor. In training, <paramref name="mask"/> (1 keeps, 0 drops; x's shape) is
    /// drawn as U(0,1) > p unless given; giving it makes the pass deterministic (gradient checks share it).
    /// </summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x, bool train = true, torch.Tensor? mask = null)
    {
        if (mask is not null && !mask.shape.SequenceEqual(x.shape))
            throw new ArgumentException($"mask must have x's shape {x.ShapeText()}; got {mask.ShapeText()}", nameof(mask));
        torch.Tensor scale = train
            ? (mask ?? torch.rand_like(x).gt(DropoutProbability)).to(x.dtype)     // 0/1 per unit
            : torch.full_like(x, 1 - DropoutProbability);                          // 1 - p everywhere
        return (x.clamp(min: 0) * scale, new Cache(x, scale));
    }

    // Backward of h = max(0, x) · s, s the mask (training) or 1 - p (inference)  (003 eq. (24)).
    //   ∂max(0, x)/∂x = 1 where x > 0, else 0 (the kink at 0 takes 0)
    //   dx = dh · 1[x > 0] · s          (x's shape)
    /// <summary>∂h/∂x applied to the upstream gradient <paramref name="dy"/>.</summary>
    public torch.Tensor Backward(torch.Tensor dy, Cache cache) =>
        dy * cache.Input.gt(0).to(dy.dtype) * cache.Scale;
}
