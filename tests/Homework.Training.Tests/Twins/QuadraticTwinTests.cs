// Both twins of the quadratically parameterised model behind QuadraticTwin: the same GD trajectory, the cost of
// 000 Q1(e) by hand, and β = θ² − φ². Not the experiments (Homework.Cli.Tests).
using Homework.TestSupport;
using Homework.Training.Twins;

namespace Homework.Training.Tests.Twins;

public sealed class QuadraticTwinTests
{
    [Fact]
    public void Both_twins_follow_one_gradient_descent_trajectory()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var X = randn(12, 20, float64);
        var y = randn(12, float64);
        using var manual = QuadraticTwin.Create(Impl.Manual, 20, 0.1);
        using var autograd = QuadraticTwin.Create(Impl.Torch, 20, 0.1);
        var start = manual.Cost(X, y);
        for (var t = 0; t < 200; t++)
        {
            manual.Step(X, y, 0.08);
            autograd.Step(X, y, 0.08);
        }
        Assert.True(manual.Cost(X, y) < start / 2, $"GD should lower the cost: {start} -> {manual.Cost(X, y)}");
        Assert.Equal(manual.Cost(X, y), autograd.Cost(X, y), 1e-12);
        TensorAssert.Close("β after 200 steps", manual.Beta(), autograd.Beta(), Tolerance.Float64);
    }

    [Fact]
    public void Cost_is_one_over_4n_times_the_squared_residuals_at_the_initialisation()
    {
        // θ = φ = α·1 gives β = 0, so f = 0 and J = Σ yᵢ² / (4n) whatever α is.
        using var scope = NewDisposeScope();
        var X = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2], float64);
        var y = tensor(new double[] { 1, -2, 3 }, [3], float64);
        foreach (var impl in new[] { Impl.Manual, Impl.Torch })
        {
            using var model = QuadraticTwin.Create(impl, 2, 0.3);
            Assert.Equal(14.0 / 12, model.Cost(X, y), 1e-15);
            Assert.Equal([0.0, 0.0], model.Beta().data<double>().ToArray());
        }
    }
}
