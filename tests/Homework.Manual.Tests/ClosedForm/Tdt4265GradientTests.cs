// 004 Task 1: the per-example gradients the homework derives, eq. (6) for logistic and eq. (13) for softmax
// regression, against autograd of the literal losses (eqs. (3), (5)) and against our manual backward passes.
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.ClosedForm;

public class Tdt4265GradientTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.0)]
    public void LogisticGradientIsMinusErrorTimesInput(long seed, double label)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        const long inputs = 6;
        var x = cat([randn(inputs, float64), ones(1, float64)], 0);   // bias trick: x ∈ R^{I+1}
        var w = randn(inputs + 1, float64).requires_grad_();
        // eq. (3) for one example, written as the homework writes it
        var yHat = x.dot(w).sigmoid();
        var cn = -(label * yHat.log() + (1 - label) * (1 - yHat).log());
        var viaAutograd = autograd.grad([cn], [w])[0];
        using var noGrad = no_grad();
        var eq6 = -(label - yHat) * x;                                  // eq. (6): -(y - ŷ) x_i
        TensorAssert.Close("eq. (6) vs autograd", eq6, viaAutograd, Tolerance.Float64Gradient);

        using var model = new LogisticRegression(w.detach(), bias: null);
        var (z, cache) = model.Forward(x.narrow(0, 0, inputs).unsqueeze(0));
        var (loss, lossCache) = LogLoss.Forward(z, tensor(new[] { label }));
        TensorAssert.Close("manual backward vs eq. (6)", model.Backward(LogLoss.Backward(ones_like(loss), lossCache), cache).dw, eq6, Tolerance.Float64Gradient);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SoftmaxGradientIsMinusInputTimesError(long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        const long inputs = 5, classes = 4;
        var x = cat([randn(inputs, float64), ones(1, float64)], 0);       // (I+1)
        var y = torch.nn.functional.one_hot(randint(classes, [1]), classes).to(float64)[0];    // (K)
        var w = randn(classes, inputs + 1, float64).requires_grad_();      // 004's w ∈ R^{K x I}: row k is class k
        // eq. (5) for one example: C^n = -Σ_k y_k ln ŷ_k, ŷ = softmax(w x)   (eq. (4))
        var yHat = w.matmul(x).softmax(0);
        var cn = -(y * yHat.log()).sum();
        var viaAutograd = autograd.grad([cn], [w])[0];
        using var noGrad = no_grad();
        var eq13 = -(y - yHat).outer(x);                                   // eq. (13): -x_j (y_k - ŷ_k), (K, I+1)
        TensorAssert.Close("eq. (13) vs autograd", eq13, viaAutograd, Tolerance.Float64Gradient);

        // Our model stores the transpose, (I+1, K) as in 004 Task 3b.
        using var model = new SoftmaxRegression(w.detach().T.contiguous(), bias: null, l2: 0);
        var (z, cache) = model.Forward(x.narrow(0, 0, inputs).unsqueeze(0));
        var (loss, lossCache) = SoftmaxCrossEntropy.Forward(z, y.unsqueeze(0));
        TensorAssert.Close("manual backward vs eq. (13)", model.Backward(SoftmaxCrossEntropy.Backward(ones_like(loss), lossCache), cache).dW.T, eq13, Tolerance.Float64Gradient);
    }
}
