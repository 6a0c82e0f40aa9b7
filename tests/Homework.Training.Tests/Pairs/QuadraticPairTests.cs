// Both twins of the quadratically parameterised model's pair: the same GD trajectory, the cost of 000 Q1(e) by hand,
// and β = θ² − φ². Not the experiments (Homework.Experiments.Tests).
using Homework.Data;
using Homework.TestSupport;
using Homework.Training.Pairs;

namespace Homework.Training.Tests.Pairs;

public sealed class QuadraticPairTests
{
    [Fact]
    public void Both_twins_follow_one_gradient_descent_trajectory()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var X = randn(12, 20, float64);
        var y = randn(12, float64);
        var batch = Examples.Regression(X, y);
        using var manual = QuadraticPair.Create(Impl.Manual, 20, 0.1, lr: 0.08);
        using var autograd = QuadraticPair.Create(Impl.Autograd, 20, 0.1, lr: 0.08);
        double Cost(Pair model) => Evaluator.Evaluate(model, batch).Loss;
        var start = Cost(manual);
        for (var t = 0; t < 200; t++)
        {
            manual.Step(batch);
            autograd.Step(batch);
        }
        Assert.True(Cost(manual) < start / 2, $"GD should lower the cost: {start} -> {Cost(manual)}");
        Assert.Equal(Cost(manual), Cost(autograd), 1e-12);
        TensorAssert.Close("β after 200 steps", QuadraticPair.Beta(manual), QuadraticPair.Beta(autograd), Tolerance.Float64);
    }

    [Fact]
    public void Cost_is_one_over_4n_times_the_squared_residuals_at_the_initialisation()
    {
        // θ = φ = α·1 gives β = 0, so f = 0 and J = Σ yᵢ² / (4n) whatever α is.
        using var scope = NewDisposeScope();
        var X = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2], float64);
        var y = tensor(new double[] { 1, -2, 3 }, [3], float64);
        foreach (var impl in new[] { Impl.Manual, Impl.Autograd })
        {
            using var model = QuadraticPair.Create(impl, 2, 0.3, lr: 0.1);
            Assert.Equal(14.0 / 12, Evaluator.Evaluate(model, Examples.Regression(X, y)).Loss, 1e-15);
            Assert.Equal([0.0, 0.0], QuadraticPair.Beta(model).data<double>().ToArray());
        }
    }
}
