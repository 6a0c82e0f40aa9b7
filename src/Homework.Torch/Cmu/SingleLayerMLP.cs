// CMU 10-417 HW1 (003 Problem 5) SingleLayerMLP: LinearMap -> ReLU(dropout) -> LinearMap, as nn modules.
// Not hand-differentiated: autograd supplies the gradients. Twin of Homework.Manual.Cmu.SingleLayerMLP.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Cmu;

/// <summary>One hidden layer with ReLU (and dropout): logits (outdim, B) for x (indim, B).</summary>
public sealed class SingleLayerMLP : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>Sizes and dropout probability; momentum and learning rate belong to <see cref="LinearMap.Optimizer"/>.</summary>
    public SingleLayerMLP(long indim, long outdim, long hiddenlayer = 100, double dropoutProbability = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(SingleLayerMLP))
    {
        layer0 = new LinearMap(indim, hiddenlayer, dtype);
        activation = new ReLU(dropoutProbability);
        layer1 = new LinearMap(hiddenlayer, outdim, dtype);
        RegisterComponents();
    }

    /// <summary>Input to hidden.</summary>
    public readonly LinearMap layer0;

    /// <summary>The hidden ReLU with dropout.</summary>
    public readonly ReLU activation;

    /// <summary>Hidden to logits.</summary>
    public readonly LinearMap layer1;

    /// <summary>Logits (outdim, B) for <paramref name="input"/> (indim, B).</summary>
    public override torch.Tensor forward(torch.Tensor input) => layer1.forward(activation.forward(layer0.forward(input)));

    /// <summary>Training-mode logits with a fixed dropout <paramref name="mask"/> (hidden, B).</summary>
    public torch.Tensor forward(torch.Tensor input, torch.Tensor mask) => layer1.forward(activation.forward(layer0.forward(input), mask));
}
