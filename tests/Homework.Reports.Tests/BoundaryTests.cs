// Boundary series: a traced edge lies within one grid cell of the true boundary; straight lines are clipped to the box.
namespace Homework.Reports.Tests;

public sealed class BoundaryTests
{
    [Fact]
    public void Traced_circle_lies_within_one_cell_of_the_true_circle()
    {
        const int cells = 50;
        var s = Boundary.Traced("circle", (xs, ys) => [.. xs.Zip(ys, (x, y) => x * x + y * y < 1)], -2, 2, -2, 2, cells);
        var points = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First)).ToList();
        Assert.True(points.Count > 40, $"{points.Count} points");
        var cell = 4.0 / cells;
        Assert.All(points, p => Assert.InRange(Math.Sqrt(p.First * p.First + p.Second * p.Second), 1 - cell, 1 + cell));
        // Segments are separated by gaps: every third point is NaN.
        Assert.All(Enumerable.Range(0, s.X.Count / 3), k => Assert.True(double.IsNaN(s.X[3 * k + 2])));
    }

    [Fact]
    public void One_region_gives_an_empty_curve()
    {
        var s = Boundary.Traced("none", (xs, _) => new bool[xs.Length], 0, 1, 0, 1, 10);
        Assert.True(double.IsNaN(Assert.Single(s.X)));
    }

    [Fact]
    public void Line_is_clipped_to_the_box()
    {
        // 4 − x − y = 0 in [0, 4]²: from (0, 4) to (4, 0).
        var s = Boundary.Line("edge", 4, -1, -1, 0, 4, 0, 4);
        Assert.Equal([0.0, 4.0], s.X);
        Assert.Equal([4.0, 0.0], s.Y);
        // x = 0.5 (vertical).
        var v = Boundary.Line("vertical", -0.5, 1, 0, 0, 4, 0, 4);
        Assert.Equal([0.5, 0.5], v.X);
        Assert.Equal([0.0, 4.0], v.Y);
        Assert.True(double.IsNaN(Assert.Single(Boundary.Line("outside", 10, 1, 1, 0, 1, 0, 1).X)));
    }
}
