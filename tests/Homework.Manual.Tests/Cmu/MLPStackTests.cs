// Tests of MLPStack: K members computed at once give exactly what each member's own template class (SingleLayerMLP or
// TwoLayerMLP, gradient-checked against autograd and central differences) gives on the same weights and masks —
// logits, loss gradient, parameter gradients and the momentum step with each member's α and learning rate.
// Not a training test (Homework.Training.Tests/Pairs/MLPStackTrainerTests trains stacks against runs alone).
using Homework.Manual.Cmu;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Cmu;

public class MLPStackTests
{
    private static readonly double[] Momenta = [0, 0.4, 0.9];
    private static readonly double[] Dropouts = [0, 0.2, 0.5];
    private static readonly double[] Rates = [0.1, 0.01, 0.3];

    // Three float64 members of one shape with different weights, and their template twins on copies of the same weights.
    private static (MLPStack stack, IManualModelLayers[] members) Build(long[] hidden)
    {
        var members = new IManualModelLayers[3];
        for (var k = 0; k < 3; k++)
        {
            manual_seed(10 + k);
            members[k] = hidden.Length == 1
                ? new OneLayer(new SingleLayerMLP(5, 3, hidden[0], Momenta[k], Dropouts[k], ScalarType.Float64))
                : new TwoLayers(new TwoLayerMLP(5, 3, (hidden[0], hidden[1]), Momenta[k], Dropouts[k], ScalarType.Float64));
            foreach (var layer in members[k].Layers) layer.b.copy_(randn_like(layer.b));   // non-zero biases, so db and b's step are checked
        }
        var stack = new MLPStack([.. members.Select(m => (IReadOnlyList<(Tensor, Tensor)>)[.. m.Layers.Select(l => (l.W, l.b))])], Momenta, Dropouts, Rates);
        return (stack, members);
    }

    [Theory]
    [InlineData(new long[] { 6 })]
    [InlineData(new long[] { 6, 4 })]
    public void Forward_backward_and_step_equal_each_members_template_class(long[] hidden)
    {
        using var scope = NewDisposeScope();
        var (stack, members) = Build(hidden);
        using var _ = stack;
        manual_seed(20);
        var x = randn(5, 7, float64);                                                           // (D, B)
        var targets = nn.functional.one_hot(randint(0, 3, [7]), 3).T.to(float64);              // (classes, B)
        Tensor[] masks = [.. hidden.Select(h => rand([3, h, 7], float64).gt(0.3).to(float64))];   // (K, H, B)

        for (var step = 0; step < 2; step++)       // the second step runs on momentum buffers the first one filled
        {
            var (logits, cache) = stack.Forward(x, masks);
            var dlogits = stack.LossGradient(logits, targets);
            var grads = stack.Backward(dlogits, cache);
            for (var k = 0; k < 3; k++)
            {
                var (own, ownCache) = members[k].Forward(x, [.. masks.Select(m => m[k])]);
                TensorAssert.Close($"member {k} logits", logits[k], own, Tolerance.Float64);
                var ownDlogits = SoftmaxCrossEntropyLoss.Backward(tensor(1.0), SoftmaxCrossEntropyLoss.Forward(own, targets).cache);
                TensorAssert.Close($"member {k} dlogits", dlogits[k], ownDlogits, Tolerance.Float64);
                var ownGrads = members[k].Backward(ownDlogits, ownCache);
                for (var l = 0; l < stack.Layers; l++)
                {
                    TensorAssert.Close($"member {k} layer {l} dW", grads.dW[l][k], ownGrads[l].dW, Tolerance.Float64);
                    TensorAssert.Close($"member {k} layer {l} db", grads.db[l][k], ownGrads[l].db, Tolerance.Float64);
                }
                members[k].Step(ownGrads, Rates[k]);
            }
            stack.Step(grads);
            for (var k = 0; k < 3; k++)
                for (var l = 0; l < stack.Layers; l++)
                {
                    TensorAssert.Close($"member {k} layer {l} W after step {step + 1}", stack.Weight(l)[k], members[k].Layers[l].W, Tolerance.Float64);
                    TensorAssert.Close($"member {k} layer {l} b after step {step + 1}", stack.Bias(l)[k], members[k].Layers[l].b, Tolerance.Float64);
                }
        }
        foreach (var m in members) m.Dispose();
    }

    [Fact]
    public void Inference_scales_each_members_units_by_its_own_one_minus_p()
    {
        using var scope = NewDisposeScope();
        var (stack, members) = Build([6, 4]);
        using var _ = stack;
        var x = randn(5, 7, float64);
        var (logits, _) = stack.Forward(x, null);
        for (var k = 0; k < 3; k++)
            TensorAssert.Close($"member {k} inference logits", logits[k], members[k].Infer(x), Tolerance.Float64);
        foreach (var m in members) m.Dispose();
    }

    [Fact]
    public void Members_of_different_shapes_are_refused()
    {
        using var scope = NewDisposeScope();
        (Tensor, Tensor)[] small = [(zeros(4, 5), zeros(4, 1)), (zeros(3, 4), zeros(3, 1))];
        (Tensor, Tensor)[] wide = [(zeros(6, 5), zeros(6, 1)), (zeros(3, 6), zeros(3, 1))];
        var e = Assert.Throws<ArgumentException>(() => new MLPStack([small, wide], [0, 0], [0, 0], [0.1, 0.1]));
        Assert.Contains("member 1 does not have member 0's layer shapes", e.Message);
    }

    // The two template classes behind one view: their LinearMaps input side first, forward with given masks, backward, step.
    private interface IManualModelLayers : IDisposable
    {
        LinearMap[] Layers { get; }
        (Tensor logits, object cache) Forward(Tensor x, Tensor[] masks);
        Tensor Infer(Tensor x);
        LinearMap.Gradients[] Backward(Tensor dlogits, object cache);
        void Step(LinearMap.Gradients[] grads, double lr);
    }

    private sealed class OneLayer(SingleLayerMLP m) : IManualModelLayers
    {
        public LinearMap[] Layers => [m.Layer0, m.Layer1];
        public (Tensor logits, object cache) Forward(Tensor x, Tensor[] masks) { var (y, c) = m.Forward(x, true, masks[0]); return (y, c); }
        public Tensor Infer(Tensor x) => m.Forward(x, false).logits;
        public LinearMap.Gradients[] Backward(Tensor dlogits, object cache) { var g = m.Backward(dlogits, (SingleLayerMLP.Cache)cache); return [g.Layer0, g.Layer1]; }
        public void Step(LinearMap.Gradients[] g, double lr) => m.Step(new SingleLayerMLP.Gradients(null, g[0], g[1]), lr);
        public void Dispose() => m.Dispose();
    }

    private sealed class TwoLayers(TwoLayerMLP m) : IManualModelLayers
    {
        public LinearMap[] Layers => [m.Layer0, m.Layer1, m.Layer2];
        public (Tensor logits, object cache) Forward(Tensor x, Tensor[] masks) { var (y, c) = m.Forward(x, true, masks[0], masks[1]); return (y, c); }
        public Tensor Infer(Tensor x) => m.Forward(x, false).logits;
        public LinearMap.Gradients[] Backward(Tensor dlogits, object cache) { var g = m.Backward(dlogits, (TwoLayerMLP.Cache)cache); return [g.Layer0, g.Layer1, g.Layer2]; }
        public void Step(LinearMap.Gradients[] g, double lr) => m.Step(new TwoLayerMLP.Gradients(null, g[0], g[1], g[2]), lr);
        public void Dispose() => m.Dispose();
    }
}
