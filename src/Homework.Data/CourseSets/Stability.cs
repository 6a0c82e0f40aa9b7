// Generator of stability/ds1_a and ds1_b (CS229 F2020 PS2 Q1, 001): logistic regression that converges on A and not on B.
// Not the logistic regression: the experiment trains it; this writes the two data sets.
namespace Homework.Data.CourseSets;

/// <summary>
/// CS229 F2020 PS2 Q1 "Training stability": two 2-D sets of 100 points, labels y ∈ {0, 1}, x ~ U[0, 1]².
/// <list type="bullet">
/// <item><c>ds1_a</c> (dataset A, not linearly separable): y ~ Bernoulli(σ(10·(x_1 + x_2 − 1))), so labels overlap
/// around the line x_1 + x_2 = 1 and the logistic loss has a finite minimiser: gradient ascent converges.</item>
/// <item><c>ds1_b</c> (dataset B, linearly separable): y = 1[x_1 + x_2 &gt; 1], points closer than 0.1/√2 to the line
/// are redrawn. The loss then keeps decreasing as ‖θ‖ → ∞ along the separating direction, which is the
/// misbehaviour Q1(b) asks the student to find.</item>
/// </list>
/// </summary>
public static class Stability
{
    /// <summary>Points per set.</summary>
    public const int Rows = 100;

    /// <summary>The set's entry in the registry.</summary>
    public static CourseSet Set => new("stability", "CS229 F2020 PS2 Q1 (001)", ["ds1_a.csv", "ds1_b.csv"], Generate);

    /// <summary>Writes ds1_a.csv and ds1_b.csv into <paramref name="dir"/> (seed 2020_1).</summary>
    public static void Generate(string dir)
    {
        var s = new Sampler(20201);
        var (xa, ya) = (new double[Rows][], new double[Rows]);
        for (var i = 0; i < Rows; i++)
        {
            xa[i] = [CsvOut.Feature(s.Uniform(0, 1)), CsvOut.Feature(s.Uniform(0, 1))];
            var p = 1 / (1 + Math.Exp(-10 * (xa[i][0] + xa[i][1] - 1)));
            ya[i] = s.Bernoulli(p) ? 1 : 0;
        }
        CsvOut.Write(Path.Combine(dir, "ds1_a.csv"), xa, ya);

        var (xb, yb) = (new double[Rows][], new double[Rows]);
        for (var i = 0; i < Rows; i++)
        {
            double x1, x2;
            do { x1 = CsvOut.Feature(s.Uniform(0, 1)); x2 = CsvOut.Feature(s.Uniform(0, 1)); }
            while (Math.Abs(x1 + x2 - 1) < 0.1); // margin: distance to the line ≥ 0.1/√2
            xb[i] = [x1, x2];
            yb[i] = x1 + x2 > 1 ? 1 : 0;
        }
        CsvOut.Write(Path.Combine(dir, "ds1_b.csv"), xb, yb);
    }
}
