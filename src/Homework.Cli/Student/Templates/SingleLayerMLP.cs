// Your SingleLayerMLP: CMU 10-417 HW1 (003) Problem 5 §1.5, logits = W2 h + b2 with h = ReLU(W1 x + b1) · s, where s is
// the dropout mask in training (§1.4: 1 keeps a unit, 0 drops it, each dropped with probability p; no rescaling) and
// 1 − p everywhere at inference. Shapes are (features, B) columns as in the homework.
// Write Backward (003 Q3 Parts 4.1-4.4: the LinearMap and ReLU rules chained), then check it against autograd and
// central differences:
//     homework check MySingleLayerMLP.cs
// The check runs float64 at three seeds, each with its own shape (indim, hidden, outdim, B) = (5, 6, 3, 4), (3, 4, 2, 5),
// (6, 3, 4, 1), p = 0.25, in training with a fixed mask, on the logits with a random upstream gradient.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using LinearMap = Homework.Manual.Cmu.LinearMap;
using ReLU = Homework.Manual.Cmu.ReLU;
using SingleLayerMLP = Homework.Manual.Cmu.SingleLayerMLP;

/// <summary>x (indim, B), W1 (hidden, indim), b1 (hidden, 1), W2 (outdim, hidden), b2 (outdim, 1), logits (outdim, B).</summary>
public sealed class MySingleLayerMLP : IManualModel<SingleLayerMLP.Cache, SingleLayerMLP.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;
    private readonly double p;

    // alpha is §1.3's momentum, which this file's Step leaves out (plain SGD): the check reads only the gradients.
    public MySingleLayerMLP(long indim, long outdim, long hiddenlayer, double alpha, double dropoutProbability, ScalarType dtype)
    {
        W1 = torch.zeros(hiddenlayer, indim, dtype).DetachFromDisposeScope();   // the check copies its values in
        b1 = torch.zeros(hiddenlayer, 1, dtype).DetachFromDisposeScope();
        W2 = torch.zeros(outdim, hiddenlayer, dtype).DetachFromDisposeScope();
        b2 = torch.zeros(outdim, 1, dtype).DetachFromDisposeScope();
        p = dropoutProbability;
        parameters = new()
        {
            ["layer0.linear.weight"] = W1, ["layer0.linear.bias"] = b1.view(-1).DetachFromDisposeScope(),
            ["layer1.linear.weight"] = W2, ["layer1.linear.bias"] = b2.view(-1).DetachFromDisposeScope(),
        };
    }

    public Tensor W1 { get; }   // (hidden, indim)
    public Tensor b1 { get; }   // (hidden, 1)
    public Tensor W2 { get; }   // (outdim, hidden)
    public Tensor b2 { get; }   // (outdim, 1)

    // Named as the autograd twin's layers: layer0.linear.weight (hidden, indim), layer0.linear.bias (hidden), and layer1's.
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    public (Tensor y, SingleLayerMLP.Cache cache) Forward(Tensor x) => Forward(x, true, null);

    // The logits (outdim, B) of x (indim, B); the check passes the mask (hidden, B) in training. The cache keeps x, the
    // hidden pre-activations pot with their factors s (mask or 1 − p), and h.
    public (Tensor logits, SingleLayerMLP.Cache cache) Forward(Tensor x, bool train, Tensor? mask)
    {
        var pot = W1.matmul(x) + b1;                          // (hidden, B)
        var s = train ? (mask ?? torch.rand_like(pot).gt(p)).to(pot.dtype) : torch.full_like(pot, 1 - p);
        var h = pot.clamp(min: 0) * s;                        // (hidden, B)
        var logits = W2.matmul(h) + b2;                       // (outdim, B)
        return (logits, new SingleLayerMLP.Cache(new LinearMap.Cache(x), new ReLU.Cache(pot, s), new LinearMap.Cache(h)));
    }

    // dlogits = dL/dlogits (outdim, B); return dL/dx and each layer's dW and db. A LinearMap.Gradients' own dx is the
    // gradient at that layer's input: dx for layer 0, dh for layer 1.
    public SingleLayerMLP.Gradients Backward(Tensor dlogits, SingleLayerMLP.Cache cache)
    {
        var (x, pot, s, h) = (cache.Layer0.Input, cache.Activation.Input, cache.Activation.Scale, cache.Layer1.Input);
        // var dW2 = ...                                      // (outdim, hidden)
        // var db2 = ...                                      // (outdim, 1)
        // var dh = ...                                       // (hidden, B)
        // var dpot = ...                                     // (hidden, B)
        // var dW1 = ...                                      // (hidden, indim)
        // var db1 = ...                                      // (hidden, 1)
        // var dx = ...                                       // (indim, B)
        throw new NotImplementedException("write Backward: dW2, db2, dh, dpot, dW1, db1 and dx");
        // return new SingleLayerMLP.Gradients(dx, new LinearMap.Gradients(dx, dW1, db1), new LinearMap.Gradients(dh, dW2, db2));
    }

    public IReadOnlyDictionary<string, Tensor> Named(SingleLayerMLP.Gradients g) => new Dictionary<string, Tensor>
    {
        ["layer0.linear.weight"] = g.Layer0.dW, ["layer0.linear.bias"] = g.Layer0.db.view(-1),
        ["layer1.linear.weight"] = g.Layer1.dW, ["layer1.linear.bias"] = g.Layer1.db.view(-1),
    };

    public void Step(SingleLayerMLP.Gradients g, double lr)
    {
        W1.add_(g.Layer0.dW, alpha: -lr); b1.add_(g.Layer0.db, alpha: -lr);
        W2.add_(g.Layer1.dW, alpha: -lr); b2.add_(g.Layer1.db, alpha: -lr);
    }

    public void Dispose()
    {
        parameters["layer0.linear.bias"].Dispose();
        parameters["layer1.linear.bias"].Dispose();
        W1.Dispose(); b1.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
