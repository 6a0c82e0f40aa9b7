// What every autograd classifier twin does the same way: accuracy of its logits, and one plain
// gradient-descent step on a cost. Not a model; the models call it.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>Shared accuracy and gradient-step code of the classifier twins (SigmoidMlp, Cnn).</summary>
internal static class Classifier
{
    /// <summary>The fraction of rows of X whose largest logit is their label, without recording gradients.</summary>
    public static double Accuracy(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return model.forward(X).argmax(1).eq(labels).to(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>θ ← θ − lr·∇cost for every parameter of <paramref name="model"/>, gradients by autograd.</summary>
    public static void GradientStep(torch.nn.Module model, Func<torch.Tensor> cost, double lr)
    {
        using var scope = torch.NewDisposeScope();
        model.zero_grad(set_to_none: true);
        cost().backward();
        using var noGrad = torch.no_grad();
        foreach (var p in model.parameters()) p.add_(p.grad!, alpha: -lr);
    }
}
