// Logistic regression z = xᵀw + b, hand-differentiated; its loss is LogLoss (a separate Forward/Backward pair).
// Not a trainer: forward, backward, one gradient step and the parameters; the bias is never penalised.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// z = xᵀw + b, ŷ = σ(z), trained on <see cref="LogLoss"/> (mean or sum, <see cref="Reduction"/>) plus c ‖w‖², the
/// penalty applied by <see cref="Step"/>. 004 Task 1a/2 (bias trick, mean), 002 Q4 (separate bias, mean), 001 Q1
/// (intercept term, sum; Q1(c)iv adds ‖θ‖²) are this one model with different options. Labels y are 0 or 1.
/// Parameters are named as the autograd twin's nn.Linear (linear.weight (1, I[+1]), linear.bias (1)).
/// </summary>
public sealed class LogisticRegression : IManualModel<LogisticRegression.Cache, LogisticRegression.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;

    /// <summary>Creates the model from copies of its parameters: <paramref name="bias"/> null means the bias trick.</summary>
    /// <param name="weight">(I), or (I+1) with the bias last under the bias trick.</param>
    /// <param name="bias">A 0-dim bias, or null for the bias trick.</param>
    /// <param name="reduction">The loss's reduction the model is trained with: Mean (004 eq. (3), 002 Q4) or Sum (001 Q1: stability.py steps along calc_grad = (Y - probs)·X, minus the summed loss's gradient).</param>
    /// <param name="l2">c in c ‖w‖² (0 for none); the bias is not penalised.</param>
    public LogisticRegression(torch.Tensor weight, torch.Tensor? bias, nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0)
    {
        if (reduction == nn.Reduction.None) throw new ArgumentException("the loss must be reduced: use nn.Reduction.Mean (004, 002) or nn.Reduction.Sum (001)", nameof(reduction));
        if (weight.ndim != 1) throw new ArgumentException($"weight must be a vector (I); got {weight.ShapeText()}", nameof(weight));
        if (bias is not null && bias.ndim != 0) throw new ArgumentException($"bias must be 0-dim; got {bias.ShapeText()} (use torch.tensor(value, dtype))", nameof(bias));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        w = weight.detach().clone().DetachFromDisposeScope();
        b = bias?.detach().clone().DetachFromDisposeScope();
        Reduction = reduction;
        L2 = l2;
        parameters = new() { ["linear.weight"] = w.unsqueeze(0).DetachFromDisposeScope() };
        if (b is not null) parameters["linear.bias"] = b.unsqueeze(0).DetachFromDisposeScope();
    }

    /// <summary>All-zero parameters (004 Task 2b: "initialize the weights to all zeros"; 001's theta = zeros).</summary>
    public static LogisticRegression Zeros(long inputs, BiasLayout layout, nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = torch.NewDisposeScope();
        return layout == BiasLayout.Separate
            ? new(torch.zeros(inputs, dtype), torch.tensor(0.0, dtype), reduction, l2)
            : new(torch.zeros(inputs + 1, dtype), null, reduction, l2);
    }

    /// <summary>The weights (I), or (I+1) with the bias last.</summary>
    public torch.Tensor w { get; }

    /// <summary>The 0-dim bias, or null under the bias trick.</summary>
    public torch.Tensor? b { get; }

    /// <summary>Mean or sum over examples: the reduction of the <see cref="LogLoss"/> this model is trained with.</summary>
    public nn.Reduction Reduction { get; }

    /// <summary>c in c ‖w‖², applied by <see cref="Step"/>.</summary>
    public double L2 { get; }

    /// <summary>Where the bias lives.</summary>
    public BiasLayout Layout => b is null ? BiasLayout.Trick : BiasLayout.Separate;

    /// <summary>Number of input features I.</summary>
    public long Inputs => Layout == BiasLayout.Trick ? w.size(0) - 1 : w.size(0);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>What the backward pass needs: the inputs as multiplied by w, (N, I[+1]).</summary>
    public readonly record struct Cache(torch.Tensor Inputs);

    /// <summary>Gradients: dw like w, db (0-dim) or null under the bias trick, dx (N, I).</summary>
    public readonly record struct Gradients(torch.Tensor dw, torch.Tensor? db, torch.Tensor dx);

    /// <summary>The logits z = xᵀw + b (N) of <paramref name="x"/> (N, I); ŷ = σ(z) ≥ 0.5 exactly when z ≥ 0.</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x)
    {
        var inputs = Augmented(x);                                     // (N, I[+1])
        return (b is null ? inputs.matmul(w) : inputs.matmul(w) + b, new Cache(inputs));   // (N)
    }

    /// <summary>The penalty c ‖w_w‖² (the bias entry left out); a 0-dim tensor.</summary>
    public torch.Tensor Penalty() => L2 * Weights().square().sum();

    // x (N, I) checked, with the bias trick's column of 1s appended: (N, I[+1]). The copy is kept here (SoftmaxRegression
    // forms x W_w + W_b instead): this model's sets are small and its runs long (q1-stability: 100 rows, 700,000 steps),
    // so the three more ops per step of the copy-free form (its bias sum and the concatenated gradient) cost more than the copy.
    private torch.Tensor Augmented(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(1) != Inputs)
            throw new ArgumentException($"x must be (N, {Inputs}); got {x.ShapeText()} (flatten images to rows first)", nameof(x));
        return Layout == BiasLayout.Trick ? torch.cat([x, torch.ones(x.size(0), 1, x.dtype)], 1) : x;
    }

    // Backward of z = xᵀw + b for an upstream dz = dL/dz (N) (LogLoss.Backward gives dz = dC · r (ŷ - y)):
    //   z^n = Σ_i x_i w_i + b, 004 eq. (6):
    //           dw = Xᵀ dz                                        (I[+1])
    //           db = Σ_n dz_n                                     ()
    //           dx = dz w_wᵀ                                      (N, I)
    /// <summary>Gradients of a scalar L given dL/dz (N) and the forward cache (no penalty term: see <see cref="PenaltyGradient"/>).</summary>
    public Gradients Backward(torch.Tensor dz, Cache cache) =>
        new(cache.Inputs.T.matmul(dz), b is null ? null : dz.sum(), dz.unsqueeze(1) * Weights());

    // Penalty term: ∂(c ‖w_w‖²)/∂w = 2c w_w, the bias entry 0   (I[+1])
    /// <summary>∂(c ‖w_w‖²)/∂w scaled by <paramref name="dLoss"/> (0-dim), like w: the bias trick's last entry 0.</summary>
    public torch.Tensor PenaltyGradient(torch.Tensor dLoss)
    {
        var penalty = Weights() * (2 * L2) * dLoss;                    // (I)
        return Layout == BiasLayout.Trick ? torch.cat([penalty, torch.zeros(1, w.dtype)], 0) : penalty;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g)
    {
        var named = new Dictionary<string, torch.Tensor> { ["linear.weight"] = g.dw.unsqueeze(0) };
        if (g.db is not null) named["linear.bias"] = g.db.unsqueeze(0);
        return named;
    }

    /// <summary>
    /// One gradient-descent step: w ← w − lr (dw + ∂(c ‖w_w‖²)/∂w), b ← b − lr db (004 Task 2b's mini-batch step,
    /// 002 Q4's gradient descent).
    /// </summary>
    public void Step(Gradients g, double lr)
    {
        using var scope = torch.NewDisposeScope();
        w.add_(g.dw + PenaltyGradient(torch.ones([], w.dtype)), alpha: -lr);
        b?.add_(g.db!, alpha: -lr);
    }

    /// <summary>Frees the parameters and their views.</summary>
    public void Dispose()
    {
        foreach (var view in parameters.Values) view.Dispose();
        w.Dispose();
        b?.Dispose();
    }

    // The penalised entries: all of w, or all but the bias trick's last entry.
    private torch.Tensor Weights() => Layout == BiasLayout.Trick ? w.narrow(0, 0, w.size(0) - 1) : w;
}
