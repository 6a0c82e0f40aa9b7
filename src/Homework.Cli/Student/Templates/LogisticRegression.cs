// Your logistic regression: z = xᵀw + b, ŷ = σ(z), trained on the log loss (LogLoss, mean or sum) plus c ‖w‖², the bias
// never penalised. One class, three homework forms: 004 Task 1a/2 (bias trick: a column of 1s appended to x, the bias the
// last entry of w; mean), 002 Q4 (a separate 0-dim b; mean), 001 Q1 (bias trick, sum, Q1(c)iv's ‖θ‖²).
// Write Backward (004 eq. (6)) and PenaltyGradient, then check them against autograd and central differences:
//     homework check MyLogisticRegression.cs
// The check runs float64 at three seeds, each with its own shape (n, inputs) = (7, 4), (4, 3), (1, 5), in all three forms.
// The log loss's own gradient reaches Backward as dz: Backward is the model's part only.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using LogisticRegression = Homework.Manual.Models.LogisticRegression;

public sealed class MyLogisticRegression : IManualModel<LogisticRegression.Cache, LogisticRegression.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;

    // weight (I), or (I+1) with the bias last when bias is null (the bias trick); bias 0-dim or null.
    public MyLogisticRegression(Tensor weight, Tensor? bias, nn.Reduction reduction, double l2)
    {
        w = weight.clone().DetachFromDisposeScope();
        b = bias?.clone().DetachFromDisposeScope();
        L2 = l2;
        parameters = new() { ["linear.weight"] = w.unsqueeze(0).DetachFromDisposeScope() };
        if (b is not null) parameters["linear.bias"] = b.unsqueeze(0).DetachFromDisposeScope();
    }

    public Tensor w { get; }      // (I), or (I+1) under the bias trick
    public Tensor? b { get; }     // (), or null under the bias trick
    public double L2 { get; }     // c in c ‖w_w‖²

    // Named as the autograd twin's nn.Linear: linear.weight (1, I[+1]), linear.bias (1).
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    // The logits z (N) of x (N, I); the cache keeps the inputs as multiplied by w, (N, I[+1]).
    public (Tensor y, LogisticRegression.Cache cache) Forward(Tensor x)
    {
        var inputs = b is null ? torch.cat([x, torch.ones(x.size(0), 1, x.dtype)], 1) : x;   // (N, I[+1])
        return (b is null ? inputs.matmul(w) : inputs.matmul(w) + b, new LogisticRegression.Cache(inputs));
    }

    // dz = dL/dz (N); return dL/dw (like w), dL/db (0-dim, or null under the bias trick) and dL/dx (N, I).
    // Under the bias trick the last entry of w is the bias: it multiplies the column of 1s, not x.
    public LogisticRegression.Gradients Backward(Tensor dz, LogisticRegression.Cache cache)
    {
        var inputs = cache.Inputs;                            // (N, I[+1])
        // dw = ...                                           // (I[+1])
        // db = ...                                           // () or null
        // dx = ...                                           // (N, I)
        throw new NotImplementedException("write Backward: dw, db and dx");
        // return new LogisticRegression.Gradients(dw, db, dx);
    }

    // ∂(c ‖w_w‖²)/∂w times dLoss (0-dim), like w; w_w leaves out the bias trick's last entry (its gradient is 0).
    public Tensor PenaltyGradient(Tensor dLoss)
    {
        throw new NotImplementedException("write PenaltyGradient");
    }

    public IReadOnlyDictionary<string, Tensor> Named(LogisticRegression.Gradients g)
    {
        var named = new Dictionary<string, Tensor> { ["linear.weight"] = g.dw.unsqueeze(0) };
        if (g.db is not null) named["linear.bias"] = g.db.unsqueeze(0);
        return named;
    }

    public void Step(LogisticRegression.Gradients g, double lr)
    {
        w.add_(g.dw + PenaltyGradient(torch.ones([], w.dtype)), alpha: -lr);
        if (b is not null) b.add_(g.db!, alpha: -lr);
    }

    public void Dispose()
    {
        foreach (var view in parameters.Values) view.Dispose();
        w.Dispose();
        b?.Dispose();
    }
}
