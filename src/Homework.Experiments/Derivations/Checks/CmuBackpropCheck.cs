// 003 Problem 3 (Parts 4.1-4.4): every partial derivative of the one-hidden-layer ReLU network's cross-entropy, the
// intermediate ones (∂L/∂o, ∂L/∂h, ∂L/∂q) included, three ways: the CMU modules' hand-written backward chained by hand
// (Homework.Manual.Cmu: LinearMap, ReLU, SoftmaxCrossEntropyLoss), autograd through the same graph, and central
// differences of L as a function of each quantity. Batch sizes 1, 3, 4 by seed (the homework's single example first).
using Homework.GradCheck;
using TorchSharp;
using Homework.Manual.Cmu;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

/// <summary>∂L/∂o, ∂L/∂b⁽²⁾, ∂L/∂h, ∂L/∂W⁽²⁾, ∂L/∂q, ∂L/∂W⁽¹⁾, ∂L/∂b⁽¹⁾ of 003 eqs. (12)-(16), as columns (features, batch).</summary>
public sealed class CmuBackpropCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "CmuBackprop";

    /// <inheritdoc />
    public string Source => "003 Problem 3, eqs. (12)-(24): D = 5, H = 4, M = 3; batch 1, 3, 4 for seeds 0, 1, 2 (L the batch mean)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        torch.manual_seed(seed);
        const long d = 5, h = 4, m = 3;
        var batch = new long[] { 1, 3, 4 }[seed % 3];
        var x = torch.randn(d, batch, ScalarType.Float64);
        var y = torch.nn.functional.one_hot(torch.randint(m, [batch]), m).to(ScalarType.Float64).T.contiguous();   // (M, B)
        var w1 = torch.randn(h, d, ScalarType.Float64);
        var b1 = torch.randn(h, 1, ScalarType.Float64);
        var w2 = torch.randn(m, h, ScalarType.Float64);
        var b2 = torch.randn(m, 1, ScalarType.Float64);

        // By hand: each module's backward, chained from the loss down (dL = 1).
        using var layer1 = new LinearMap(d, h, dtype: dtype);
        using var layer2 = new LinearMap(h, m, dtype: dtype);
        layer1.LoadParams(w1, b1);
        layer2.LoadParams(w2, b2);
        var relu = new ReLU();
        var (q, c1) = layer1.Forward(x.to(dtype));
        var (hid, cr) = relu.Forward(q, train: false);
        var (o, c2) = layer2.Forward(hid);
        var (_, cl) = SoftmaxCrossEntropyLoss.Forward(o, y.to(dtype));
        var dO = SoftmaxCrossEntropyLoss.Backward(torch.ones([], dtype), cl);
        var g2 = layer2.Backward(dO, c2);
        var dQ = relu.Backward(g2.dx!, cr);
        var g1 = layer1.Backward(dQ, c1);

        // Autograd through the same equations, with respect to the leaves and the intermediates.
        var (W1, B1, W2, B2) = (w1.to(dtype).requires_grad_(), b1.to(dtype).requires_grad_(), w2.to(dtype).requires_grad_(), b2.to(dtype).requires_grad_());
        var Q = W1.matmul(x.to(dtype)) + B1;
        var Hd = Q.relu();
        var O = W2.matmul(Hd) + B2;
        var loss = -(y.to(dtype) * O.log_softmax(0)).sum() / batch;
        var a = torch.autograd.grad([loss], [O, B2, Hd, W2, Q, W1, B1]);

        // Central differences of L as a function of each quantity, the rest of the forward pass recomputed from it.
        torch.Tensor FromO(torch.Tensor oo) => -(y * oo.log_softmax(0)).sum() / batch;
        torch.Tensor FromH(torch.Tensor hh) => FromO(w2.matmul(hh) + b2);
        torch.Tensor FromQ(torch.Tensor qq) => FromH(qq.relu());
        var q0 = w1.matmul(x) + b1;
        var h0 = q0.relu();
        var o0 = w2.matmul(h0) + b2;
        return
        [
            new(Name, "∂L/∂o (eq. 18)", dO, a[0], CentralDifference.Gradient(() => FromO(o0), o0)),
            new(Name, "∂L/∂b2 (eq. 19)", g2.db, a[1], CentralDifference.Gradient(() => FromO(w2.matmul(h0) + b2), b2)),
            new(Name, "∂L/∂h (eq. 21)", g2.dx!, a[2], CentralDifference.Gradient(() => FromH(h0), h0)),
            new(Name, "∂L/∂W2 (eq. 23)", g2.dW, a[3], CentralDifference.Gradient(() => FromH(h0), w2)),
            new(Name, "∂L/∂q (eq. 24)", dQ, a[4], CentralDifference.Gradient(() => FromQ(q0), q0)),
            new(Name, "∂L/∂W1", g1.dW, a[5], CentralDifference.Gradient(() => FromQ(w1.matmul(x) + b1), w1)),
            new(Name, "∂L/∂b1", g1.db, a[6], CentralDifference.Gradient(() => FromQ(w1.matmul(x) + b1), b1)),
        ];
    }
}
