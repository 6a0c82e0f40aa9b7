// CS229 PS2 (000) Q4(a-d): the "Linear Layer NN" as an nn.Module (fc1, fc2 are nn.Linear), trained with autograd.
// Not the hand-derived twin (Homework.Manual/Models/SigmoidMlp.cs) and not the MNIST training loop.
using Homework.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>
/// logits = fc2(σ(fc1(x))) with mean cross entropy and, for training, lambda(‖fc1.weight‖² + ‖fc2.weight‖²) (Q4c);
/// trained by optim.SGD on <see cref="Cost"/> (Homework.Training's SigmoidMlpPair).
/// Layout: nn.Linear stores weight as (out, in), so fc1.weight = W^{[1]T} (m, d) and fc2.weight = W^{[2]T} (k, m)
/// for the homework's W^{[1]} (d, m) and W^{[2]} (m, k); <see cref="LoadHomeworkLayout"/> maps from them.
/// </summary>
public sealed class SigmoidMlp : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>A d-m-k network with nn.Linear's default initialization and L2 strength <paramref name="lambda"/>.</summary>
    public SigmoidMlp(long d, long m, long k, double lambda = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(SigmoidMlp))
    {
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the L2 strength must be >= 0");
        fc1 = torch.nn.Linear(d, m, dtype: dtype);
        fc2 = torch.nn.Linear(m, k, dtype: dtype);
        this.lambda = lambda;
        RegisterComponents();
    }

    /// <summary>The hidden layer: weight (m, d) = W^{[1]T}, bias (m) = b^{[1]}.</summary>
    public readonly Linear fc1;

    /// <summary>The output layer: weight (k, m) = W^{[2]T}, bias (k) = b^{[2]}.</summary>
    public readonly Linear fc2;

    /// <summary>The L2 strength lambda of Q4(c).</summary>
    public double lambda { get; }

    /// <summary>Copies weights given in the homework's layout, W1 (d, m), b1 (m), W2 (m, k), b2 (k), into fc1 and fc2.</summary>
    public void LoadHomeworkLayout(torch.Tensor W1, torch.Tensor b1, torch.Tensor W2, torch.Tensor b2)
    {
        Expect(W1, [fc1.in_features, fc1.out_features], "W1"); Expect(b1, [fc1.out_features], "b1");
        Expect(W2, [fc2.in_features, fc2.out_features], "W2"); Expect(b2, [fc2.out_features], "b2");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        fc1.weight.copy_(W1.T); fc1.bias!.copy_(b1);
        fc2.weight.copy_(W2.T); fc2.bias!.copy_(b2);
    }

    /// <summary>Logits (B, k) for X (B, d).</summary>
    public override torch.Tensor forward(torch.Tensor X)
    {
        using var scope = torch.NewDisposeScope();
        // In place on fc1's fresh output (addmm's backward does not read its result): one (B, m) tensor fewer.
        return scope.MoveToOuter(fc2.forward(fc1.forward(X).sigmoid_()));
    }

    /// <summary>The mean cross entropy of logits (B, k) against int64 labels (B), without the L2 term.</summary>
    public static torch.Tensor Loss(torch.Tensor logits, torch.Tensor labels) => torch.nn.functional.cross_entropy(logits, labels);

    /// <summary>The training cost J_MB = mean cross entropy + lambda(‖fc1.weight‖² + ‖fc2.weight‖²); biases are not penalized.</summary>
    public torch.Tensor Cost(torch.Tensor X, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var ce = Loss(forward(X), labels);
        return scope.MoveToOuter(lambda == 0 ? ce : ce + lambda * (fc1.weight.square().sum() + fc2.weight.square().sum()));
    }

    private static void Expect(torch.Tensor t, long[] shape, string name)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new ArgumentException($"{name} must have shape {Shapes.Format(shape)} (the homework's layout); got {t.ShapeText()}", name);
    }
}
