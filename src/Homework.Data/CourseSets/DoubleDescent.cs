// Generator of doubledescent/ (CS229 W2025 PS2 Q2, 000) and bayesianreg/ (CS229 F2020 PS2 Q4(d), 001):
// train200..train800 and validation for y = θᵀx + ε. Not the estimators: those belong to the experiments.
namespace Homework.Data.CourseSets;

/// <summary>
/// Sample-wise double descent data, d = 500: 13 training sets of n = 200, 250, …, 800 rows and one validation set.
/// Process (001 Q4(c–d), "exactly as described"): θ* ~ N(0, η²I) with η = 1/√d drawn once per family;
/// every row x ~ N(0, I_d), y = θ*ᵀx + ε, ε ~ N(0, σ²), σ = 0.5. The training sets are nested: train{n} is the first
/// n rows of one 800-row draw, so the 13 points of a validation curve differ only by the added rows, not by a fresh
/// sample each (which would add sampling wiggles of about ±0.05 to the λ_opt curve that the homework says is monotone).
/// 000 Q2 states only d = 500; it is the same course's later version of this question, so <c>doubledescent</c>
/// uses the same process with another seed. With these constants the Bayes-optimal ridge strength is
/// λ_opt = σ²/η² = 125 for ½‖Xβ−y‖² + λ/2‖β‖², which lies inside 000's grid {0, 1, 5, …, 1000} as the question expects.
/// The validation size (1000 rows) is not stated in either homework.
/// </summary>
public static class DoubleDescent
{
    /// <summary>Input dimension d.</summary>
    public const int D = 500;
    /// <summary>Noise standard deviation σ.</summary>
    public const double Sigma = 0.5;
    /// <summary>Validation rows.</summary>
    public const int ValidationRows = 1000;
    /// <summary>The training sizes n = 200, 250, …, 800.</summary>
    public static readonly int[] TrainSizes = [.. Enumerable.Range(0, 13).Select(i => 200 + 50 * i)];

    private static string[] Files => [.. TrainSizes.Select(n => $"train{n}.csv"), "validation.csv"];

    /// <summary>000's set (seed 2025_2).</summary>
    public static CourseSet DoubleDescentSet => new("doubledescent", "CS229 W2025 PS2 Q2 (000)", Files, dir => Generate(dir, 20252));

    /// <summary>001's set (seed 2020_4).</summary>
    public static CourseSet BayesianRegSet => new("bayesianreg", "CS229 F2020 PS2 Q4(d) (001)", Files, dir => Generate(dir, 20204));

    /// <summary>Writes train200.csv … train800.csv and validation.csv into <paramref name="dir"/>.</summary>
    public static void Generate(string dir, int seed)
    {
        var s = new Sampler(seed);
        var theta = s.Normals(D, 1 / Math.Sqrt(D)); // η = 1/√d
        var (x, y) = Draw(s, theta, TrainSizes[^1]);
        foreach (var n in TrainSizes) CsvOut.Write(Path.Combine(dir, $"train{n}.csv"), x[..n], y[..n]);
        var (xv, yv) = Draw(s, theta, ValidationRows);
        CsvOut.Write(Path.Combine(dir, "validation.csv"), xv, yv);
    }

    private static (double[][] X, double[] Y) Draw(Sampler s, double[] theta, int rows)
    {
        var x = new double[rows][];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = s.Normals(D).Select(CsvOut.Feature).ToArray();
            y[i] = ImplicitReg.Dot(x[i], theta) + Sigma * s.Normal();
        }
        return (x, y);
    }
}
