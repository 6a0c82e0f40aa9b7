// Softmax regression with an L2 penalty on the weights, built from nn.Linear and cross_entropy.
// Not hand-differentiated: autograd supplies the gradients. Twin of Homework.Manual.Models.SoftmaxRegression.
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// logits = linear(x), J = cross_entropy(logits, y) + c ‖W‖², the bias not penalised unless
/// <see cref="PenaliseBiasRow"/> (004's R(w) over the whole bias-trick matrix). nn.Linear stores
/// the weight as (K, I): the transpose of the homeworks' (I, K). Under the bias trick the input gets a trailing 1
/// and the weight's last column is the bias.
/// </summary>
public sealed class SoftmaxRegression : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly Linear linear;

    /// <summary>A model with <paramref name="inputs"/> features and <paramref name="classes"/> classes.</summary>
    /// <param name="inputs">I, without the bias trick's 1.</param>
    /// <param name="classes">K.</param>
    /// <param name="layout">Separate bias (002) or bias trick (004).</param>
    /// <param name="l2">c in c ‖W‖²: α/2 for 002, λ for 004.</param>
    /// <param name="dtype">Parameter element type.</param>
    public SoftmaxRegression(long inputs, long classes, BiasLayout layout, double l2, ScalarType dtype = ScalarType.Float32) : base(nameof(SoftmaxRegression))
    {
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        Layout = layout;
        L2 = l2;
        Inputs = inputs;
        linear = torch.nn.Linear(layout == BiasLayout.Trick ? inputs + 1 : inputs, classes, hasBias: layout == BiasLayout.Separate, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>Where the bias lives.</summary>
    public BiasLayout Layout { get; }

    /// <summary>c in c ‖W‖².</summary>
    public double L2 { get; }

    /// <summary>Number of input features I.</summary>
    public long Inputs { get; }

    /// <summary>
    /// Under the bias trick, penalise the bias column too: c ‖W‖² over the whole (K, I+1) weight, as 004 eq. (27)
    /// defines R(w). False (the default) leaves the bias out, as 002 and 000 do. Refused for a separate bias.
    /// </summary>
    public bool PenaliseBiasRow
    {
        get => penaliseBiasRow;
        init => penaliseBiasRow = !value || Layout == BiasLayout.Trick ? value
            : throw new ArgumentException("PenaliseBiasRow applies to BiasLayout.Trick only; a separate bias is never penalised", nameof(PenaliseBiasRow));
    }

    private readonly bool penaliseBiasRow;

    /// <summary>The weight (K, I), or (K, I+1) with the bias last under the bias trick.</summary>
    public Parameter weight => linear.weight;

    /// <summary>The bias (K), or null under the bias trick.</summary>
    public Parameter? bias => linear.bias;

    /// <summary>Logits (N, K) for <paramref name="input"/> (N, I).</summary>
    /// <remarks>Under the bias trick [x, 1] Wᵀ is x W_wᵀ + W_b: the batch is not copied to append its 1s.</remarks>
    public override torch.Tensor forward(torch.Tensor input) => Layout == BiasLayout.Trick
        ? torch.nn.functional.linear(input, weight.narrow(1, 0, Inputs), weight.select(1, Inputs))
        : linear.forward(input);

    /// <summary>J (0-dim) for inputs (N, I) and one-hot targets (N, K).</summary>
    public torch.Tensor loss(torch.Tensor input, torch.Tensor targets)
    {
        var weights = Layout == BiasLayout.Trick && !PenaliseBiasRow ? weight.narrow(1, 0, Inputs) : weight;
        return SoftmaxCrossEntropy.forward(forward(input), targets) + L2 * weights.square().sum();
    }
}
