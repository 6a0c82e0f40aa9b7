// Tests of the step network (000 Q3(b)–(c)): the Q3(b) weights on points inside and outside the triangle, and a linear
// hidden layer collapsing to one linear classifier step(vᵀx + c), v = W1 w2, c = b1ᵀw2 + b2.
using Homework.Manual.Models;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Models;

public class StepNetworkTests
{
    [Fact]
    public void Optimal_step_weights_give_class_0_exactly_inside_the_triangle()
    {
        using var scope = NewDisposeScope();
        using var network = StepNetwork.OptimalStepWeights();
        Assert.All(network.Weights, w => Assert.Contains(w, StepNetwork.AllowedWeights));
        // Inside: (1, 1), (3, 0.7), (0.7, 3); outside: below x₂ = 0.5, left of x₁ = 0.5, beyond x₁ + x₂ = 4.
        var x = tensor(new double[] { 1, 1, 3, 0.7, 0.7, 3, 2, 0.2, 0.2, 2, 2.5, 2.5 }, [6, 2]);
        TensorAssert.Close("o", network.Predict(x), tensor(new double[] { 0, 0, 0, 1, 1, 1 }), Tolerance.Exact);
        TensorAssert.Close("h at (1, 1)", network.HiddenUnits(x.narrow(0, 0, 1)), ones(1, 3, float64), Tolerance.Exact);
        Assert.Equal((4.0, -1.0, -1.0), network.HiddenLine(2));
    }

    [Fact]
    public void Linear_hidden_layer_is_one_linear_classifier()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var (W1, b1, w2, b2) = (randn(2, 3, float64), randn(3, float64), randn(3, float64), randn(1, float64));
        using var network = new StepNetwork(HiddenActivation.Linear, W1, b1, w2, b2);
        var x = randn(200, 2, float64);
        var v = W1.matmul(w2);
        var c = b1.dot(w2) + b2;
        TensorAssert.Close("step(vᵀx + c)", network.Predict(x), (x.matmul(v) + c).gt(0).to_type(float64), Tolerance.Exact);
    }
}
