// Generator of simple_nn/train and test (CS229 W2025 PS2 Q3, 000): 2-D points, class 0 inside a triangle.
// Not the network: the experiment builds it; this writes the points of Figure 1.
namespace Homework.Data.CourseSets;

/// <summary>
/// CS229 W2025 PS2 Q3 "A simple neural network": 200 training and 200 test points, x ~ U[0, 4]²; class 0 (○) inside
/// the triangle x_1 &gt; 0.5, x_2 &gt; 0.5, x_1 + x_2 &lt; 4 (vertices (0.5, 0.5), (3.5, 0.5), (0.5, 3.5)), class 1 (×) outside.
/// Points within 0.1 of a side's line are redrawn, so step activations decide every point unambiguously.
/// The triangle follows the hints: three sides for three hidden step neurons, and weights in {−1, −0.5, 0, 1, 3, 4}
/// suffice: h_1 = f(−0.5 + x_1), h_2 = f(−0.5 + x_2), h_3 = f(4 − x_1 − x_2), o = f(3 − h_1 − h_2 − h_3)
/// (o = 1 unless all three hidden units fire). Q3(c)'s answer (linear hidden units) is "impossible": the classes are
/// not linearly separable.
/// </summary>
public static class SimpleNn
{
    /// <summary>Points per file.</summary>
    public const int Rows = 200;
    /// <summary>Distance below which a point is redrawn.</summary>
    public const double Margin = 0.1;

    /// <summary>The set's entry in the registry.</summary>
    public static CourseSet Set => new("simple_nn", "CS229 W2025 PS2 Q3 (000)", ["train.csv", "test.csv"], Generate);

    /// <summary>Writes train.csv and test.csv into <paramref name="dir"/> (seed 2025_3).</summary>
    public static void Generate(string dir)
    {
        var s = new Sampler(20253);
        foreach (var file in new[] { "train.csv", "test.csv" })
        {
            var (x, y) = (new double[Rows][], new double[Rows]);
            for (var i = 0; i < Rows; i++)
            {
                double x1, x2;
                do { x1 = CsvOut.Feature(s.Uniform(0, 4)); x2 = CsvOut.Feature(s.Uniform(0, 4)); }
                while (Math.Abs(x1 - 0.5) < Margin || Math.Abs(x2 - 0.5) < Margin || Math.Abs(x1 + x2 - 4) / Math.Sqrt(2) < Margin);
                x[i] = [x1, x2];
                var inside = x1 > 0.5 && x2 > 0.5 && x1 + x2 < 4;
                y[i] = inside ? 0 : 1;
            }
            CsvOut.Write(Path.Combine(dir, file), x, y);
        }
    }
}
