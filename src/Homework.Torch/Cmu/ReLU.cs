// CMU 10-417 HW1 (003 Problem 5) ReLU with dropout, from relu and nn.functional.dropout, with 003 §1.4's rule.
// Not inverted dropout: training masks without rescaling, inference multiplies by 1 - p. Twin of Manual.Cmu.ReLU.
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Cmu;

/// <summary>
/// h = max(0, x) with dropout probability p (003 §1.4). In training, nn.functional.dropout zeroes units with
/// probability p and scales survivors by 1/(1-p); multiplying by (1-p) undoes the scaling, leaving the plain mask
/// the homework specifies. In evaluation (<c>eval()</c>), h = max(0, x)(1 - p).
/// </summary>
public sealed class ReLU : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>A ReLU with dropout probability <paramref name="p"/> (0 = no dropout).</summary>
    public ReLU(double p = 0) : base(nameof(ReLU))
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        this.p = p;
        RegisterComponents();
    }

    /// <summary>The probability of zeroing a unit in training.</summary>
    public double p { get; }

    /// <summary>max(0, x) with a freshly drawn mask in training, times 1 - p in evaluation.</summary>
    public override torch.Tensor forward(torch.Tensor input) =>
        training
            ? torch.nn.functional.dropout(torch.nn.functional.relu(input), p, training: true) * (1 - p)
            : torch.nn.functional.relu(input) * (1 - p);

    /// <summary>Training-mode output with a given 0/1 <paramref name="mask"/> (input's shape), so two twins can share one mask.</summary>
    public torch.Tensor forward(torch.Tensor input, torch.Tensor mask)
    {
        if (!mask.shape.SequenceEqual(input.shape))
            throw new ArgumentException($"mask must have the input's shape {input.ShapeText()}; got {mask.ShapeText()}", nameof(mask));
        return torch.nn.functional.relu(input) * mask.to(input.dtype);
    }
}
