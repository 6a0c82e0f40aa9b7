// Softmax regression (a 2-layer softmax network) with an L2 penalty on the weights, hand-differentiated.
// Not a trainer: forward, backward, one gradient step and the parameters. Biases are not penalised unless
// PenaliseBiasRow asks for 004's R(w) over the whole bias-trick matrix.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// z = x W + b, p = softmax(z), J = -(1/N) Σ_n Σ_k y_nk log p_nk + c ‖W‖² with W (I, K) holding the class
/// weight vectors as columns. 002 Q3 uses c = α/2 and a separate b; 004 Tasks 3-4 use c = λ and the bias trick
/// (W is (I+1, K), its last row the bias). By default the bias is not penalised in either layout (002 Q3 says so);
/// 004 eq. (27) sums over every entry of its (I+1, K) matrix, bias row included: set <see cref="PenaliseBiasRow"/>.
/// </summary>
public sealed class SoftmaxRegression
{
    /// <summary>Creates the model from its parameters: <paramref name="bias"/> null means the bias trick.</summary>
    /// <param name="weight">(I, K) for <see cref="BiasLayout.Separate"/>, (I+1, K) with the bias last for <see cref="BiasLayout.Trick"/>.</param>
    /// <param name="bias">(K), or null for the bias trick.</param>
    /// <param name="l2">c in c ‖W‖²: α/2 for 002, λ for 004; 0 for none.</param>
    public SoftmaxRegression(torch.Tensor weight, torch.Tensor? bias, double l2)
    {
        if (weight.ndim != 2) throw new ArgumentException($"weight must be (inputs, classes); got [{string.Join(", ", weight.shape)}]", nameof(weight));
        if (bias is not null && !bias.shape.SequenceEqual([weight.size(1)]))
            throw new ArgumentException($"bias must be ({weight.size(1)}) to match the weight's {weight.size(1)} classes; got [{string.Join(", ", bias.shape)}]", nameof(bias));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 coefficient must be >= 0");
        W = weight;
        b = bias;
        L2 = l2;
    }

    /// <summary>All-zero parameters (004: "initialize the weights to all zeros").</summary>
    public static SoftmaxRegression Zeros(long inputs, long classes, BiasLayout layout, double l2, ScalarType dtype = ScalarType.Float32) =>
        layout == BiasLayout.Separate
            ? new(torch.zeros(inputs, classes, dtype), torch.zeros(classes, dtype), l2)
            : new(torch.zeros(inputs + 1, classes, dtype), null, l2);

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

    /// <summary>What the backward pass needs.</summary>
    /// <param name="Inputs">The inputs as multiplied by W: (N, I), or (N, I+1) with the trailing 1s.</param>
    /// <param name="Loss">The cross-entropy's cache.</param>
    public readonly record struct Cache(torch.Tensor Inputs, SoftmaxCrossEntropy.Cache Loss);

    /// <summary>Gradients of J: dW like W, db (K) or null under the bias trick, dx (N, I).</summary>
    public readonly record struct Gradients(torch.Tensor dW, torch.Tensor? db, torch.Tensor dx);

    /// <summary>J for inputs <paramref name="x"/> (N, I) and one-hot <paramref name="targets"/> (N, K); returns a 0-dim loss.</summary>
    public (torch.Tensor loss, Cache cache) Forward(torch.Tensor x, torch.Tensor targets)
    {
        var inputs = Augmented(x);                                     // (N, I[+1])
        var z = Logits(inputs, W, b);                                  // (N, K)
        var (ce, ceCache) = SoftmaxCrossEntropy.Forward(z, targets);
        return (ce + L2 * Penalised().square().sum(), new Cache(inputs, ceCache));
    }

    /// <summary>The logits z = x W + b (N, K) of <paramref name="x"/> (N, I); the predicted class is their argmax.</summary>
    public torch.Tensor Logits(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Logits(Augmented(x), W, b));
    }

    private static torch.Tensor Logits(torch.Tensor inputs, torch.Tensor W, torch.Tensor? b) => b is null ? inputs.matmul(W) : inputs.matmul(W) + b;

    // x (N, I) checked, with the bias trick's column of 1s appended: (N, I[+1]).
    private torch.Tensor Augmented(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(1) != Inputs)
            throw new ArgumentException($"x must be (N, {Inputs}); got [{string.Join(", ", x.shape)}] (flatten images to rows first)", nameof(x));
        return Layout == BiasLayout.Trick ? torch.cat([x, torch.ones(x.size(0), 1, x.dtype)], 1) : x;
    }

    // Backward of J = CE(softmax(X W + b), Y) + c ‖W_p‖², W_w = W without the bias-trick row, W_p = the penalised
    // rows (W_w, or all of W with PenaliseBiasRow).
    //   term 1 (cross-entropy, 002 Q2 / 004 eq. (13) averaged):  dZ = dJ · (P - Y) / N           (N, K)
    //   term 2 (z_nk = Σ_i x_ni W_ik + b_k):                      dW = Xᵀ dZ                     (I[+1], K)
    //                                                             db = Σ_n dZ_n                  (K)
    //                                                             dX = dZ W_wᵀ                   (N, I)
    //   term 3 (penalty, ∂ c‖W‖²/∂W = 2cW, 004 eq. (28)):         dW += dJ · 2c W_p, other rows 0 (I[+1], K)
    /// <summary>Gradients of J scaled by the upstream <paramref name="dLoss"/> (0-dim).</summary>
    public Gradients Backward(torch.Tensor dLoss, Cache cache)
    {
        var dZ = SoftmaxCrossEntropy.Backward(dLoss, cache.Loss);     // (N, K)
        var (dW, db) = ParameterGradients(dLoss, dZ, cache);
        var dx = dZ.matmul(Weights().T);                               // (N, I)
        return new Gradients(dW, db, dx);
    }

    /// <summary>
    /// One mini-batch gradient-descent step on J of <paramref name="x"/> (N, I) and one-hot <paramref name="targets"/>
    /// (N, K): W ← W − lr ∂J/∂W, b ← b − lr ∂J/∂b (004 Tasks 3-4, 002 Q3). dX is not formed.
    /// </summary>
    public void Step(torch.Tensor x, torch.Tensor targets, double lr)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, cache) = Forward(x, targets);
        var one = torch.ones_like(loss);
        var (dW, db) = ParameterGradients(one, SoftmaxCrossEntropy.Backward(one, cache.Loss), cache);
        W.add_(dW, alpha: -lr);
        b?.add_(db!, alpha: -lr);
    }

    // Terms 2 and 3 of Backward for the parameters.
    private (torch.Tensor dW, torch.Tensor? db) ParameterGradients(torch.Tensor dLoss, torch.Tensor dZ, Cache cache)
    {
        var dW = cache.Inputs.T.matmul(dZ);                            // (I[+1], K)
        var penalty = Penalised() * (2 * L2) * dLoss;                  // (I or I+1, K)
        dW = penalty.size(0) == dW.size(0) ? dW + penalty : dW + torch.cat([penalty, torch.zeros(1, W.size(1), W.dtype)], 0);
        return (dW, b is null ? null : dZ.sum(dim: 0));                     // db (K)
    }

    // The weight rows: all of W, or all but the bias trick's last row.
    private torch.Tensor Weights() => Layout == BiasLayout.Trick ? W.narrow(0, 0, W.size(0) - 1) : W;

    // The penalised rows: the weight rows, plus the bias row when PenaliseBiasRow.
    private torch.Tensor Penalised() => PenaliseBiasRow ? W : Weights();
}
