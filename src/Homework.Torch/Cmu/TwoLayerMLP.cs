// CMU 10-417 HW1 (003 Problem 5) TwoLayerMLP: (LinearMap -> ReLU(dropout)) x 2 -> LinearMap, as nn modules.
// Not hand-differentiated: autograd supplies the gradients. Twin of Homework.Manual.Cmu.TwoLayerMLP.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Cmu;

/// <summary>Two hidden layers with ReLU (and dropout): logits (outdim, B) for x (indim, B).</summary>
public sealed class TwoLayerMLP : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>Sizes and dropout probability; momentum and learning rate belong to <see cref="LinearMap.Optimizer"/>.</summary>
    public TwoLayerMLP(long indim, long outdim, (long first, long second) hiddenlayers, double dropoutProbability = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(TwoLayerMLP))
    {
        layer0 = new LinearMap(indim, hiddenlayers.first, dtype);
        activation1 = new ReLU(dropoutProbability);
        layer1 = new LinearMap(hiddenlayers.first, hiddenlayers.second, dtype);
        activation2 = new ReLU(dropoutProbability);
        layer2 = new LinearMap(hiddenlayers.second, outdim, dtype);
        RegisterComponents();
    }

    /// <summary>Input to first hidden layer.</summary>
    public readonly LinearMap layer0;

    /// <summary>The first hidden ReLU with dropout.</summary>
    public readonly ReLU activation1;

    /// <summary>First to second hidden layer.</summary>
    public readonly LinearMap layer1;

    /// <summary>The second hidden ReLU with dropout.</summary>
    public readonly ReLU activation2;

    /// <summary>Second hidden layer to logits.</summary>
    public readonly LinearMap layer2;

    /// <summary>Logits (outdim, B) for <paramref name="input"/> (indim, B).</summary>
    public override torch.Tensor forward(torch.Tensor input) =>
        layer2.forward(activation2.forward(layer1.forward(activation1.forward(layer0.forward(input)))));

    /// <summary>Training-mode logits with fixed dropout masks (hidden1, B) and (hidden2, B).</summary>
    public torch.Tensor forward(torch.Tensor input, torch.Tensor mask1, torch.Tensor mask2) =>
        layer2.forward(activation2.forward(layer1.forward(activation1.forward(layer0.forward(input), mask1)), mask2));
}
