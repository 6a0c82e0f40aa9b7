// 002 Q1: the least-squares linear model on the four XOR points is flat, w = 0 and b = 0.5.
// Checked two independent ways (normal equations, gradient descent by autograd), not by our models.
using Homework.TestSupport;

namespace Homework.Manual.Tests.ClosedForm;

public class XorLinearTests
{
    // Deep Learning book eq. (6.1): J(w, b) = 1/4 Σ_x (f*(x) - xᵀw - b)² over X = {00, 01, 10, 11}, f* = XOR.
    private static (torch.Tensor A, torch.Tensor y) Xor()
    {
        var a = tensor(new double[,] { { 0, 0, 1 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 1 } });   // rows [x1, x2, 1]
        var y = tensor(new double[] { 0, 1, 1, 0 });
        return (a, y);
    }

    private static readonly double[] Optimum = [0, 0, 0.5];   // [w1, w2, b] as the homework states

    [Fact]
    public void NormalEquationsGiveZeroWeightsAndHalfBias()
    {
        using var scope = NewDisposeScope();
        var (a, y) = Xor();
        // ∇J = -(1/2) Aᵀ(y - Aθ) = 0  <=>  AᵀA θ = Aᵀy
        var theta = linalg.solve(a.T.matmul(a), a.T.matmul(y.unsqueeze(1))).squeeze(1);
        TensorAssert.Close("[w1, w2, b]", theta.data<double>().ToArray(), Optimum, Tolerance.Float64);
    }

    [Fact]
    public void GradientDescentConvergesToTheFlatLine()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var (a, y) = Xor();
        var theta = randn(3, float64);
        // Hessian (1/2) AᵀA has eigenvalues in [0.15, 3.4]: step 0.5 contracts every direction by <= 0.93.
        for (var step = 0; step < 1000; step++)
        {
            using var inner = NewDisposeScope();
            var leaf = theta.detach().requires_grad_();
            var residual = y - a.matmul(leaf);
            var j = residual.square().sum() / 4;
            var g = autograd.grad([j], [leaf])[0];
            using (no_grad()) theta.add_(g, alpha: -0.5);
        }
        TensorAssert.Close("[w1, w2, b] after 1000 steps", theta.data<double>().ToArray(), Optimum, Tolerance.Float64);
    }

    [Fact]
    public void TheOptimumHasZeroGradientAndLossOneQuarter()
    {
        using var scope = NewDisposeScope();
        var (a, y) = Xor();
        var theta = tensor(Optimum, requires_grad: true);
        var j = (y - a.matmul(theta)).square().sum() / 4;
        var g = autograd.grad([j], [theta], retain_graph: true)[0];
        TensorAssert.Close("∇J at the optimum", g.data<double>().ToArray(), [0, 0, 0], Tolerance.Exact);
        // every prediction is 0.5, every squared error 0.25
        Assert.Equal(0.25, j.item<double>());
    }
}
