// CMU 10-417 HW1 (003 Problem 5) TwoLayerMLP: (LinearMap -> ReLU(dropout)) x 2 -> LinearMap, logits out.
// Not a classifier with a loss: SoftmaxCrossEntropyLoss belongs to the training loop, as §1.5 says.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>Two hidden layers with ReLU (and dropout): logits = W3 R(W2 R(W1 x + b1) + b2) + b3, on (features, B) columns.</summary>
public sealed class TwoLayerMLP : IManualModel<TwoLayerMLP.Cache, TwoLayerMLP.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;
    /// <summary>The template's constructor: sizes (hidden1, hidden2), momentum α and dropout probability (the learning rate is <see cref="Step"/>'s).</summary>
    public TwoLayerMLP(long indim, long outdim, (long first, long second) hiddenlayers, double alpha = 0.1, double dropoutProbability = 0, ScalarType dtype = ScalarType.Float32)
    {
        Layer0 = new LinearMap(indim, hiddenlayers.first, alpha, dtype);
        Activation1 = new ReLU(dropoutProbability);
        Layer1 = new LinearMap(hiddenlayers.first, hiddenlayers.second, alpha, dtype);
        Activation2 = new ReLU(dropoutProbability);
        Layer2 = new LinearMap(hiddenlayers.second, outdim, alpha, dtype);
        parameters = LinearMap.ByLayer(Layer0.Parameters, Layer1.Parameters, Layer2.Parameters);
    }

    /// <summary>Input to first hidden layer.</summary>
    public LinearMap Layer0 { get; }

    /// <summary>The first hidden ReLU with dropout.</summary>
    public ReLU Activation1 { get; }

    /// <summary>First to second hidden layer.</summary>
    public LinearMap Layer1 { get; }

    /// <summary>The second hidden ReLU with dropout.</summary>
    public ReLU Activation2 { get; }

    /// <summary>Second hidden layer to logits.</summary>
    public LinearMap Layer2 { get; }

    /// <summary>The caches of the five stages.</summary>
    public readonly record struct Cache(LinearMap.Cache Layer0, ReLU.Cache Activation1, LinearMap.Cache Layer1, ReLU.Cache Activation2, LinearMap.Cache Layer2);

    /// <summary>dx (indim, B) and each LinearMap's gradients, first layer first.</summary>
    public readonly record struct Gradients(torch.Tensor dx, LinearMap.Gradients Layer0, LinearMap.Gradients Layer1, LinearMap.Gradients Layer2);

    /// <summary>Whether <see cref="Forward(torch.Tensor)"/> trains (dropout masks applied) or infers (units scaled by 1 - p, 003 §1.4).</summary>
    public bool Training { get; set; } = true;

    /// <summary>
    /// Where <see cref="Forward(torch.Tensor)"/> takes each hidden layer's 0/1 dropout mask in training, given (hidden units, batch);
    /// null draws U(0,1) &gt; p from torch's generator. A trainer sets it to draw masks from its own seeded generator.
    /// </summary>
    public Func<long, long, torch.Tensor>? DropoutMasks { get; set; }

    /// <summary>Logits (outdim, B) for <paramref name="x"/> (indim, B) in the mode <see cref="Training"/>, masks from <see cref="DropoutMasks"/>.</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x) => Training
        ? Forward(x, true, DropoutMasks?.Invoke(Layer0.W.size(0), x.size(1)), DropoutMasks?.Invoke(Layer1.W.size(0), x.size(1)))
        : Forward(x, false);

    /// <summary>
    /// Logits (outdim, B) for <paramref name="x"/> (indim, B); <paramref name="mask1"/> (hidden1, B) and
    /// <paramref name="mask2"/> (hidden2, B) fix the dropout masks.
    /// </summary>
    public (torch.Tensor logits, Cache cache) Forward(torch.Tensor x, bool train = true, torch.Tensor? mask1 = null, torch.Tensor? mask2 = null)
    {
        var (pot1, c0) = Layer0.Forward(x);                       // (H1, B)
        var (h1, ca1) = Activation1.Forward(pot1, train, mask1);  // (H1, B)
        var (pot2, c1) = Layer1.Forward(h1);                      // (H2, B)
        var (h2, ca2) = Activation2.Forward(pot2, train, mask2);  // (H2, B)
        var (logits, c2) = Layer2.Forward(h2);                    // (outdim, B)
        return (logits, new Cache(c0, ca1, c1, ca2, c2));
    }

    // Backward: the chain rule through the five stages in reverse (003 Part 4, one more hidden layer):
    //   dh2   = Layer2-backward(dlogits)   (H2, B)     dW3 = dlogits h2ᵀ, db3 = Σ_b dlogits
    //   dpot2 = ReLU2-backward(dh2)        (H2, B)     dh2 · 1[pot2 > 0] · mask2
    //   dh1   = Layer1-backward(dpot2)     (H1, B)     dW2 = dpot2 h1ᵀ, db2 = Σ_b dpot2
    //   dpot1 = ReLU1-backward(dh1)        (H1, B)     dh1 · 1[pot1 > 0] · mask1
    //   dx    = Layer0-backward(dpot1)     (indim, B)  dW1 = dpot1 xᵀ, db1 = Σ_b dpot1
    /// <summary>All gradients for the upstream <paramref name="dlogits"/> (outdim, B).</summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache)
    {
        var g2 = Layer2.Backward(dlogits, cache.Layer2);
        var dpot2 = Activation2.Backward(g2.dx, cache.Activation2);
        var g1 = Layer1.Backward(dpot2, cache.Layer1);
        var dpot1 = Activation1.Backward(g1.dx, cache.Activation1);
        var g0 = Layer0.Backward(dpot1, cache.Layer0);
        return new Gradients(g0.dx, g0, g1, g2);
    }

    /// <summary>One momentum step of every layer with learning rate <paramref name="lr"/> (each LinearMap keeps its momentum buffers).</summary>
    public void Step(Gradients grads, double lr)
    {
        Layer2.Step(grads.Layer2, lr);
        Layer1.Step(grads.Layer1, lr);
        Layer0.Step(grads.Layer0, lr);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => LinearMap.ByLayer(Layer0.Named(g.Layer0), Layer1.Named(g.Layer1), Layer2.Named(g.Layer2));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>Frees every layer's parameters and momentum buffers.</summary>
    public void Dispose()
    {
        Layer0.Dispose(); Layer1.Dispose(); Layer2.Dispose();
    }
}
