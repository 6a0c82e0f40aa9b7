// Your least squares: CS229 W2025 PS2 (000) Q1(a-d), the linear model f(x) = βᵀx with the cost J(β) = 1/(2n)‖Xβ − y‖²
// (eq. (1)). Rows are examples: X (n, d), β (d).
// Write Backward (the model's part of eq. (3)), then check it against autograd and central differences:
//     homework check MyLeastSquares.cs
// The check runs float64 at three seeds, each with its own shape (n, d) = (4, 9), (5, 3), (7, 4), on J.
// The squared error's own gradient, df = (Xβ − y)/n (n), reaches Backward: Backward is the model's part only.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using LeastSquares = Homework.Manual.Models.LeastSquares;

public sealed class MyLeastSquares : IManualModel<LeastSquares.Cache, LeastSquares.Gradients>
{
    public MyLeastSquares(Tensor beta) => this.beta = beta.clone().DetachFromDisposeScope();   // (d)

    public Tensor beta { get; }

    // Named as the autograd twin's parameter: beta (d).
    public IReadOnlyDictionary<string, Tensor> Parameters => new Dictionary<string, Tensor> { ["beta"] = beta };

    // Predictions f = X β (n) of X (n, d); the cache keeps X.
    public (Tensor y, LeastSquares.Cache cache) Forward(Tensor X) => (X.matmul(beta), new LeastSquares.Cache(X));

    // df = dL/df (n); return dL/dβ (d) and dL/dX (n, d).
    public LeastSquares.Gradients Backward(Tensor df, LeastSquares.Cache cache)
    {
        var X = cache.X;                                      // (n, d)
        // var dbeta = ...                                    // (d)
        // var dX = ...                                       // (n, d)
        throw new NotImplementedException("write Backward: dbeta and dX");
        // return new LeastSquares.Gradients(dbeta, dX);
    }

    public IReadOnlyDictionary<string, Tensor> Named(LeastSquares.Gradients g) => new Dictionary<string, Tensor> { ["beta"] = g.Beta };

    public void Step(LeastSquares.Gradients g, double lr) => beta.sub_(lr * g.Beta);

    public void Dispose() => beta.Dispose();
}
