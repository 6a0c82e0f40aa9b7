// Test helpers for the generated course sets: reading them from data/generated as MathNet matrices,
// and Homework.Data's exact 2-D linear-separability test on them (its own cases are in SeparabilityTests).
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

    /// <summary>Homework.Data's exact hull test on the rows of <paramref name="x"/> (n × 2).</summary>
    public static bool LinearlySeparable(Matrix<double> x, Vector<double> y) =>
        Separability.LinearlySeparable([.. x.EnumerateRows().Select(r => r.ToArray())], [.. y]);
}
