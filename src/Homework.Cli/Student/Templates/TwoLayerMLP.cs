// Your TwoLayerMLP: CMU 10-417 HW1 (003) Problem 5 §1.5, logits = W3 h2 + b3 with h2 = ReLU(W2 h1 + b2) · s2 and
// h1 = ReLU(W1 x + b1) · s1, where s1, s2 are the dropout masks in training (§1.4: 1 keeps a unit, 0 drops it, each
// dropped with probability p; no rescaling) and 1 − p everywhere at inference. Shapes are (features, B) columns.
// Write Backward (003 Q3 Part 4's rules, one hidden layer more), then check it against autograd and central differences:
//     homework check MyTwoLayerMLP.cs
// The check runs float64 at three seeds, each with its own shape (indim, hidden1, hidden2, outdim, B) = (5, 6, 4, 3, 4),
// (3, 5, 2, 4, 5), (4, 3, 6, 2, 1), p = 0.25, in training with fixed masks, on the logits with a random upstream gradient.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using LinearMap = Homework.Manual.Cmu.LinearMap;
using ReLU = Homework.Manual.Cmu.ReLU;
using TwoLayerMLP = Homework.Manual.Cmu.TwoLayerMLP;

/// <summary>x (indim, B), W1 (h1, indim), W2 (h2, h1), W3 (outdim, h2), each b a column (out, 1), logits (outdim, B).</summary>
public sealed class MyTwoLayerMLP : IManualModel<TwoLayerMLP.Cache, TwoLayerMLP.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;
    private readonly double p;

    // alpha is §1.3's momentum, which this file's Step leaves out (plain SGD): the check reads only the gradients.
    public MyTwoLayerMLP(long indim, long outdim, (long first, long second) hiddenlayers, double alpha, double dropoutProbability, ScalarType dtype)
    {
        var (h1, h2) = hiddenlayers;
        W1 = torch.zeros(h1, indim, dtype).DetachFromDisposeScope();   // the check copies its values in
        b1 = torch.zeros(h1, 1, dtype).DetachFromDisposeScope();
        W2 = torch.zeros(h2, h1, dtype).DetachFromDisposeScope();
        b2 = torch.zeros(h2, 1, dtype).DetachFromDisposeScope();
        W3 = torch.zeros(outdim, h2, dtype).DetachFromDisposeScope();
        b3 = torch.zeros(outdim, 1, dtype).DetachFromDisposeScope();
        p = dropoutProbability;
        parameters = new()
        {
            ["layer0.linear.weight"] = W1, ["layer0.linear.bias"] = b1.view(-1).DetachFromDisposeScope(),
            ["layer1.linear.weight"] = W2, ["layer1.linear.bias"] = b2.view(-1).DetachFromDisposeScope(),
            ["layer2.linear.weight"] = W3, ["layer2.linear.bias"] = b3.view(-1).DetachFromDisposeScope(),
        };
    }

    public Tensor W1 { get; }   // (h1, indim)
    public Tensor b1 { get; }   // (h1, 1)
    public Tensor W2 { get; }   // (h2, h1)
    public Tensor b2 { get; }   // (h2, 1)
    public Tensor W3 { get; }   // (outdim, h2)
    public Tensor b3 { get; }   // (outdim, 1)

    // Named as the autograd twin's layers: layer0.linear.weight (h1, indim), layer0.linear.bias (h1), then layer1's and layer2's.
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    public (Tensor y, TwoLayerMLP.Cache cache) Forward(Tensor x) => Forward(x, true, null, null);

    // The logits (outdim, B) of x (indim, B); the check passes the masks (h1, B) and (h2, B) in training. The cache keeps
    // each layer's input (x, h1, h2) and each ReLU's pre-activations pot with their factors s (mask or 1 − p).
    public (Tensor logits, TwoLayerMLP.Cache cache) Forward(Tensor x, bool train, Tensor? mask1, Tensor? mask2)
    {
        var pot1 = W1.matmul(x) + b1;                         // (h1, B)
        var s1 = Factors(pot1, train, mask1);
        var h1 = pot1.clamp(min: 0) * s1;                     // (h1, B)
        var pot2 = W2.matmul(h1) + b2;                        // (h2, B)
        var s2 = Factors(pot2, train, mask2);
        var h2 = pot2.clamp(min: 0) * s2;                     // (h2, B)
        var logits = W3.matmul(h2) + b3;                      // (outdim, B)
        return (logits, new TwoLayerMLP.Cache(new LinearMap.Cache(x), new ReLU.Cache(pot1, s1), new LinearMap.Cache(h1), new ReLU.Cache(pot2, s2), new LinearMap.Cache(h2)));
    }

    private Tensor Factors(Tensor pot, bool train, Tensor? mask) =>
        train ? (mask ?? torch.rand_like(pot).gt(p)).to(pot.dtype) : torch.full_like(pot, 1 - p);

    // dlogits = dL/dlogits (outdim, B); return dL/dx and each layer's dW and db. A LinearMap.Gradients' own dx is the
    // gradient at that layer's input: dx for layer 0, dh1 for layer 1, dh2 for layer 2.
    public TwoLayerMLP.Gradients Backward(Tensor dlogits, TwoLayerMLP.Cache cache)
    {
        var (x, h1, h2) = (cache.Layer0.Input, cache.Layer1.Input, cache.Layer2.Input);                     // (indim, B), (h1, B), (h2, B)
        var (pot1, s1, pot2, s2) = (cache.Activation1.Input, cache.Activation1.Scale, cache.Activation2.Input, cache.Activation2.Scale);
        // var dW3 = ...                                      // (outdim, h2)
        // var db3 = ...                                      // (outdim, 1)
        // var dh2 = ...                                      // (h2, B)
        // var dpot2 = ...                                    // (h2, B)
        // var dW2 = ...                                      // (h2, h1)
        // var db2 = ...                                      // (h2, 1)
        // var dh1 = ...                                      // (h1, B)
        // var dpot1 = ...                                    // (h1, B)
        // var dW1 = ...                                      // (h1, indim)
        // var db1 = ...                                      // (h1, 1)
        // var dx = ...                                       // (indim, B)
        throw new NotImplementedException("write Backward: every layer's dW and db, and dx");
        // return new TwoLayerMLP.Gradients(dx, new LinearMap.Gradients(dx, dW1, db1), new LinearMap.Gradients(dh1, dW2, db2), new LinearMap.Gradients(dh2, dW3, db3));
    }

    public IReadOnlyDictionary<string, Tensor> Named(TwoLayerMLP.Gradients g) => new Dictionary<string, Tensor>
    {
        ["layer0.linear.weight"] = g.Layer0.dW, ["layer0.linear.bias"] = g.Layer0.db.view(-1),
        ["layer1.linear.weight"] = g.Layer1.dW, ["layer1.linear.bias"] = g.Layer1.db.view(-1),
        ["layer2.linear.weight"] = g.Layer2.dW, ["layer2.linear.bias"] = g.Layer2.db.view(-1),
    };

    public void Step(TwoLayerMLP.Gradients g, double lr)
    {
        W1.add_(g.Layer0.dW, alpha: -lr); b1.add_(g.Layer0.db, alpha: -lr);
        W2.add_(g.Layer1.dW, alpha: -lr); b2.add_(g.Layer1.db, alpha: -lr);
        W3.add_(g.Layer2.dW, alpha: -lr); b3.add_(g.Layer2.db, alpha: -lr);
    }

    public void Dispose()
    {
        foreach (var layer in new[] { "layer0", "layer1", "layer2" }) parameters[$"{layer}.linear.bias"].Dispose();
        W1.Dispose(); b1.Dispose(); W2.Dispose(); b2.Dispose(); W3.Dispose(); b3.Dispose();
    }
}
