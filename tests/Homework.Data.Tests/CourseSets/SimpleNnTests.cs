// simple_nn (CS229 W2025 PS2 Q3): the step network of Homework.Manual (StepNetwork.OptimalStepWeights), every weight in
// {-1, -0.5, 0, 1, 3, 4}, classifies the set perfectly (Q3(b), hint 2), and the classes are not linearly separable (Q3(c)).
using Homework.Manual.Models;
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class SimpleNnTests
{
    private static readonly double[] Allowed = [-1, -0.5, 0, 1, 3, 4];

    private static double Step(double z) => z > 0 ? 1 : 0;

    // The network written out from its 13 weights (W1 row-major, b1, w2, b2), independently of StepNetwork.Predict.
    private static double Predict(IReadOnlyList<double> w, Vector<double> x)
    {
        var o = w[12];
        for (var j = 0; j < 3; j++) o += w[9 + j] * Step(w[6 + j] + w[j] * x[0] + w[3 + j] * x[1]);
        return Step(o);
    }

    [Theory]
    [InlineData("train.csv")]
    [InlineData("test.csv")]
    public void Step_network_with_allowed_weights_classifies_every_point(string file)
    {
        using var network = StepNetwork.OptimalStepWeights();
        var weights = network.Weights;
        Assert.Equal(13, weights.Count);
        Assert.All(weights, w => Assert.Contains(w, Allowed));
        var (x, y) = Generated.Read("simple_nn", file);
        Assert.Equal(200, x.RowCount);
        Assert.Equal(2, x.ColumnCount);
        var wrong = Enumerable.Range(0, x.RowCount).Count(i => Predict(weights, x.Row(i)) != y[i]);
        Assert.Equal(0, wrong);
        Assert.InRange(y.Sum(), 40, 180); // both classes present
    }

    [Fact]
    public void Classes_are_not_linearly_separable()
    {
        var (x, y) = Generated.Read("simple_nn", "train.csv");
        Assert.False(Generated.LinearlySeparable(x, y));
    }
}
