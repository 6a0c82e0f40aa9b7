// The separability helper on hand-made point sets, so the set tests below rest on a checked tool.
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class GeneratedTests
{
    private static (Matrix<double>, Vector<double>) Points(params (double X, double Y, double L)[] p) =>
        (Matrix<double>.Build.DenseOfRowArrays(p.Select(q => new[] { q.X, q.Y })), Vector<double>.Build.DenseOfEnumerable(p.Select(q => q.L)));

    [Fact]
    public void Separable_sets_are_recognised()
    {
        var (x, y) = Points((0, 0, 0), (1, 0, 0), (0, 1, 0), (2, 2, 1), (3, 2, 1), (2, 3, 1));
        Assert.True(Generated.LinearlySeparable(x, y));
    }

    [Fact]
    public void Xor_and_a_point_inside_the_other_hull_are_not_separable()
    {
        var (x, y) = Points((0, 0, 0), (1, 1, 0), (1, 0, 1), (0, 1, 1));
        Assert.False(Generated.LinearlySeparable(x, y));
        var (x2, y2) = Points((0, 0, 0), (4, 0, 0), (0, 4, 0), (1, 1, 1), (9, 9, 1));
        Assert.False(Generated.LinearlySeparable(x2, y2));
    }
}
