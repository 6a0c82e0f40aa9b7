// CMU 10-417 HW1 (003 Problem 5) LinearMap: a fully connected layer on column vectors, with momentum SGD.
// Not a general linear layer: it keeps the homework's (features, batch) layout and its update rule.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>
/// y = W x + b on column vectors: x (indim, B), W (outdim, indim), b (outdim, 1), y (outdim, B), as in 003 eqs.
/// (12) and (14). <see cref="Step"/> applies 003 §1.3's momentum: G_M = α G_M + G, then W -= lr G_M. Parameters are
/// named as the autograd twin's (linear.weight (outdim, indim), linear.bias (outdim)).
/// </summary>
public sealed class LinearMap : IManualModel<LinearMap.Cache, LinearMap.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;
    private readonly torch.Tensor momentumW;
    private readonly torch.Tensor momentumB;

    /// <summary>
    /// A layer with the homework template's initialisation: W ~ U(-s, s), s = sqrt(6) / sqrt(indim + outdim),
    /// b = 0, momentum buffers 0.
    /// </summary>
    /// <param name="indim">Input features.</param>
    /// <param name="outdim">Output features.</param>
    /// <param name="alpha">Momentum coefficient α (0 is plain SGD).</param>
    /// <param name="dtype">Element type of the parameters.</param>
    public LinearMap(long indim, long outdim, double alpha = 0, ScalarType dtype = ScalarType.Float32)
    {
        if (indim <= 0 || outdim <= 0) throw new ArgumentOutOfRangeException(nameof(indim), $"dimensions must be positive; got indim {indim}, outdim {outdim}");
        if (alpha is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "momentum α must be in [0, 1)");
        var s = Math.Sqrt(6) / Math.Sqrt(indim + outdim);
        using (var scope = torch.NewDisposeScope())
            W = scope.MoveToOuter(torch.rand(outdim, indim, dtype) * (2 * s) - s).DetachFromDisposeScope();
        b = torch.zeros(outdim, 1, dtype).DetachFromDisposeScope();
        momentumW = torch.zeros_like(W).DetachFromDisposeScope();
        momentumB = torch.zeros_like(b).DetachFromDisposeScope();
        Alpha = alpha;
        parameters = new() { ["linear.weight"] = W, ["linear.bias"] = b.view(-1).DetachFromDisposeScope() };
    }

    /// <summary>The weight (outdim, indim).</summary>
    public torch.Tensor W { get; }

    /// <summary>The bias (outdim, 1).</summary>
    public torch.Tensor b { get; }

    /// <summary>Momentum coefficient α.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>What the backward pass needs: the input x (indim, B).</summary>
    public readonly record struct Cache(torch.Tensor Input);

    /// <summary>Gradients: dx (indim, B; null when not asked for), dW (outdim, indim), db (outdim, 1).</summary>
    public readonly record struct Gradients(torch.Tensor? dx, torch.Tensor dW, torch.Tensor db);

    /// <summary>Overwrites W (outdim, indim) and b (outdim, 1) with copies of the given values (the template's loadparams).</summary>
    public void LoadParams(torch.Tensor weight, torch.Tensor bias)
    {
        if (!weight.shape.SequenceEqual(W.shape) || !bias.shape.SequenceEqual(b.shape))
            throw new ArgumentException(
                $"expected W {W.ShapeText()} and b {b.ShapeText()}; got {weight.ShapeText()} and {bias.ShapeText()}",
                nameof(weight));
        W.copy_(weight);
        b.copy_(bias);
    }

    /// <summary>y = W x + b for <paramref name="x"/> (indim, B).</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x)
    {
        if (x.ndim != 2 || x.size(0) != W.size(1))
            throw new ArgumentException($"x must be (indim={W.size(1)}, batch) column vectors; got {x.ShapeText()} (transpose row-major batches)", nameof(x));
        return (b.addmm(W, x), new Cache(x));                       // (outdim, B): the bias added inside the GEMM
    }

    // Backward of y = W x + b, y_ob = Σ_i W_oi x_ib + b_o  (003 eqs. (21), (23), (19) summed over the batch).
    //   dx = Wᵀ dy              (indim, B)     ∂y_ob/∂x_ib = W_oi
    //   dW = dy xᵀ              (outdim, indim) ∂y_ob/∂W_oi = x_ib, summed over b
    //   db = Σ_b dy_:b          (outdim, 1)    ∂y_ob/∂b_o = 1
    /// <summary>Gradients for the upstream gradient <paramref name="dy"/> (outdim, B).</summary>
    public Gradients Backward(torch.Tensor dy, Cache cache) => Backward(dy, cache, inputGradient: true);

    /// <summary>
    /// Gradients for <paramref name="dy"/> (outdim, B); without <paramref name="inputGradient"/>, dx is left null. A first
    /// layer's dx feeds nothing in training, and skipping it saves one (indim × outdim × B) GEMM a step.
    /// </summary>
    public Gradients Backward(torch.Tensor dy, Cache cache, bool inputGradient) =>
        new(inputGradient ? W.T.matmul(dy) : null, dy.matmul(cache.Input.T), dy.sum(1, keepdim: true));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) =>
        new Dictionary<string, torch.Tensor> { ["linear.weight"] = g.dW, ["linear.bias"] = g.db.view(-1) };

    /// <summary>
    /// One momentum step (003 §1.3), in place: G_M ← α G_M + G, then W ← W - lr G_M (and likewise b). From fresh
    /// (zero) buffers the first step is W - lr G. Gradients of several backward passes are summed by the caller before stepping.
    /// </summary>
    public void Step(Gradients grads, double lr)
    {
        momentumW.mul_(Alpha).add_(grads.dW);
        momentumB.mul_(Alpha).add_(grads.db);
        W.add_(momentumW, alpha: -lr);
        b.add_(momentumB, alpha: -lr);
    }

    /// <summary>
    /// The entries of each layer's <paramref name="layers"/> dictionary under "layer{i}.", i its place, as the autograd
    /// MLPs' state dicts name them (layer0.linear.weight, ...): the MLPs' Parameters and Named gradients.
    /// </summary>
    internal static Dictionary<string, torch.Tensor> ByLayer(params IReadOnlyDictionary<string, torch.Tensor>[] layers) =>
        layers.SelectMany((named, i) => named.Select(kv => (Key: $"layer{i}.{kv.Key}", kv.Value))).ToDictionary(e => e.Key, e => e.Value);

    /// <summary>Frees the parameters, their views and the momentum buffers.</summary>
    public void Dispose()
    {
        parameters["linear.bias"].Dispose();
        W.Dispose(); b.Dispose(); momentumW.Dispose(); momentumB.Dispose();
    }
}
