// Your ridge (MAP) regression: CS229 F2020 PS2 (001) Q4 eq. (6), J(θ) = 1/(2σ²)‖Xθ − y‖² + λ‖θ‖² (000 Q2's
// ½‖Xβ − y‖² + (λ/2)‖β‖² is σ = 1 with λ halved). Rows are examples: X (n, d), θ (d).
// Write Backward (the data term's gradients) and PenaltyGradient, then check them against autograd and central
// differences:
//     homework check MyRidge.cs
// The check runs float64 at three seeds, each with its own shape (n, d) = (6, 5), (5, 3), (3, 4), σ = 0.5, λ = 0.7.
// The squared error's own gradient, df = (Xθ − y)/σ² (n), reaches Backward: Backward is the model's part only.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using Ridge = Homework.Manual.Models.Ridge;

public sealed class MyRidge : IManualModel<Ridge.Cache, Ridge.Gradients>
{
    public MyRidge(Tensor theta, double lambda, double sigma)
    {
        this.theta = theta.clone().DetachFromDisposeScope();   // (d)
        this.lambda = lambda;
        this.sigma = sigma;
    }

    public Tensor theta { get; }
    public double lambda { get; }
    public double sigma { get; }

    // Named as the autograd twin's parameter: theta (d).
    public IReadOnlyDictionary<string, Tensor> Parameters => new Dictionary<string, Tensor> { ["theta"] = theta };

    // Predictions f = X θ (n) of X (n, d); the cache keeps X.
    public (Tensor y, Ridge.Cache cache) Forward(Tensor X) => (X.matmul(theta), new Ridge.Cache(X));

    // df = dL/df (n); return dL/dθ (d) and dL/dX (n, d) of the data term.
    public Ridge.Gradients Backward(Tensor df, Ridge.Cache cache)
    {
        var X = cache.X;                                      // (n, d)
        // var dtheta = ...                                   // (d)
        // var dX = ...                                       // (n, d)
        throw new NotImplementedException("write Backward: dtheta and dX");
        // return new Ridge.Gradients(dtheta, dX);
    }

    // d(λ‖θ‖²)/dθ, (d).
    public Tensor PenaltyGradient()
    {
        throw new NotImplementedException("write PenaltyGradient");
    }

    public IReadOnlyDictionary<string, Tensor> Named(Ridge.Gradients g) => new Dictionary<string, Tensor> { ["theta"] = g.Theta };

    public void Step(Ridge.Gradients g, double lr) => theta.sub_(lr * (g.Theta + PenaltyGradient()));

    public void Dispose() => theta.Dispose();
}
