// CS229 PS2 (000) Q4(a-d): the "Linear Layer NN" a = σ(W1^T x + b1), logits = W2^T a + b2, softmax cross entropy,
// with hand-derived backprop. Not the autograd twin (Homework.Torch/Models/SigmoidMlp.cs) and not the MNIST training loop.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// The homework's one-hidden-layer network in the homework's layout: <see cref="W1"/> (d, m), <see cref="b1"/> (m),
/// <see cref="W2"/> (m, k), <see cref="b2"/> (k). The training cost adds lambda(‖W1‖² + ‖W2‖²) (Q4c; biases not
/// regularized); <see cref="Loss"/> reports the cross entropy alone, as the homework plots it.
/// </summary>
public sealed class SigmoidMlp : IDisposable
{
    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>.</summary>
    /// <param name="X">Inputs, (B, d).</param>
    /// <param name="A">Hidden activations a = σ(X W1 + b1), (B, m).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor A);

    /// <summary>Gradients of a scalar L.</summary>
    /// <param name="W1">(d, m).</param>
    /// <param name="b1">(m).</param>
    /// <param name="W2">(m, k).</param>
    /// <param name="b2">(k).</param>
    /// <param name="X">(B, d); null when not asked for (training never needs it).</param>
    public readonly record struct Gradients(torch.Tensor W1, torch.Tensor b1, torch.Tensor W2, torch.Tensor b2, torch.Tensor? X);

    /// <summary>The network with copies of the given weights and L2 strength <paramref name="lambda"/> (0 for Q4b, 1e-4 for Q4c).</summary>
    public SigmoidMlp(torch.Tensor W1, torch.Tensor b1, torch.Tensor W2, torch.Tensor b2, double lambda = 0)
    {
        if (W1.ndim != 2 || W2.ndim != 2 || W1.size(1) != W2.size(0) || !b1.shape.SequenceEqual([W1.size(1)]) || !b2.shape.SequenceEqual([W2.size(1)]))
            throw new ArgumentException($"need W1 (d, m), b1 (m), W2 (m, k), b2 (k); got [{string.Join(", ", W1.shape)}], [{string.Join(", ", b1.shape)}], [{string.Join(", ", W2.shape)}], [{string.Join(", ", b2.shape)}]");
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 strength must be >= 0");
        this.W1 = W1.detach().clone().DetachFromDisposeScope();
        this.b1 = b1.detach().clone().DetachFromDisposeScope();
        this.W2 = W2.detach().clone().DetachFromDisposeScope();
        this.b2 = b2.detach().clone().DetachFromDisposeScope();
        this.lambda = lambda;
    }

    /// <summary>
    /// Q4(b)'s initialization: weights standard normal, biases zero. Draws W1 (d, m) then W2 (m, k) from torch's
    /// generator, the same draws as the autograd twin's Create, so one seed gives both twins the same start.
    /// </summary>
    public static SigmoidMlp Create(long d, long m, long k, double lambda = 0, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = torch.NewDisposeScope();
        var W1 = torch.randn([d, m], dtype);
        var W2 = torch.randn([m, k], dtype);
        return new SigmoidMlp(W1, torch.zeros([m], dtype), W2, torch.zeros([k], dtype), lambda);
    }

    /// <summary>W^{[1]}, (d, m).</summary>
    public torch.Tensor W1 { get; }

    /// <summary>b^{[1]}, (m).</summary>
    public torch.Tensor b1 { get; }

    /// <summary>W^{[2]}, (m, k).</summary>
    public torch.Tensor W2 { get; }

    /// <summary>b^{[2]}, (k).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>The L2 strength lambda of Q4(c).</summary>
    public double lambda { get; }

    /// <summary>The parameters by their homework names.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => new Dictionary<string, torch.Tensor> { ["W1"] = W1, ["b1"] = b1, ["W2"] = W2, ["b2"] = b2 };

    /// <summary>Logits W2^T σ(W1^T x + b1) + b2 for every row of X (B, d); returns (B, k).</summary>
    public (torch.Tensor logits, Cache cache) Forward(torch.Tensor X)
    {
        // addmm adds the bias inside the GEMM and sigmoid_ overwrites the fresh product: no (B, m) temporaries.
        var a = torch.addmm(b1, X, W1, 1, 1).sigmoid_(); // (B, m)
        return (torch.addmm(b2, a, W2, 1, 1), new Cache(X, a)); // (B, k)
    }

    // Backward for an upstream dlogits = dL/dlogits (B, k); the row form of a = σ(W1^T x + b1), logits = W2^T a + b2:
    //   dW2 = a^T dlogits        (m, k)      db2 = Σ_rows dlogits   (k)
    //   da  = dlogits W2^T       (B, m)
    //   dz  = da ⊙ a ⊙ (1 − a)   (B, m)      [σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)]
    //   dW1 = X^T dz             (d, m)      db1 = Σ_rows dz        (m)
    //   dX  = dz W1^T            (B, d)
    /// <summary>
    /// Gradients of a scalar L given dL/dlogits (B, k) and the forward cache (no regularization term). dX costs as
    /// much as the forward's first matmul, so it is computed only with <paramref name="inputGradient"/>.
    /// </summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache, bool inputGradient = true)
    {
        using var scope = torch.NewDisposeScope();
        var dz = HiddenGradient(dlogits, cache); // (B, m)
        var g = new Gradients(cache.X.T.matmul(dz), dz.sum(dim: 0), cache.A.T.matmul(dlogits), dlogits.sum(dim: 0), inputGradient ? dz.matmul(W1.T) : null);
        scope.MoveToOuter(g.W1, g.b1, g.W2, g.b2);
        if (g.X is not null) scope.MoveToOuter(g.X);
        return g;
    }

    // dz = da ⊙ a ⊙ (1 − a) with da = dlogits W2^T, in place in the fresh product: g = da ⊙ a, then dz = g − g ⊙ a.
    private torch.Tensor HiddenGradient(torch.Tensor dlogits, Cache cache)
    {
        var dz = dlogits.matmul(W2.T).mul_(cache.A); // (B, m)
        return dz.addcmul_(dz, cache.A, -1);
    }

    /// <summary>The mean cross entropy of logits (B, k) against int64 labels (B), without the L2 term (what Q4 plots).</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels) => ClassLabels.Loss(logits, labels);

    /// <summary>The training cost J_MB = mean cross entropy + lambda(‖W1‖² + ‖W2‖²) on (X, labels); a 0-dim tensor.</summary>
    public torch.Tensor Cost(torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var ce = Loss(Forward(X).logits, labels);
        return scope.MoveToOuter(lambda == 0 ? ce : ce + lambda * ((W1 * W1).sum() + (W2 * W2).sum()));
    }

    // Gradients of J_MB: the cross entropy through Backward with dJ/dlogits = (softmax − e_y)/B (eq. 11),
    // plus the penalty's d/dW [lambda ‖W‖²] = 2 lambda W on the two weight matrices only.
    /// <summary>Gradients of <see cref="Cost"/> on (X, labels), without dX.</summary>
    public Gradients CostGradient(torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var (logits, cache) = Forward(X);
        var g = Backward(ClassLabels.LossGradient(logits, labels), cache, inputGradient: false);
        if (lambda != 0) g = g with { W1 = g.W1 + 2 * lambda * W1, W2 = g.W2 + 2 * lambda * W2 };
        scope.MoveToOuter(g.W1, g.b1, g.W2, g.b2);
        return g;
    }

    /// <summary>The fraction of rows of X classified as their label.</summary>
    public double Accuracy(torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        return ClassLabels.Accuracy(Forward(X).logits, labels);
    }

    // θ ← θ − lr ∂J_MB/∂θ with CostGradient's terms, the weight gradients never materialised:
    //   W ← W − lr (G + 2 lambda W) = (1 − 2 lambda lr) W + a^T (−lr dlogits)   for W2 (and X^T (−lr dz) for W1),
    // one GEMM accumulating into W (addmm_ with unit scalars: TorchSharp's addmm_ takes float scalars, which would
    // round lr for float64 models), after the decay when lambda ≠ 0. No (d, m) gradient is allocated and the update
    // costs no pass of its own. dz reads W2, so it is formed before W2 moves.
    /// <summary>One mini-batch gradient-descent step on J_MB with learning rate <paramref name="lr"/>.</summary>
    public void Step(torch.Tensor X, torch.Tensor labels, double lr)
    {
        using var scope = torch.NewDisposeScope();
        var (logits, cache) = Forward(X);
        var dlogits = ClassLabels.LossGradient(logits, labels); // (B, k)
        var dz = HiddenGradient(dlogits, cache);                // (B, m)
        var stepOut = dlogits.mul_(-lr);                        // (B, k), −lr dlogits
        var stepHidden = dz.mul_(-lr);                          // (B, m), −lr dz
        if (lambda != 0)
        {
            W2.mul_(1 - 2 * lambda * lr);
            W1.mul_(1 - 2 * lambda * lr);
        }
        W2.addmm_(cache.A.T, stepOut, 1, 1);                    // (m, k)
        b2.add_(stepOut.sum(dim: 0));
        W1.addmm_(X.T, stepHidden, 1, 1);                       // (d, m)
        b1.add_(stepHidden.sum(dim: 0));
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        W1.Dispose(); b1.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
