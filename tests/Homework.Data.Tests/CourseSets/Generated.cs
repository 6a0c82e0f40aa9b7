// Test helpers for the generated course sets: reading them from data/generated as MathNet matrices,
// and an exact 2-D linear-separability test (convex hulls + separating axis), independent of any generator.
using Homework.Data.CourseSets;
using Homework.TestSupport;
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public static class Generated
{
    /// <summary>The generated file as (X, y); a missing file fails with the setup command in the message.</summary>
    public static (Matrix<double> X, Vector<double> Y) Read(string set, string file)
    {
        var t = CsvTable.Read(Homework.Data.CourseSets.CourseSets.FilePath(set, file, Fixtures.Data()));
        var x = Matrix<double>.Build.DenseOfRowArrays(t.Rows.Select(r => r[..^1]));
        var y = Vector<double>.Build.DenseOfEnumerable(t.Rows.Select(r => r[^1]));
        return (x, y);
    }

    public static Matrix<double> Stack(Matrix<double> a, Matrix<double> b) => a.Stack(b);

    public static Vector<double> Concat(Vector<double> a, Vector<double> b) => Vector<double>.Build.DenseOfEnumerable(a.Concat(b));

    /// <summary>
    /// True iff the points labelled 1 and the points labelled 0 can be strictly separated by a line. Two finite point
    /// sets are strictly separable iff their convex hulls are disjoint, and two convex polygons are disjoint iff the
    /// normal of one of their edges is a separating axis (the separating axis theorem).
    /// </summary>
    public static bool LinearlySeparable(Matrix<double> x, Vector<double> y)
    {
        var ones = Hull([.. Enumerable.Range(0, y.Count).Where(i => y[i] == 1).Select(i => (x[i, 0], x[i, 1]))]);
        var zeros = Hull([.. Enumerable.Range(0, y.Count).Where(i => y[i] == 0).Select(i => (x[i, 0], x[i, 1]))]);
        foreach (var poly in new[] { ones, zeros })
            for (var i = 0; i < poly.Count; i++)
            {
                var (ax, ay) = poly[i];
                var (bx, by) = poly[(i + 1) % poly.Count];
                var (nx, ny) = (ay - by, bx - ax);
                var p1 = ones.Select(p => p.X * nx + p.Y * ny).ToArray();
                var p0 = zeros.Select(p => p.X * nx + p.Y * ny).ToArray();
                if (p1.Max() < p0.Min() || p0.Max() < p1.Min()) return true;
            }
        return false;
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
