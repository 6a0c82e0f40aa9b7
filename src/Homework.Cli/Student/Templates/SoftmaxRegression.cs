// Your softmax regression: z = x W + b, p = softmax(z), trained on the mean cross entropy (SoftmaxCrossEntropy) plus
// c ‖W‖², the bias never penalised. One class, two homework forms: WPI DS541 HW2 (002) Q2-Q3 (a separate b (K),
// c = α/2) and NTNU TDT4265 A1 (004) Tasks 3-4 (the bias trick: a column of 1s appended to x, the bias the last row
// of W; c = λ, the bias row left out of the penalty). Rows are examples: x (N, I), W (I[+1], K).
// Write Backward (002 Q2; 004 eq. (13)) and PenaltyGradient (004 eq. (28)), then check them against autograd and
// central differences:
//     homework check MySoftmaxRegression.cs
// The check runs float64 at three seeds, each with its own shape (N, I, K) = (6, 5, 4), (5, 3, 3), (1, 4, 5), in both
// forms. The cross entropy's own gradient reaches Backward as dZ: Backward is the model's part only.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using SoftmaxRegression = Homework.Manual.Models.SoftmaxRegression;

public sealed class MySoftmaxRegression : IManualModel<SoftmaxRegression.Cache, SoftmaxRegression.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;

    // weight (I, K), or (I+1, K) with the bias last when bias is null (the bias trick); bias (K) or null.
    public MySoftmaxRegression(Tensor weight, Tensor? bias, double l2)
    {
        W = weight.clone().DetachFromDisposeScope();
        b = bias?.clone().DetachFromDisposeScope();
        L2 = l2;
        parameters = new() { ["linear.weight"] = W.T.DetachFromDisposeScope() };
        if (b is not null) parameters["linear.bias"] = b;
    }

    public Tensor W { get; }      // (I, K), or (I+1, K) under the bias trick
    public Tensor? b { get; }     // (K), or null under the bias trick
    public double L2 { get; }     // c in c ‖W_p‖²

    // Named as the autograd twin's nn.Linear: linear.weight (K, I[+1]), linear.bias (K).
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    // The logits z (N, K) of x (N, I); the cache keeps the inputs as multiplied by W, (N, I[+1]).
    public (Tensor y, SoftmaxRegression.Cache cache) Forward(Tensor x)
    {
        var inputs = b is null ? torch.cat([x, torch.ones(x.size(0), 1, x.dtype)], 1) : x;   // (N, I[+1])
        return (b is null ? inputs.matmul(W) : inputs.matmul(W) + b, new SoftmaxRegression.Cache(inputs));
    }

    // dZ = dL/dz (N, K); return dL/dW (like W), dL/db (K, or null under the bias trick) and dL/dx (N, I).
    // Under the bias trick the last row of W is the bias: it multiplies the column of 1s, not x.
    public SoftmaxRegression.Gradients Backward(Tensor dZ, SoftmaxRegression.Cache cache)
    {
        var inputs = cache.Inputs;                            // (N, I[+1])
        // var dW = ...                                       // (I[+1], K)
        // var db = ...                                       // (K) or null
        // var dx = ...                                       // (N, I)
        throw new NotImplementedException("write Backward: dW, db and dx");
        // return new SoftmaxRegression.Gradients(dW, db, dx);
    }

    // ∂(c ‖W_p‖²)/∂W times dLoss (0-dim), like W; W_p leaves out the bias trick's last row (its gradient is 0).
    public Tensor PenaltyGradient(Tensor dLoss)
    {
        throw new NotImplementedException("write PenaltyGradient");
    }

    public IReadOnlyDictionary<string, Tensor> Named(SoftmaxRegression.Gradients g)
    {
        var named = new Dictionary<string, Tensor> { ["linear.weight"] = g.dW.T };
        if (g.db is not null) named["linear.bias"] = g.db;
        return named;
    }

    public void Step(SoftmaxRegression.Gradients g, double lr)
    {
        W.add_(g.dW + PenaltyGradient(torch.ones([], W.dtype)), alpha: -lr);
        if (b is not null) b.add_(g.db!, alpha: -lr);
    }

    public void Dispose()
    {
        parameters["linear.weight"].Dispose();
        W.Dispose();
        b?.Dispose();
    }
}
