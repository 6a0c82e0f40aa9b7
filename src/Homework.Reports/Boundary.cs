// Decision boundaries as line series for scatter figures: the edge between a classifier's two regions traced on a
// grid (marching squares), and straight lines w0 + w1 x + w2 y = 0 clipped to the plotted box.
// Not a classifier: the caller's prediction function decides every grid point.
namespace Homework.Reports;

/// <summary>Builders of boundary <see cref="Series"/> for <see cref="ScatterFigure.Lines"/>.</summary>
public static class Boundary
{
    /// <summary>
    /// The edge between the regions where <paramref name="classify"/> is true and false on
    /// [<paramref name="xMin"/>, <paramref name="xMax"/>] × [<paramref name="yMin"/>, <paramref name="yMax"/>], traced on a
    /// <paramref name="cells"/> × <paramref name="cells"/> grid: each grid cell whose corners disagree contributes a
    /// segment between the midpoints of its disagreeing edges, so the curve is within one cell of the true boundary.
    /// <paramref name="classify"/> gets every grid point at once (xs[k], ys[k]) and returns one class per point.
    /// Segments are separated by NaN (a gap); a classifier with one region gives a series of one NaN point.
    /// </summary>
    public static Series Traced(string name, Func<double[], double[], bool[]> classify, double xMin, double xMax, double yMin, double yMax, int cells = 200)
    {
        if (cells < 1 || !(xMax > xMin) || !(yMax > yMin))
            throw new ArgumentException($"boundary '{name}': need xMax > xMin, yMax > yMin and at least one cell; got [{xMin}, {xMax}] × [{yMin}, {yMax}], {cells} cells");
        int n = cells + 1;
        double X(int i) => xMin + (xMax - xMin) * i / cells;
        double Y(int j) => yMin + (yMax - yMin) * j / cells;
        var xs = new double[n * n];
        var ys = new double[n * n];
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++) (xs[j * n + i], ys[j * n + i]) = (X(i), Y(j));
        var c = classify(xs, ys);
        if (c.Length != n * n) throw new ArgumentException($"boundary '{name}': the classifier returned {c.Length} classes for {n * n} points; return one per point");
        var (px, py) = (new List<double>(), new List<double>());
        for (var j = 0; j < cells; j++)
            for (var i = 0; i < cells; i++)
            {
                // Corners counter-clockwise from (i, j); edge k joins corner k and corner k+1.
                (int i, int j)[] corner = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
                var crossings = new List<(double x, double y)>();
                for (var k = 0; k < 4; k++)
                {
                    var (a, b) = (corner[k], corner[(k + 1) % 4]);
                    if (c[a.j * n + a.i] != c[b.j * n + b.i]) crossings.Add(((X(a.i) + X(b.i)) / 2, (Y(a.j) + Y(b.j)) / 2));
                }
                // Two crossings: one segment; four (a saddle): two segments, paired around the cell.
                for (var k = 0; k + 1 < crossings.Count; k += 2)
                {
                    px.AddRange([crossings[k].x, crossings[k + 1].x, double.NaN]);
                    py.AddRange([crossings[k].y, crossings[k + 1].y, double.NaN]);
                }
            }
        return px.Count == 0 ? new Series(name, [double.NaN], [double.NaN]) : new Series(name, px, py);
    }

    /// <summary>
    /// The line <paramref name="w0"/> + <paramref name="w1"/>·x + <paramref name="w2"/>·y = 0 inside the box, as a two-point
    /// series; a line that misses the box (or w1 = w2 = 0) gives a series of one NaN point.
    /// </summary>
    public static Series Line(string name, double w0, double w1, double w2, double xMin, double xMax, double yMin, double yMax)
    {
        var hits = new List<(double x, double y)>();
        if (w2 != 0)
            foreach (var x in new[] { xMin, xMax })
            {
                var y = -(w0 + w1 * x) / w2;
                if (y >= yMin && y <= yMax) hits.Add((x, y));
            }
        if (w1 != 0)
            foreach (var y in new[] { yMin, yMax })
            {
                var x = -(w0 + w2 * y) / w1;
                if (x >= xMin && x <= xMax) hits.Add((x, y));
            }
        var ends = hits.Distinct().OrderBy(p => p.x).ThenBy(p => p.y).ToList();
        return ends.Count < 2
            ? new Series(name, [double.NaN], [double.NaN])
            : new Series(name, [ends[0].x, ends[^1].x], [ends[0].y, ends[^1].y]);
    }
}
