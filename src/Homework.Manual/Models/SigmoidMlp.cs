// CS229 PS2 (000) Q4(a-d): the "Linear Layer NN" a = σ(W1^T x + b1), logits = W2^T a + b2, softmax cross entropy,
// with hand-derived backprop. Not the autograd twin (Homework.Torch/Models/SigmoidMlp.cs) and not the MNIST training loop.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// The homework's one-hidden-layer network in the homework's layout: <see cref="W1"/> (d, m), <see cref="b1"/> (m),
/// <see cref="W2"/> (m, k), <see cref="b2"/> (k). The training cost adds lambda(‖W1‖² + ‖W2‖²) (Q4c; biases not
/// regularized), applied by <see cref="Step"/> as weight decay; <see cref="Loss"/> reports the cross entropy alone, as
/// the homework plots it. Parameters are named as the autograd twin's state dict (fc1.weight (m, d), ...).
/// </summary>
public sealed class SigmoidMlp : IManualModel<SigmoidMlp.Cache, SigmoidMlp.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;

    /// <summary>What <see cref="Forward"/> keeps for <see cref="Backward"/>.</summary>
    /// <param name="X">Inputs, (B, d).</param>
    /// <param name="A">Hidden activations a = σ(X W1 + b1), (B, m).</param>
    public readonly record struct Cache(torch.Tensor X, torch.Tensor A);

    /// <summary>
    /// Gradients of a scalar L, kept as the factors of the weight gradients (dW1 = Xᵀ dz, dW2 = aᵀ dlogits): the
    /// training step applies them inside two GEMMs without forming a (d, m) gradient. Each property below forms its
    /// gradient when read; read them before <see cref="Step"/>, which scales the factors in place.
    /// </summary>
    /// <param name="Input">X, (B, d).</param>
    /// <param name="Hidden">a, (B, m).</param>
    /// <param name="dz">dL/dz at the hidden pre-activations, (B, m).</param>
    /// <param name="dlogits">dL/dlogits, (B, k).</param>
    /// <param name="Weight1">W1 (d, m) at the time of Backward, for dX.</param>
    public readonly record struct Gradients(torch.Tensor Input, torch.Tensor Hidden, torch.Tensor dz, torch.Tensor dlogits, torch.Tensor Weight1)
    {
        /// <summary>dL/dW1 = Xᵀ dz, (d, m).</summary>
        public torch.Tensor W1 => Input.T.matmul(dz);

        /// <summary>dL/db1 = Σ_rows dz, (m).</summary>
        public torch.Tensor b1 => dz.sum(dim: 0);

        /// <summary>dL/dW2 = aᵀ dlogits, (m, k).</summary>
        public torch.Tensor W2 => Hidden.T.matmul(dlogits);

        /// <summary>dL/db2 = Σ_rows dlogits, (k).</summary>
        public torch.Tensor b2 => dlogits.sum(dim: 0);

        /// <summary>dL/dX = dz W1ᵀ, (B, d): as costly as the forward's first matmul, so formed only when read.</summary>
        public torch.Tensor X => dz.matmul(Weight1.T);
    }

    /// <summary>The network with copies of the given weights and L2 strength <paramref name="lambda"/> (0 for Q4b, 1e-4 for Q4c).</summary>
    public SigmoidMlp(torch.Tensor W1, torch.Tensor b1, torch.Tensor W2, torch.Tensor b2, double lambda = 0)
    {
        if (W1.ndim != 2 || W2.ndim != 2 || W1.size(1) != W2.size(0) || !b1.shape.SequenceEqual([W1.size(1)]) || !b2.shape.SequenceEqual([W2.size(1)]))
            throw new ArgumentException($"need W1 (d, m), b1 (m), W2 (m, k), b2 (k); got {W1.ShapeText()}, {b1.ShapeText()}, {W2.ShapeText()}, {b2.ShapeText()}");
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 strength must be >= 0");
        this.W1 = W1.detach().clone().DetachFromDisposeScope();
        this.b1 = b1.detach().clone().DetachFromDisposeScope();
        this.W2 = W2.detach().clone().DetachFromDisposeScope();
        this.b2 = b2.detach().clone().DetachFromDisposeScope();
        this.lambda = lambda;
        // nn.Linear keeps weight as (out, in): the transposed views of the homework's W1, W2.
        parameters = new()
        {
            ["fc1.weight"] = this.W1.T.DetachFromDisposeScope(), ["fc1.bias"] = this.b1,
            ["fc2.weight"] = this.W2.T.DetachFromDisposeScope(), ["fc2.bias"] = this.b2,
        };
    }

    /// <summary>W^{[1]}, (d, m).</summary>
    public torch.Tensor W1 { get; }

    /// <summary>b^{[1]}, (m).</summary>
    public torch.Tensor b1 { get; }

    /// <summary>W^{[2]}, (m, k).</summary>
    public torch.Tensor W2 { get; }

    /// <summary>b^{[2]}, (k).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>The L2 strength lambda of Q4(c), applied by <see cref="Step"/>.</summary>
    public double lambda { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>Logits W2^T σ(W1^T x + b1) + b2 for every row of X (B, d); returns (B, k).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor X)
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
    // Only dz is computed here; the outer products are the properties of Gradients (or the GEMMs of Step).
    /// <summary>Gradients of a scalar L given dL/dlogits (B, k) and the forward cache (no regularization term).</summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache)
    {
        // dz = da ⊙ a ⊙ (1 − a) with da = dlogits W2^T, in place in the fresh product: g = da ⊙ a, then dz = g − g ⊙ a.
        var dz = dlogits.matmul(W2.T).mul_(cache.A); // (B, m)
        dz.addcmul_(dz, cache.A, -1);
        return new Gradients(cache.X, cache.A, dz, dlogits, W1);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => new Dictionary<string, torch.Tensor>
    {
        ["fc1.weight"] = g.dz.T.matmul(g.Input), ["fc1.bias"] = g.b1, ["fc2.weight"] = g.dlogits.T.matmul(g.Hidden), ["fc2.bias"] = g.b2,
    };

    /// <summary>The mean cross entropy of logits (B, k) against int64 labels (B), without the L2 term (what Q4 plots).</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels) => ClassLabels.Loss(logits, labels);

    /// <summary>The training cost J_MB = mean cross entropy + lambda(‖W1‖² + ‖W2‖²) on (X, labels); a 0-dim tensor.</summary>
    public torch.Tensor Cost(torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var ce = Loss(Forward(X).y, labels);
        return scope.MoveToOuter(lambda == 0 ? ce : ce + lambda * ((W1 * W1).sum() + (W2 * W2).sum()));
    }

    // The penalty's d/dW [lambda ‖W‖²] = 2 lambda W on the two weight matrices only (biases are not regularized).
    /// <summary>The gradients of the L2 term lambda(‖W1‖² + ‖W2‖²): (2 lambda W1 (d, m), 2 lambda W2 (m, k)).</summary>
    public (torch.Tensor W1, torch.Tensor W2) PenaltyGradient() => (2 * lambda * W1, 2 * lambda * W2);

    // θ ← θ − lr ∂J_MB/∂θ with the penalty as weight decay, the weight gradients never materialised:
    //   W ← W − lr (G + 2 lambda W) = (1 − 2 lambda lr) W + a^T (−lr dlogits)   for W2 (and X^T (−lr dz) for W1),
    // one GEMM accumulating into W (addmm_ with unit scalars: TorchSharp's addmm_ takes float scalars, which would
    // round lr for float64 models), after the decay when lambda ≠ 0. No (d, m) gradient is allocated and the update
    // costs no pass of its own: this is why Gradients holds factors (a measured speed feature, README "Speed and
    // memory"), and why Step scales dz and dlogits in place (the contract lets Step consume its gradients).
    /// <summary>One gradient step on the data loss's gradients plus the L2 term: W ← (1 − 2 lambda lr) W − lr G, b ← b − lr g.</summary>
    public void Step(Gradients g, double lr)
    {
        using var scope = torch.NewDisposeScope();
        var stepOut = g.dlogits.mul_(-lr);                      // (B, k), −lr dlogits
        var stepHidden = g.dz.mul_(-lr);                        // (B, m), −lr dz
        if (lambda != 0)
        {
            W2.mul_(1 - 2 * lambda * lr);
            W1.mul_(1 - 2 * lambda * lr);
        }
        W2.addmm_(g.Hidden.T, stepOut, 1, 1);                   // (m, k)
        b2.add_(stepOut.sum(dim: 0));
        W1.addmm_(g.Input.T, stepHidden, 1, 1);                 // (d, m)
        b1.add_(stepHidden.sum(dim: 0));
    }

    /// <summary>Frees the weights and their views.</summary>
    public void Dispose()
    {
        parameters["fc1.weight"].Dispose(); parameters["fc2.weight"].Dispose();
        W1.Dispose(); b1.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
