// Tests of the kernelised perceptron (001 Q3): the empty state, one update worked by hand, the dot-product kernel against
// the explicit (primal) perceptron, and the three kernels' values from their formulas.
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Models;

public class KernelPerceptronTests
{
    [Fact]
    public void Empty_state_scores_zero_and_predicts_one()
    {
        using var scope = NewDisposeScope();
        using var model = new KernelPerceptron(KernelPerceptron.Dot);
        var x = tensor(new double[] { 1, 2, -3, 4 }, [2, 2]);
        TensorAssert.Close("score of θ⁽⁰⁾ = 0", model.Score(x), zeros(2, float64), Tolerance.Exact);
        TensorAssert.Close("g(0) = 1", model.Predict(x), ones(2, float64), Tolerance.Exact);
    }

    [Fact]
    public void Updates_by_hand_with_the_dot_product()
    {
        using var scope = NewDisposeScope();
        using var model = new KernelPerceptron(KernelPerceptron.Dot, 0.5);
        // x = (1, 0), y = 0: h = g(0) = 1, so β = 0.5·(0 − 1) = −0.5.
        Assert.Equal(-0.5, model.Update(tensor(new double[] { 1, 0 }), 0));
        // x = (0, 1), y = 1: θᵀφ(x) = −0.5·(1·0 + 0·1) = 0, h = 1, right: β = 0.
        Assert.Equal(0, model.Update(tensor(new double[] { 0, 1 }), 1));
        // x = (2, 0): θᵀφ(x) = −0.5·2 = −1 < 0, predicted 0; x = (−2, 5): +1 ≥ 0, predicted 1.
        var x = tensor(new double[] { 2, 0, -2, 5 }, [2, 2]);
        TensorAssert.Close("scores", model.Score(x), tensor(new double[] { -1, 1 }), Tolerance.Float64);
        TensorAssert.Close("predictions", model.Predict(x), tensor(new double[] { 0, 1 }), Tolerance.Exact);
        Assert.Equal([-0.5, 0.0], model.Coefficients);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dot_product_kernel_equals_the_explicit_perceptron(long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var x = randn(40, 3, float64);
        var y = x.select(1, 0).gt(0.3).to_type(float64);
        using var model = new KernelPerceptron(KernelPerceptron.Dot, 0.5);
        model.Fit(x, y);
        // θ⁽ⁱ⁺¹⁾ = θ⁽ⁱ⁾ + α (y − g(θ⁽ⁱ⁾ᵀx)) x with θ explicit, in plain doubles.
        var rows = x.data<double>().ToArray();
        var labels = y.data<double>().ToArray();
        var theta = new double[3];
        for (var i = 0; i < 40; i++)
        {
            var s = theta[0] * rows[3 * i] + theta[1] * rows[3 * i + 1] + theta[2] * rows[3 * i + 2];
            var b = 0.5 * (labels[i] - (s >= 0 ? 1 : 0));
            for (var k = 0; k < 3; k++) theta[k] += b * rows[3 * i + k];
        }
        var test = randn(25, 3, float64);
        TensorAssert.Close("θᵀx", model.Score(test), test.matmul(tensor(theta)), Tolerance.Float64);
    }

    [Fact]
    public void Kernels_follow_their_formulas()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 0, 0, 1, 2 }, [2, 2]);
        var b = tensor(new double[] { 1, 2, 3, 0 }, [2, 2]);
        TensorAssert.Close("xᵀz", KernelPerceptron.Dot(a, b), tensor(new double[] { 0, 0, 5, 3 }, [2, 2]), Tolerance.Float64);
        // ‖x − z‖² = 5, 9, 0, 8; σ = 2: exp(−d²/8).
        var rbf = new[] { 5.0, 9, 0, 8 }.Select(d2 => Math.Exp(-d2 / 8)).ToArray();
        TensorAssert.Close("RBF", KernelPerceptron.Rbf(2)(a, b), tensor(rbf, [2, 2]), Tolerance.Float64);
        TensorAssert.Close("−1[x = z]", KernelPerceptron.Invalid(a, b), tensor(new double[] { 0, 0, -1, 0 }, [2, 2]), Tolerance.Exact);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelPerceptron.Rbf(0));
    }
}
