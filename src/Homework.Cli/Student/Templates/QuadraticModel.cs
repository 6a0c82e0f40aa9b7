// Your quadratically parameterized model: CS229 W2025 PS2 (000) Q1(e-g), f(x) = xᵀ(θ⊙θ − φ⊙φ) (eq. (5)) with the cost
// J(θ, φ) = 1/(4n) Σ_i (f(x_i) − y_i)². Rows are examples: X (n, d), θ and φ (d).
// Write Backward (the gradients of f, for any upstream df) and LossGradient (J's gradients, eqs. (6)-(7)), then check
// them against autograd and central differences:
//     homework check MyQuadraticModel.cs
// The check runs float64 at three seeds, each with its own shape (n, d) = (5, 7), (3, 4), (7, 2), on f with a random
// upstream gradient and on J.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using QuadraticModel = Homework.Manual.Models.QuadraticModel;

public sealed class MyQuadraticModel : IManualModel<QuadraticModel.Cache, QuadraticModel.Gradients>
{
    public MyQuadraticModel(Tensor theta, Tensor phi)
    {
        this.theta = theta.clone().DetachFromDisposeScope();   // (d)
        this.phi = phi.clone().DetachFromDisposeScope();       // (d)
    }

    public Tensor theta { get; }
    public Tensor phi { get; }

    // Named as the autograd twin's parameters: theta (d), phi (d).
    public IReadOnlyDictionary<string, Tensor> Parameters => new Dictionary<string, Tensor> { ["theta"] = theta, ["phi"] = phi };

    // f = X β (n) of X (n, d) with β = θ⊙θ − φ⊙φ (d); the cache keeps X and β.
    public (Tensor y, QuadraticModel.Cache cache) Forward(Tensor X)
    {
        var beta = theta * theta - phi * phi;                 // (d)
        return (X.matmul(beta), new QuadraticModel.Cache(X, beta));
    }

    // df = dL/df (n); return dL/dθ (d), dL/dφ (d) and dL/dX (n, d).
    public QuadraticModel.Gradients Backward(Tensor df, QuadraticModel.Cache cache)
    {
        var (X, beta) = (cache.X, cache.Beta);                // (n, d), (d)
        // var dtheta = ...                                   // (d)
        // var dphi = ...                                     // (d)
        // var dX = ...                                       // (n, d)
        throw new NotImplementedException("write Backward: dtheta, dphi and dX");
        // return new QuadraticModel.Gradients(dtheta, dphi, dX);
    }

    // Eqs. (6)-(7): dJ/dθ and dJ/dφ, each (d), for J = 1/(4n) Σ_i (f(x_i) − y_i)² on X (n, d), y (n).
    public (Tensor dtheta, Tensor dphi) LossGradient(Tensor X, Tensor y)
    {
        var (f, _) = Forward(X);                              // (n)
        var n = X.size(0);
        throw new NotImplementedException("write LossGradient: eqs. (6)-(7)");
    }

    public IReadOnlyDictionary<string, Tensor> Named(QuadraticModel.Gradients g) => new Dictionary<string, Tensor> { ["theta"] = g.Theta, ["phi"] = g.Phi };

    public void Step(QuadraticModel.Gradients g, double lr)
    {
        theta.sub_(lr * g.Theta);
        phi.sub_(lr * g.Phi);
    }

    public void Dispose()
    {
        theta.Dispose();
        phi.Dispose();
    }
}
