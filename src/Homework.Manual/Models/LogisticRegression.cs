// Logistic regression with the binary cross-entropy (log) loss, hand-differentiated.
// Not a trainer: forward, backward, one gradient step and the parameters; the bias is never penalised.
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// ŷ = σ(xᵀw + b), C^n = -(y^n ln ŷ^n + (1 - y^n) ln(1 - ŷ^n)), C = mean or sum of C^n, plus c ‖w‖².
/// 004 Task 1a/2 (bias trick, mean), 002 Q4 (separate bias, mean), 001 Q1 (intercept term, sum; Q1(c)iv adds
/// ‖θ‖²) are this one model with different options. Labels y are 0 or 1.
/// </summary>
public sealed class LogisticRegression
{
    /// <summary>Creates the model from its parameters: <paramref name="bias"/> null means the bias trick.</summary>
    /// <param name="weight">(I), or (I+1) with the bias last under the bias trick.</param>
    /// <param name="bias">A 0-dim bias, or null for the bias trick.</param>
    /// <param name="reduction">Mean (004 eq. (3), 002 Q4) or Sum (001 Q1: stability.py steps along calc_grad = (Y - probs)·X, minus the summed loss's gradient).</param>
    /// <param name="l2">c in c ‖w‖² (0 for none); the bias is not penalised.</param>
    public LogisticRegression(torch.Tensor weight, torch.Tensor? bias, nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0)
    {
        if (reduction == nn.Reduction.None) throw new ArgumentException("the loss must be reduced: use nn.Reduction.Mean (004, 002) or nn.Reduction.Sum (001)", nameof(reduction));
        if (weight.ndim != 1) throw new ArgumentException($"weight must be a vector (I); got {weight.ShapeText()}", nameof(weight));
        if (bias is not null && bias.ndim != 0) throw new ArgumentException($"bias must be 0-dim; got {bias.ShapeText()} (use torch.tensor(value, dtype))", nameof(bias));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        w = weight;
        b = bias;
        Reduction = reduction;
        L2 = l2;
    }

    /// <summary>All-zero parameters (004 Task 2b: "initialize the weights to all zeros"; 001's theta = zeros).</summary>
    public static LogisticRegression Zeros(long inputs, BiasLayout layout, nn.Reduction reduction = nn.Reduction.Mean, double l2 = 0, ScalarType dtype = ScalarType.Float32) =>
        layout == BiasLayout.Separate
            ? new(torch.zeros(inputs, dtype), torch.tensor(0.0, dtype), reduction, l2)
            : new(torch.zeros(inputs + 1, dtype), null, reduction, l2);

    /// <summary>The weights (I), or (I+1) with the bias last.</summary>
    public torch.Tensor w { get; }

    /// <summary>The 0-dim bias, or null under the bias trick.</summary>
    public torch.Tensor? b { get; }

    /// <summary>Mean or sum over examples.</summary>
    public nn.Reduction Reduction { get; }

    /// <summary>c in c ‖w‖².</summary>
    public double L2 { get; }

    /// <summary>Where the bias lives.</summary>
    public BiasLayout Layout => b is null ? BiasLayout.Trick : BiasLayout.Separate;

    /// <summary>Number of input features I.</summary>
    public long Inputs => Layout == BiasLayout.Trick ? w.size(0) - 1 : w.size(0);

    /// <summary>What the backward pass needs: inputs as multiplied by w (N, I[+1]), ŷ (N), y (N).</summary>
    public readonly record struct Cache(torch.Tensor Inputs, torch.Tensor Prediction, torch.Tensor Targets);

    /// <summary>Gradients of the loss: dw like w, db (0-dim) or null under the bias trick, dx (N, I).</summary>
    public readonly record struct Gradients(torch.Tensor dw, torch.Tensor? db, torch.Tensor dx);

    /// <summary>The loss for <paramref name="x"/> (N, I) and labels <paramref name="y"/> (N) in {0, 1}; returns a 0-dim loss.</summary>
    public (torch.Tensor loss, Cache cache) Forward(torch.Tensor x, torch.Tensor y)
    {
        if (!y.shape.SequenceEqual([x.size(0)]))
            throw new ArgumentException($"y must be ({x.size(0)}), one 0/1 label per row of x; got {y.ShapeText()}", nameof(y));
        var inputs = Augmented(x);                                                                            // (N, I[+1])
        var z = Logit(inputs);                                                                                // (N)
        // C^n = log(1 + e^z) - y z, written so that exp never overflows: max(z, 0) + log1p(e^-|z|) - y z.
        var perExample = z.clamp(min: 0) + (-z.abs()).exp().log1p() - y * z;                                  // (N)
        var data = Reduction == nn.Reduction.Mean ? perExample.mean() : perExample.sum();
        return (data + L2 * Weights().square().sum(), new Cache(inputs, z.sigmoid(), y));
    }

    /// <summary>The logits z = xᵀw + b (N) of <paramref name="x"/> (N, I); ŷ = σ(z) ≥ 0.5 exactly when z ≥ 0.</summary>
    public torch.Tensor Logits(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Logit(Augmented(x)));
    }

    private torch.Tensor Logit(torch.Tensor inputs) => b is null ? inputs.matmul(w) : inputs.matmul(w) + b;

    // x (N, I) checked, with the bias trick's column of 1s appended: (N, I[+1]).
    private torch.Tensor Augmented(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(1) != Inputs)
            throw new ArgumentException($"x must be (N, {Inputs}); got {x.ShapeText()} (flatten images to rows first)", nameof(x));
        return Layout == BiasLayout.Trick ? torch.cat([x, torch.ones(x.size(0), 1, x.dtype)], 1) : x;
    }

    // Backward of C = r Σ_n C^n + c ‖w_w‖², r = 1/N (mean) or 1 (sum), ŷ = σ(z), z = xᵀw + b.
    //   term 1 (004 eqs. (9)-(12)): ∂C^n/∂z^n = -(y/ŷ - (1-y)/(1-ŷ)) ŷ(1-ŷ) = ŷ^n - y^n
    //           dz = dC · r (ŷ - y)                               (N)
    //   term 2 (z^n = Σ_i x_i w_i + b, 004 eq. (6)):
    //           dw = Xᵀ dz                                        (I[+1])
    //           db = Σ_n dz_n                                     ()
    //           dx = dz w_wᵀ                                      (N, I)
    //   term 3 (penalty): dw += dC · 2c w_w, the bias entry 0     (I[+1])
    /// <summary>Gradients of the loss scaled by the upstream <paramref name="dLoss"/> (0-dim).</summary>
    public Gradients Backward(torch.Tensor dLoss, Cache cache)
    {
        var n = cache.Targets.size(0);
        var scale = Reduction == nn.Reduction.Mean ? dLoss / n : dLoss;
        var dz = (cache.Prediction - cache.Targets) * scale;          // (N)
        var (dw, db) = ParameterGradients(dLoss, dz, cache);
        var dx = dz.unsqueeze(1) * Weights();                          // (N, I)
        return new Gradients(dw, db, dx);
    }

    /// <summary>
    /// One gradient-descent step on the loss of <paramref name="x"/> (N, I) and 0/1 labels <paramref name="y"/> (N):
    /// w ← w − lr ∂C/∂w, b ← b − lr ∂C/∂b (004 Task 2b's mini-batch step, 002 Q4's gradient descent). dx is not formed.
    /// </summary>
    public void Step(torch.Tensor x, torch.Tensor y, double lr)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, cache) = Forward(x, y);
        var one = torch.ones_like(loss);
        var scale = Reduction == nn.Reduction.Mean ? one / cache.Targets.size(0) : one;
        var (dw, db) = ParameterGradients(one, (cache.Prediction - cache.Targets) * scale, cache);
        w.add_(dw, alpha: -lr);
        b?.add_(db!, alpha: -lr);
    }

    // Terms 2 and 3 of Backward for the parameters.
    private (torch.Tensor dw, torch.Tensor? db) ParameterGradients(torch.Tensor dLoss, torch.Tensor dz, Cache cache)
    {
        var dw = cache.Inputs.T.matmul(dz);                            // (I[+1])
        var penalty = Weights() * (2 * L2) * dLoss;                    // (I)
        dw = Layout == BiasLayout.Trick ? dw + torch.cat([penalty, torch.zeros(1, w.dtype)], 0) : dw + penalty;
        return (dw, b is null ? null : dz.sum());                      // db ()
    }

    // The penalised entries: all of w, or all but the bias trick's last entry.
    private torch.Tensor Weights() => Layout == BiasLayout.Trick ? w.narrow(0, 0, w.size(0) - 1) : w;
}
