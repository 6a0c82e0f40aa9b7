// Generator of perceptron/train and test (CS229 F2020 PS2 Q3, 001): 2-D data for the kernelised perceptron.
// Not the perceptron: the experiment implements it; this writes the data its three kernels are compared on.
namespace Homework.Data.CourseSets;

/// <summary>
/// CS229 F2020 PS2 Q3 "Kernelizing the perceptron": 500 training and 500 test points, x ~ U[−5, 5]²,
/// y = 1[x_2 &gt; x_1²/3 − 2] (the region above a parabola). Q3(c) expects one kernel to work well, one a bit and
/// one to fail: the RBF kernel (σ = 1) can follow the curved boundary; the dot-product kernel (no intercept) can
/// only place a line through the origin, which gets the upper half right and the curved flanks wrong; the invalid
/// kernel K(x, z) = −1[x = z] gives every unseen point the score 0, hence the label 1, whatever the data.
/// </summary>
public static class Perceptron
{
    /// <summary>Points per file.</summary>
    public const int Rows = 500;

    /// <summary>The set's entry in the registry.</summary>
    public static CourseSet Set => new("perceptron", "CS229 F2020 PS2 Q3 (001)", ["train.csv", "test.csv"], Generate);

    /// <summary>Writes train.csv and test.csv into <paramref name="dir"/> (seed 2020_3).</summary>
    public static void Generate(string dir)
    {
        var s = new Sampler(20203);
        foreach (var file in new[] { "train.csv", "test.csv" })
        {
            var (x, y) = (new double[Rows][], new double[Rows]);
            for (var i = 0; i < Rows; i++)
            {
                x[i] = [CsvOut.Feature(s.Uniform(-5, 5)), CsvOut.Feature(s.Uniform(-5, 5))];
                y[i] = x[i][1] > x[i][0] * x[i][0] / 3 - 2 ? 1 : 0;
            }
            CsvOut.Write(Path.Combine(dir, file), x, y);
        }
    }
}
