// CMU 10-417 HW1 (003 Problem 5): K MLPs of one shape (SingleLayerMLP's or TwoLayerMLP's), trained in lockstep on
// the same batches, each with its own weights, momentum α, dropout p and learning rate. The math is the template
// classes' (LinearMap, ReLU with dropout, momentum SGD) with a leading member axis, so one GEMM serves all K members:
// at batch 32 a step of one small MLP is mostly per-op overhead, and the experiment grid trains many such settings.
// Not the homework's template (SingleLayerMLP / TwoLayerMLP are, and are gradient-checked); members share no weights.
using Homework.Common;
using Homework.Manual.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>
/// K fully connected ReLU networks of equal layer sizes on (features, B) columns: member k computes
/// logits_k = W_L,k R(… R(W_1,k x + b_1,k) …) + b_L,k, R the ReLU with member k's dropout (003 §1.4), and steps with
/// 003 §1.3's momentum and its own α_k and learning rate lr_k. Weights are (K, out, in), biases (K, out, 1).
/// </summary>
public sealed class MLPStack : IDisposable
{
    private readonly torch.Tensor[] weights;
    private readonly torch.Tensor[] biases;
    private readonly torch.Tensor[] momentumW;
    private readonly torch.Tensor[] momentumB;
    private readonly torch.Tensor alpha;         // (K, 1, 1)
    private readonly torch.Tensor negativeLr;    // (K, 1, 1): -lr_k
    private readonly torch.Tensor keep;          // (K, 1, 1): 1 - p_k, inference's dropout factor

    /// <summary>
    /// A stack of <paramref name="members"/>.Count networks. Member k starts from copies of its layers' (W (out, in), b (out, 1)),
    /// input side first (e.g. a SingleLayerMLP's Layer0 and Layer1 W and b), with momentum α <paramref name="momentum"/>[k],
    /// dropout probability <paramref name="dropout"/>[k] and learning rate <paramref name="learningRate"/>[k]; momentum buffers start at 0.
    /// </summary>
    public MLPStack(IReadOnlyList<IReadOnlyList<(torch.Tensor W, torch.Tensor b)>> members, IReadOnlyList<double> momentum, IReadOnlyList<double> dropout, IReadOnlyList<double> learningRate)
    {
        if (members.Count == 0) throw new ArgumentException("a stack needs at least one member", nameof(members));
        if (momentum.Count != members.Count || dropout.Count != members.Count || learningRate.Count != members.Count)
            throw new ArgumentException($"{members.Count} members need as many momenta, dropout probabilities and learning rates; got {momentum.Count}, {dropout.Count}, {learningRate.Count}", nameof(members));
        var layers = members[0].Count;
        if (layers < 2) throw new ArgumentException($"an MLP has at least two layers; got {layers}", nameof(members));
        for (var k = 0; k < members.Count; k++)
            for (var l = 0; l < layers; l++)
                if (members[k].Count != layers || !members[k][l].W.shape.SequenceEqual(members[0][l].W.shape) || !members[k][l].b.shape.SequenceEqual(members[0][l].b.shape))
                    throw new ArgumentException($"member {k} does not have member 0's layer shapes (layer {l}: W {members[0][l].W.ShapeText()}, b {members[0][l].b.ShapeText()})", nameof(members));
        if (momentum.Any(a => a is < 0 or >= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), "every momentum α must be in [0, 1)");
        if (dropout.Any(p => p is < 0 or >= 1)) throw new ArgumentOutOfRangeException(nameof(dropout), "every dropout probability must be in [0, 1)");
        if (learningRate.Any(r => !(r > 0) || !double.IsFinite(r))) throw new ArgumentOutOfRangeException(nameof(learningRate), "every learning rate must be a positive number");

        Count = members.Count;
        Dropout = [.. dropout];
        using var scope = torch.NewDisposeScope();
        weights = [.. Enumerable.Range(0, layers).Select(l => Keep(torch.stack(members.Select(m => m[l].W).ToList())))];     // (K, out, in)
        biases = [.. Enumerable.Range(0, layers).Select(l => Keep(torch.stack(members.Select(m => m[l].b).ToList())))];      // (K, out, 1)
        momentumW = [.. weights.Select(w => Keep(torch.zeros_like(w)))];
        momentumB = [.. biases.Select(b => Keep(torch.zeros_like(b)))];
        var dtype = weights[0].dtype;
        alpha = Keep(PerMember(momentum, dtype));
        negativeLr = Keep(PerMember(learningRate.Select(r => -r).ToList(), dtype));
        keep = Keep(PerMember(dropout.Select(p => 1 - p).ToList(), dtype));
        torch.Tensor Keep(torch.Tensor t) => scope.MoveToOuter(t).DetachFromDisposeScope();
    }

    private static torch.Tensor PerMember(IReadOnlyList<double> values, ScalarType dtype) =>
        torch.tensor(values.ToArray(), [values.Count, 1, 1], ScalarType.Float64).to(dtype);

    /// <summary>Members K.</summary>
    public int Count { get; }

    /// <summary>Each member's dropout probability p_k.</summary>
    public IReadOnlyList<double> Dropout { get; }

    /// <summary>Layer <paramref name="layer"/>'s weights (K, out, in), input side first.</summary>
    public torch.Tensor Weight(int layer) => weights[layer];

    /// <summary>Layer <paramref name="layer"/>'s biases (K, out, 1).</summary>
    public torch.Tensor Bias(int layer) => biases[layer];

    /// <summary>Linear layers (hidden layers + 1).</summary>
    public int Layers => weights.Length;

    /// <summary>Units of hidden layer <paramref name="hidden"/> (0-based), the rows of its dropout mask.</summary>
    public long HiddenUnits(int hidden) => weights[hidden].size(1);

    /// <summary>
    /// What the backward pass needs: each linear layer's input ((indim, B) for the first, shared by all members;
    /// (K, in, B) after it), and each hidden layer's pre-activation (K, H, B) and dropout factor (mask (K, H, B) or 1 - p (K, 1, 1)).
    /// </summary>
    public readonly record struct Cache(torch.Tensor[] Inputs, torch.Tensor[] Potentials, torch.Tensor[] Scales);

    /// <summary>Each layer's gradients, input side first: dW (K, out, in) and db (K, out, 1).</summary>
    public readonly record struct Gradients(torch.Tensor[] dW, torch.Tensor[] db);

    /// <summary>
    /// Logits (K, classes, B) of every member for <paramref name="x"/> (indim, B). In training, <paramref name="masks"/>[h] is
    /// hidden layer h's 0/1 dropout mask (K, H, B); null infers, scaling units by 1 - p_k (003 §1.4).
    /// </summary>
    public (torch.Tensor logits, Cache cache) Forward(torch.Tensor x, IReadOnlyList<torch.Tensor>? masks)
    {
        if (x.ndim != 2 || x.size(0) != weights[0].size(2))
            throw new ArgumentException($"x must be (indim={weights[0].size(2)}, batch) columns; got {x.ShapeText()}", nameof(x));
        if (masks is not null && masks.Count != Layers - 1)
            throw new ArgumentException($"{Layers - 1} hidden layers need as many masks; got {masks.Count}", nameof(masks));
        var inputs = new torch.Tensor[Layers];
        var potentials = new torch.Tensor[Layers - 1];
        var scales = new torch.Tensor[Layers - 1];
        var h = x;
        for (var l = 0; l < Layers; l++)
        {
            inputs[l] = h;
            // (K, out, in) @ (in, B): the first layer's x is shared, which matmul folds into one (K·out, in) GEMM.
            var pot = weights[l].matmul(h).add_(biases[l]);                           // (K, out, B)
            if (l == Layers - 1) return (pot, new Cache(inputs, potentials, scales));
            potentials[l] = pot;
            scales[l] = masks is null ? keep : masks[l];                             // (K, H, B) or (K, 1, 1)
            h = pot.clamp(min: 0) * scales[l];                                       // (K, H, B)
        }
        throw new InvalidOperationException("unreachable: the last layer returns");
    }

    // Backward of every member at once; members share no weights, so each slice k is member k's own backward
    // (LinearMap and ReLU of 003 eqs. (19)-(24), as in SingleLayerMLP / TwoLayerMLP), layer l from the top:
    //   dW_l = dy_l in_lᵀ          (K, out, in)   ∂y_ob/∂W_oi = in_ib, summed over the batch
    //   db_l = Σ_b dy_l            (K, out, 1)
    //   dh   = W_lᵀ dy_l           (K, in, B)     input gradient, formed only above the first layer (x has none to feed)
    //   dy_(l-1) = dh · 1[pot > 0] · s          the ReLU's kink takes 0; s the dropout mask (training) or 1 - p
    /// <summary>The gradients of every member for the upstream <paramref name="dlogits"/> (K, classes, B).</summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache)
    {
        var dW = new torch.Tensor[Layers];
        var db = new torch.Tensor[Layers];
        var dy = dlogits;
        for (var l = Layers - 1; l >= 0; l--)
        {
            // The first layer's input (in, B) is shared: (K, out, B) @ (B, in) folds into one GEMM as well.
            dW[l] = dy.matmul(cache.Inputs[l].transpose(-2, -1));                   // (K, out, in)
            db[l] = dy.sum(2, keepdim: true);                                        // (K, out, 1)
            if (l == 0) break;
            var dh = weights[l].transpose(1, 2).matmul(dy);                          // (K, in, B)
            dy = dh.mul_(cache.Potentials[l - 1].gt(0).to(dh.dtype)).mul_(cache.Scales[l - 1]);
        }
        return new Gradients(dW, db);
    }

    /// <summary>
    /// One momentum step of every member (003 §1.3), in place: G_M ← α_k G_M + G, then W ← W - lr_k G_M, and likewise b.
    /// </summary>
    public void Step(Gradients grads)
    {
        for (var l = 0; l < Layers; l++)
        {
            momentumW[l].mul_(alpha).add_(grads.dW[l]);
            momentumB[l].mul_(alpha).add_(grads.db[l]);
            weights[l].addcmul_(momentumW[l], negativeLr, 1);
            biases[l].addcmul_(momentumB[l], negativeLr, 1);
        }
    }

    // The members' rows go through the one softmax cross entropy: its mean over all K·B rows is (1/K) Σ_k L_k, so an
    // upstream gradient of K gives Σ_k L_k's: dO_k = (P_k - Y) / B.
    /// <summary>
    /// ∂(Σ_k L_k)/∂logits (K, classes, B), L_k member k's batch-mean cross entropy against one-hot <paramref name="targets"/>
    /// (classes, B): each member's slice is its own loss's gradient, since members share no weights.
    /// </summary>
    public torch.Tensor LossGradient(torch.Tensor logits, torch.Tensor targets)
    {
        var (k, classes, b) = (logits.size(0), logits.size(1), logits.size(2));
        var rows = logits.transpose(1, 2).reshape(k * b, classes);                  // (K·B, classes)
        var rowTargets = targets.T.unsqueeze(0).expand(k, b, classes).reshape(k * b, classes);
        var (_, cache) = SoftmaxCrossEntropy.Forward(rows, rowTargets);
        var dRows = SoftmaxCrossEntropy.Backward(torch.tensor((float)k).to(logits.dtype), cache);
        return dRows.view(k, b, classes).transpose(1, 2);                           // (K, classes, B)
    }

    /// <summary>Frees the weights, biases, momentum buffers and per-member factors.</summary>
    public void Dispose()
    {
        foreach (var t in weights.Concat(biases).Concat(momentumW).Concat(momentumB)) t.Dispose();
        alpha.Dispose(); negativeLr.Dispose(); keep.Dispose();
    }
}
