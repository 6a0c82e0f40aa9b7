// Twin check for the Linear Layer NN (000 Q4): logits with a random dY, and the regularized cost J_MB (Q4c),
// the autograd side in nn.Linear's (out, in) layout mapped back to the homework's. The model under check comes from a
// constructor (the project's class, or a student's for `homework check`); central differences always differentiate
// the project's forward. Not a training test.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;
using static TorchSharp.torch;

namespace Homework.GradCheck.Checks;

/// <summary>SigmoidMlp: dW1, db1, dW2, db2, dX of (logits * dY).sum() and of J_MB·dJ with lambda &gt; 0.</summary>
/// <param name="manual">A class with SigmoidMlp's constructor, <see cref="Homework.Manual.IManualModel{TCache, TGradients}"/> and PenaltyGradient.</param>
public sealed class SigmoidMlpCheck(Type manual) : IReplaceableCheck
{
    /// <summary>The constructor a model under check needs, as SigmoidMlp's: copies of W1 (d, m), b1 (m), W2 (m, k), b2 (k) and the L2 strength.</summary>
    public delegate Homework.Manual.IManualModel<ManualTwin.SigmoidMlp.Cache, ManualTwin.SigmoidMlp.Gradients> Create(torch.Tensor W1, torch.Tensor b1, torch.Tensor W2, torch.Tensor b2, double lambda);

    /// <summary>The gradients of lambda(‖W1‖² + ‖W2‖²), as SigmoidMlp.PenaltyGradient.</summary>
    public delegate (torch.Tensor W1, torch.Tensor W2) Penalty(Homework.Manual.IManualModel<ManualTwin.SigmoidMlp.Cache, ManualTwin.SigmoidMlp.Gradients> model);

    private readonly Create create = ManualContract.Constructor<Create>(manual);
    private readonly Penalty penaltyGradient = ManualContract.InstanceMethod<Penalty>(manual, nameof(ManualTwin.SigmoidMlp.PenaltyGradient));

    /// <summary>The registered check, of the project's SigmoidMlp.</summary>
    public SigmoidMlpCheck() : this(typeof(ManualTwin.SigmoidMlp)) { }

    /// <inheritdoc />
    public Type Manual => manual;

    /// <inheritdoc />
    public ITwinCheck With(Type type) => new SigmoidMlpCheck(type);

    /// <inheritdoc />
    public string Name => "SigmoidMlp";

    /// <inheritdoc />
    public string Source => "000 Q4(a-c), eqs. (10)-(11)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        var (batch, d, m, k) = ShapeIndex(seed, 3) switch { 0 => (5, 6, 4, 3), 1 => (3, 4, 5, 2), _ => (1, 7, 3, 4) };   // seed 0 is the README table's
        const double lambda = 0.05;
        torch.manual_seed(seed);
        var X = torch.randn(batch, d, torch.float64);
        var labels = torch.randint(k, [batch]);
        var W1 = torch.randn(d, m, torch.float64);
        var b1 = torch.randn(m, torch.float64);
        var W2 = torch.randn(m, k, torch.float64);
        var b2 = torch.randn(k, torch.float64);
        var dY = torch.randn(batch, k, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var model = create(Copy(W1, dtype), Copy(b1, dtype), Copy(W2, dtype), Copy(b2, dtype), lambda);
        var Xm = Copy(X, dtype);
        var (_, cache) = model.Forward(Xm);
        var g = model.Backward(Copy(dY, dtype), cache);
        // J_MB's gradients: the cross entropy's backward (softmax − e_y)/B through the model's Backward, plus the L2 term's 2λW.
        var (logitsJ, cacheJ) = model.Forward(Xm);
        var gJ = model.Backward(ManualTwin.ClassLabels.LossGradient(logitsJ, labels), cacheJ);
        var (penaltyW1, penaltyW2) = penaltyGradient(model);

        using var twin = new AutogradTwin.SigmoidMlp(d, m, k, lambda, dtype);
        twin.LoadHomeworkLayout(Copy(W1, dtype), Copy(b1, dtype), Copy(W2, dtype), Copy(b2, dtype));
        var Xa = Leaf(X, dtype);
        torch.Tensor[] layers = [twin.fc1.weight, twin.fc1.bias!, twin.fc2.weight, twin.fc2.bias!];
        var a = Grad(twin.forward(Xa), dY, [.. layers, Xa]);
        var aJ = Grad(twin.Cost(Xa, labels), dJ, layers);

        using var reference = new ManualTwin.SigmoidMlp(W1, b1, W2, b2, lambda);
        torch.Tensor[] refWeights = [reference.W1, reference.b1, reference.W2, reference.b2];
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), [.. refWeights, X]);
        var fdJ = CentralDifferences(() => reference.Cost(X, labels) * dJ, refWeights);

        // nn.Linear keeps weight as (out, in): the homework's dW1 (d, m) is fc1.weight.grad transposed.
        return
        [
            new(Name, "logits: dW1 (fc1.weight^T)", g.W1, a[0].T, fd[0]),
            new(Name, "logits: db1 (fc1.bias)", g.b1, a[1], fd[1]),
            new(Name, "logits: dW2 (fc2.weight^T)", g.W2, a[2].T, fd[2]),
            new(Name, "logits: db2 (fc2.bias)", g.b2, a[3], fd[3]),
            new(Name, "logits: dX", g.X, a[4], fd[4]),
            new(Name, "J_MB+L2: dW1", (gJ.W1 + penaltyW1) * dJ, aJ[0].T, fdJ[0]),
            new(Name, "J_MB+L2: db1", gJ.b1 * dJ, aJ[1], fdJ[1]),
            new(Name, "J_MB+L2: dW2", (gJ.W2 + penaltyW2) * dJ, aJ[2].T, fdJ[2]),
            new(Name, "J_MB+L2: db2", gJ.b2 * dJ, aJ[3], fdJ[3]),
        ];
    }
}
