// simple_nn (CS229 W2025 PS2 Q3): a step network with every weight in {-1, -0.5, 0, 1, 3, 4} classifies the set
// perfectly (Q3(b), hint 2), and the classes are not linearly separable (so Q3(c)'s linear hidden layer cannot).
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class SimpleNnTests
{
    private static readonly double[] Allowed = [-1, -0.5, 0, 1, 3, 4];

    // Hidden unit j fires when x is on the triangle's side of edge j: rows are (w0, w1, w2) for f(w0 + w1 x1 + w2 x2).
    private static readonly double[,] Hidden = { { -0.5, 1, 0 }, { -0.5, 0, 1 }, { 4, -1, -1 } };
    // o = f(3 − h1 − h2 − h3): 1 (class ×) unless all three hidden units fire.
    private static readonly double[] Output = [3, -1, -1, -1];

    private static double Step(double z) => z > 0 ? 1 : 0;

    private static double Predict(Vector<double> x)
    {
        var o = Output[0];
        for (var j = 0; j < 3; j++) o += Output[j + 1] * Step(Hidden[j, 0] + Hidden[j, 1] * x[0] + Hidden[j, 2] * x[1]);
        return Step(o);
    }

    [Theory]
    [InlineData("train.csv")]
    [InlineData("test.csv")]
    public void Step_network_with_allowed_weights_classifies_every_point(string file)
    {
        Assert.All(Hidden.Cast<double>().Concat(Output), w => Assert.Contains(w, Allowed));
        var (x, y) = Generated.Read("simple_nn", file);
        Assert.Equal(200, x.RowCount);
        Assert.Equal(2, x.ColumnCount);
        var wrong = Enumerable.Range(0, x.RowCount).Count(i => Predict(x.Row(i)) != y[i]);
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
