// CMU 10-417 HW1 (003 Problem 5) SingleLayerMLP: LinearMap -> ReLU(dropout) -> LinearMap, logits out.
// Not a classifier with a loss: SoftmaxCrossEntropyLoss belongs to the training loop, as §1.5 says.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Manual.Cmu;

/// <summary>One hidden layer with ReLU (and dropout): logits = W2 ReLU(W1 x + b1) + b2, on (features, B) columns.</summary>
public sealed class SingleLayerMLP : IManualModel<SingleLayerMLP.Cache, SingleLayerMLP.Gradients>
{
    private readonly Dictionary<string, torch.Tensor> parameters;
    /// <summary>The template's constructor: sizes, momentum α and dropout probability (the learning rate is <see cref="Step"/>'s).</summary>
    public SingleLayerMLP(long indim, long outdim, long hiddenlayer = 100, double alpha = 0.1, double dropoutProbability = 0, ScalarType dtype = ScalarType.Float32)
    {
        Layer0 = new LinearMap(indim, hiddenlayer, alpha, dtype);
        Activation = new ReLU(dropoutProbability);
        Layer1 = new LinearMap(hiddenlayer, outdim, alpha, dtype);
        parameters = LinearMap.ByLayer(Layer0.Parameters, Layer1.Parameters);
    }

    /// <summary>Input to hidden.</summary>
    public LinearMap Layer0 { get; }

    /// <summary>The hidden ReLU with dropout.</summary>
    public ReLU Activation { get; }

    /// <summary>Hidden to logits.</summary>
    public LinearMap Layer1 { get; }

    /// <summary>The caches of the three stages.</summary>
    public readonly record struct Cache(LinearMap.Cache Layer0, ReLU.Cache Activation, LinearMap.Cache Layer1);

    /// <summary>dx (indim, B) and each LinearMap's gradients, first layer first.</summary>
    public readonly record struct Gradients(torch.Tensor dx, LinearMap.Gradients Layer0, LinearMap.Gradients Layer1);

    /// <summary>Whether <see cref="Forward(torch.Tensor)"/> trains (dropout masks applied) or infers (units scaled by 1 - p, 003 §1.4).</summary>
    public bool Training { get; set; } = true;

    /// <summary>
    /// Where <see cref="Forward(torch.Tensor)"/> takes each hidden layer's 0/1 dropout mask in training, given (hidden units, batch);
    /// null draws U(0,1) &gt; p from torch's generator. A trainer sets it to draw masks from its own seeded generator.
    /// </summary>
    public Func<long, long, torch.Tensor>? DropoutMasks { get; set; }

    /// <summary>Logits (outdim, B) for <paramref name="x"/> (indim, B) in the mode <see cref="Training"/>, masks from <see cref="DropoutMasks"/>.</summary>
    public (torch.Tensor y, Cache cache) Forward(torch.Tensor x) =>
        Forward(x, Training, Training ? DropoutMasks?.Invoke(Layer0.W.size(0), x.size(1)) : null);

    /// <summary>Logits (outdim, B) for <paramref name="x"/> (indim, B); <paramref name="mask"/> fixes the dropout mask (hidden, B).</summary>
    public (torch.Tensor logits, Cache cache) Forward(torch.Tensor x, bool train = true, torch.Tensor? mask = null)
    {
        var (pot, c0) = Layer0.Forward(x);                        // (H, B)
        var (h, ca) = Activation.Forward(pot, train, mask);       // (H, B)
        var (logits, c1) = Layer1.Forward(h);                     // (outdim, B)
        return (logits, new Cache(c0, ca, c1));
    }

    // Backward: the chain rule through the three stages in reverse (003 Part 4.1-4.4):
    //   dh   = Layer1ᵀ-backward(dlogits)      (H, B)      with dW2 = dlogits hᵀ, db2 = Σ_b dlogits
    //   dpot = ReLU-backward(dh)              (H, B)      dh · 1[pot > 0] · mask
    //   dx   = Layer0-backward(dpot)          (indim, B)  with dW1 = dpot xᵀ, db1 = Σ_b dpot
    /// <summary>All gradients for the upstream <paramref name="dlogits"/> (outdim, B).</summary>
    public Gradients Backward(torch.Tensor dlogits, Cache cache)
    {
        var g1 = Layer1.Backward(dlogits, cache.Layer1);
        var dpot = Activation.Backward(g1.dx, cache.Activation);
        var g0 = Layer0.Backward(dpot, cache.Layer0);
        return new Gradients(g0.dx, g0, g1);
    }

    /// <summary>One momentum step of every layer with learning rate <paramref name="lr"/> (each LinearMap keeps its momentum buffers).</summary>
    public void Step(Gradients grads, double lr)
    {
        Layer1.Step(grads.Layer1, lr);
        Layer0.Step(grads.Layer0, lr);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Named(Gradients g) => LinearMap.ByLayer(Layer0.Named(g.Layer0), Layer1.Named(g.Layer1));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, torch.Tensor> Parameters => parameters;

    /// <summary>Frees every layer's parameters and momentum buffers.</summary>
    public void Dispose()
    {
        Layer0.Dispose(); Layer1.Dispose();
    }
}
