// Softmax regression (a 2-layer softmax network) with an L2 penalty on the weights, hand-differentiated; its loss is
// SoftmaxCrossEntropy (a separate Forward/Backward pair).
// Not a trainer: forward, backward, one gradient step and the parameters. Biases are not penalised unless
// PenaliseBiasRow asks for 004's R(w) over the whole bias-trick matrix.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// z = x W + b, p = softmax(z), J = -(1/N) Σ_n Σ_k y_nk log p_nk + c ‖W‖² with W (I, K) holding the class
/// weight vectors as columns; the cross entropy is <see cref="SoftmaxCrossEntropy"/>, the penalty is applied by
/// <see cref="Step"/>. Parameters are named as the autograd twin's nn.Linear (linear.weight (K, I[+1]), linear.bias (K)). 002 Q3 uses c = α/2 and a separate b; 004 Tasks 3-4 use c = λ and the bias trick
/// (W is (I+1, K), its last row the bias). By default the bias is not penalised in either layout (002 Q3 says so);
/// 004 eq. (27) sums over every entry of its (I+1, K) matrix, bias row included: set <see cref="PenaliseBiasRow"/>.
/// </summary>
public sealed class SoftmaxRegression : IManualModel<SoftmaxRegression.Cache, SoftmaxRegression.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;

    /// <summary>Creates the model from copies of its parameters: <paramref name="bias"/> null means the bias trick.</summary>
    /// <param name="weight">(I, K) for <see cref="BiasLayout.Separate"/>, (I+1, K) with the bias last for <see cref="BiasLayout.Trick"/>.</param>
    /// <param name="bias">(K), or null for the bias trick.</param>
    /// <param name="l2">c in c ‖W‖²: α/2 for 002, λ for 004; 0 for none.</param>
    public SoftmaxRegression(torch.Tensor weight, torch.Tensor? bias, double l2)
    {
        if (weight.ndim != 2) throw new ArgumentException($"weight must be (inputs, classes); got {weight.ShapeText()}", nameof(weight));
        if (bias is not null && !bias.shape.SequenceEqual([weight.size(1)]))
            throw new ArgumentException($"bias must be ({weight.size(1)}) to match the weight's {weight.size(1)} classes; got {bias.ShapeText()}", nameof(bias));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        W = weight.detach().clone().DetachFromDisposeScope();
        b = bias?.detach().clone().DetachFromDisposeScope();
        L2 = l2;
        parameters = new() { ["linear.weight"] = W.T.DetachFromDisposeScope() };
        if (b is not null) parameters["linear.bias"] = b;
    }

    /// <summary>All-zero parameters (004: "initialize the weights to all zeros").</summary>
    public static SoftmaxRegression Zeros(long inputs, long classes, BiasLayout layout, double l2, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = torch.NewDisposeScope();
        return layout == BiasLayout.Separate
            ? new(torch.zeros(inputs, classes, dtype), torch.zeros(classes, dtype), l2)
            : new(torch.zeros(inputs + 1, classes, dtype), null, l2);
    }

    /// <summary>The weights, (I, K) or (I+1, K) under the bias trick.</summary>
    public torch.Tensor W { get; }

    /// <summary>The bias (K), or null under the bias trick.</summary>
    public torch.Tensor? b { get; }

    /// <summary>c in the penalty c ‖W‖².</summary>
    public double L2 { get; }

    /// <summary>Where the bias lives.</summary>
    public BiasLayout Layout => b is null ? BiasLayout.Trick : BiasLayout.Separate;

    /// <summary>
    /// Under the bias trick, penalise the bias row too: c ‖W‖² over all I+1 rows, as 004 eq. (27) defines R(w) and
    /// eq. (28) differentiates it (2λw everywhere). False (the default) leaves the bias row out, as 002 and 000 do.
    /// A separate bias is never penalised, so setting this on <see cref="BiasLayout.Separate"/> is refused.
    /// </summary>
    public bool PenaliseBiasRow
    {
        get => penaliseBiasRow;
        init => penaliseBiasRow = !value || b is null ? value
            : throw new ArgumentException("PenaliseBiasRow applies to the bias trick (bias: null) only; a separate bias is never penalised", nameof(PenaliseBiasRow));
    }

    private readonly bool penaliseBiasRow;

    /// <summary>Number of input features I (without the bias trick's constant 1).</summary>
    public long Inputs => Layout == BiasLayout.Trick ? W.size(0) - 1 : W.size(0);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>What the backward pass needs: the inputs x (N, I), without the bias trick's 1s.</summary>
    public readonly record struct Cache(torch.Tensor Inputs);

    /// <summary>Gradients: dW like W, db (K) or null under the bias trick, dx (N, I).</summary>
    public readonly record struct Gradients(torch.Tensor dW, torch.Tensor? db, torch.Tensor dx);

    /// <summary>The logits z = x W + b (N, K) of <paramref name="x"/> (N, I); the predicted class is their argmax.</summary>
    /// <remarks>
    /// Under the bias trick z = x̃ W with x̃ = [x, 1] (N, I+1), which is x W_w + 1 W_b (W_w the first I rows, W_b the
    /// last): the product is formed from x itself, so no batch is copied to append its 1s (a 10,000-row chunk of
    /// MNIST is 31 MB, and 004 Task 4 evaluates 1,500 times).
    /// </remarks>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x)
    {
        Check(x);
        var z = b is null ? torch.addmm(W.select(0, W.size(0) - 1), x, Weights(), beta: 1, alpha: 1) : x.matmul(W) + b;   // (N, K)
        return (z, new Cache(x));
    }

    /// <summary>The penalty c ‖W_p‖² (W_p: the penalised rows); a 0-dim tensor.</summary>
    public torch.Tensor Penalty() => L2 * Penalised().square().sum();

    private void Check(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(1) != Inputs)
            throw new ArgumentException($"x must be (N, {Inputs}); got {x.ShapeText()} (flatten images to rows first)", nameof(x));
    }

    // Backward of z = X W + b for an upstream dZ = dL/dZ (N, K); for J, SoftmaxCrossEntropy.Backward gives
    // dZ = dJ · (P - Y) / N (002 Q2 / 004 eq. (13) averaged). W_w = W without the bias-trick row.
    //   z_nk = Σ_i x_ni W_ik + b_k:   dW = Xᵀ dZ                     (I, K)
    //                                 db = Σ_n dZ_n                  (K)
    //                                 dX = dZ W_wᵀ                   (N, I)
    //   bias trick, z = X̃ W with X̃ = [X, 1]:  dW = X̃ᵀ dZ = [Xᵀ dZ; 1ᵀ dZ]   (I+1, K): the bias row's input is the
    //   constant 1, so its gradient is Σ_n dZ_n, the db above.
    /// <summary>Gradients of a scalar L given dL/dZ (N, K) and the forward cache (no penalty term: see <see cref="PenaltyGradient"/>).</summary>
    public Gradients Backward(torch.Tensor dZ, Cache cache)
    {
        var dWw = cache.Inputs.T.matmul(dZ);                           // (I, K)
        var db = dZ.sum(dim: 0);                                       // (K)
        return new(b is null ? torch.cat([dWw, db.unsqueeze(0)], 0) : dWw, b is null ? null : db, dZ.matmul(Weights().T));
    }

    // Penalty term (∂ c‖W‖²/∂W = 2cW, 004 eq. (28)): dW += dJ · 2c W_p, other rows 0   (I[+1], K)
    /// <summary>∂(c ‖W_p‖²)/∂W scaled by <paramref name="dLoss"/> (0-dim), like W: rows outside W_p are 0.</summary>
    public torch.Tensor PenaltyGradient(torch.Tensor dLoss)
    {
        var penalty = Penalised() * (2 * L2) * dLoss;                  // (I or I+1, K)
        return penalty.size(0) == W.size(0) ? penalty : torch.cat([penalty, torch.zeros(1, W.size(1), W.dtype)], 0);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g)
    {
        var named = new Dictionary<string, torch.Tensor> { ["linear.weight"] = g.dW.T };
        if (g.db is not null) named["linear.bias"] = g.db;
        return named;
    }

    /// <summary>
    /// One mini-batch gradient-descent step: W ← W − lr (dW + ∂(c ‖W_p‖²)/∂W), b ← b − lr db (004 Tasks 3-4, 002 Q3).
    /// </summary>
    public void Step(Gradients g, double lr)
    {
        using var scope = torch.NewDisposeScope();
        W.add_(g.dW + PenaltyGradient(torch.ones([], W.dtype)), alpha: -lr);
        b?.add_(g.db!, alpha: -lr);
    }

    /// <summary>Frees the parameters and their views.</summary>
    public void Dispose()
    {
        parameters["linear.weight"].Dispose();
        W.Dispose();
        b?.Dispose();
    }

    // The weight rows: all of W, or all but the bias trick's last row.
    private torch.Tensor Weights() => Layout == BiasLayout.Trick ? W.narrow(0, 0, W.size(0) - 1) : W;

    // The penalised rows: the weight rows, plus the bias row when PenaliseBiasRow.
    private torch.Tensor Penalised() => PenaliseBiasRow ? W : Weights();
}
