// Writes a generated set in the homeworks' layout: header x_1..x_d,y then one row per example.
// Not a reader: CsvTable reads these files back.
using System.Globalization;
using System.Text;

namespace Homework.Data.CourseSets;

/// <summary>CSV output for the generators. Values use the shortest round-trip form, so reading back gives the same doubles.</summary>
public static class CsvOut
{
    /// <summary>Features are stored with this many decimals; generators round x first and compute y from the rounded x,
    /// so a noise-free relation such as y = x·β holds exactly for the numbers in the file.</summary>
    public const int FeatureDecimals = 6;

    /// <summary>Rounds a feature value to <see cref="FeatureDecimals"/> decimals.</summary>
    public static double Feature(double v) => Math.Round(v, FeatureDecimals, MidpointRounding.ToEven);

    /// <summary>Writes rows (x_1..x_d, y) to <paramref name="path"/> with the header <c>x_1,...,x_d,y</c>.</summary>
    public static void Write(string path, double[][] x, double[] y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"{x.Length} rows of x but {y.Length} values of y");
        var d = x.Length == 0 ? 0 : x[0].Length;
        var sb = new StringBuilder();
        for (var j = 1; j <= d; j++) sb.Append("x_").Append(j).Append(',');
        sb.Append("y\n");
        for (var i = 0; i < x.Length; i++)
        {
            foreach (var v in x[i]) sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            sb.Append(y[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
    }
}
