// Logistic regression with the binary cross-entropy loss, built from nn.Linear and binary_cross_entropy_with_logits.
// Not hand-differentiated: autograd supplies the gradients. Twin of Homework.Manual.Models.LogisticRegression.
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// ŷ = σ(linear(x)), C = mean (004, 002) or sum (001) of the per-example log loss, plus c ‖w‖² without the
/// bias. nn.Linear(I, 1) stores w as (1, I); under the bias trick the input gets a trailing 1.
/// </summary>
public sealed class LogisticRegression : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly Linear linear;

    /// <summary>A model with <paramref name="inputs"/> features.</summary>
    /// <param name="inputs">I, without the bias trick's 1.</param>
    /// <param name="layout">Separate bias (002) or bias trick (004, 001).</param>
    /// <param name="reduction">Mean (004, 002) or sum (001) over examples.</param>
    /// <param name="l2">c in c ‖w‖².</param>
    /// <param name="dtype">Parameter element type.</param>
    public LogisticRegression(long inputs, BiasLayout layout, nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(LogisticRegression))
    {
        if (reduction == nn.Reduction.None) throw new ArgumentException("the loss must be reduced: use nn.Reduction.Mean (004, 002) or nn.Reduction.Sum (001)", nameof(reduction));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        Layout = layout;
        Reduction = reduction;
        L2 = l2;
        Inputs = inputs;
        linear = torch.nn.Linear(layout == BiasLayout.Trick ? inputs + 1 : inputs, 1, hasBias: layout == BiasLayout.Separate, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>Where the bias lives.</summary>
    public BiasLayout Layout { get; }

    /// <summary>Mean or sum over examples.</summary>
    public nn.Reduction Reduction { get; }

    /// <summary>c in c ‖w‖².</summary>
    public double L2 { get; }

    /// <summary>Number of input features I.</summary>
    public long Inputs { get; }

    /// <summary>The weight (1, I), or (1, I+1) with the bias last.</summary>
    public Parameter weight => linear.weight;

    /// <summary>The bias (1), or null under the bias trick.</summary>
    public Parameter? bias => linear.bias;

    /// <summary>The logits z (N) for <paramref name="input"/> (N, I); ŷ = σ(z).</summary>
    public override torch.Tensor forward(torch.Tensor input) =>
        linear.forward(Layout == BiasLayout.Trick ? torch.cat([input, torch.ones(input.size(0), 1, input.dtype)], 1) : input).squeeze(1);

    /// <summary>The loss (0-dim) for inputs (N, I) and 0/1 labels (N).</summary>
    public torch.Tensor loss(torch.Tensor input, torch.Tensor labels)
    {
        var weights = Layout == BiasLayout.Trick ? weight.narrow(1, 0, Inputs) : weight;
        return torch.nn.functional.binary_cross_entropy_with_logits(forward(input), labels, reduction: Reduction) + L2 * weights.square().sum();
    }
}
