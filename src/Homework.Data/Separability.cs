// Exact linear separability of two labelled 2-D point sets (convex hulls + separating axis), in plain doubles.
// Evidence for CS229 F2020 PS2 Q1(b) (dataset B is separable, A is not) and W2025 Q3(c) (the triangle set is not);
// not a classifier and not for more than two dimensions.
namespace Homework.Data;

/// <summary>Whether a line strictly separates the points labelled 1 from those labelled 0.</summary>
public static class Separability
{
    /// <summary>
    /// True iff some line strictly separates the rows of <paramref name="x"/> (n × 2) labelled 1 in <paramref name="y"/>
    /// from those labelled 0. Two finite point sets are strictly separable iff their convex hulls are disjoint, and two
    /// convex polygons are disjoint iff the normal of one of their edges is a separating axis (the separating axis theorem).
    /// </summary>
    public static bool LinearlySeparable(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Any(r => r.Length != 2))
            throw new ArgumentException($"x must be n rows of 2 coordinates and y n labels; got {x.Count} rows and {y.Count} labels");
        var ones = Hull([.. Enumerable.Range(0, y.Count).Where(i => y[i] == 1).Select(i => (x[i][0], x[i][1]))]);
        var zeros = Hull([.. Enumerable.Range(0, y.Count).Where(i => y[i] == 0).Select(i => (x[i][0], x[i][1]))]);
        if (ones.Count == 0 || zeros.Count == 0) return true;
        foreach (var poly in new[] { ones, zeros })
            for (var i = 0; i < poly.Count; i++)
            {
                var (ax, ay) = poly[i];
                var (bx, by) = poly[(i + 1) % poly.Count];
                var (nx, ny) = (ay - by, bx - ax);
                if (poly.Count == 1) (nx, ny) = (1, 0);
                var p1 = ones.Select(p => p.X * nx + p.Y * ny).ToArray();
                var p0 = zeros.Select(p => p.X * nx + p.Y * ny).ToArray();
                if (p1.Max() < p0.Min() || p0.Max() < p1.Min()) return true;
            }
        return false;
    }

    /// <summary>
    /// An upper bound on the training accuracy of any linear classifier 1[w0 + w1 x₁ + w2 x₂ &gt; 0] (either orientation) on the
    /// rows of <paramref name="x"/> (n × 2), exact when no three points are collinear. An optimal line can be moved until it
    /// passes through two points without changing any other point's side; every line through two points is tried, the points
    /// strictly on each side scored, and the points on the line counted as right (a small shift or turn places two of them
    /// on any sides). Predicting one class everywhere is included. O(n³).
    /// </summary>
    public static double BestLinearAccuracy(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count == 0) throw new ArgumentException($"x and y need the same, non-zero number of rows; got {x.Count} and {y.Count}");
        var n = x.Count;
        var ones = y.Count(v => v == 1);
        var best = Math.Max(ones, n - ones);
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var (nx, ny) = (x[i][1] - x[j][1], x[j][0] - x[i][0]);
                if (nx == 0 && ny == 0) continue;
                int positiveRight = 0, negativeRight = 0, on = 0; // right when class 1 is on the positive / negative side
                for (var k = 0; k < n; k++)
                {
                    var s = nx * (x[k][0] - x[i][0]) + ny * (x[k][1] - x[i][1]);
                    if (s == 0) on++;
                    else if ((s > 0) == (y[k] == 1)) positiveRight++;
                    else negativeRight++;
                }
                best = Math.Max(best, Math.Max(positiveRight, negativeRight) + on);
            }
        return best / (double)n;
    }

    // Andrew's monotone chain; counter-clockwise hull without collinear points.
    private static List<(double X, double Y)> Hull(List<(double X, double Y)> pts)
    {
        pts = [.. pts.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y)];
        if (pts.Count < 3) return pts;
        static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
        var hull = new List<(double X, double Y)>();
        foreach (var pass in new[] { pts, Enumerable.Reverse(pts).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull;
    }
}
