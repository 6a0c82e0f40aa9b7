// The one random source of every generated course set: System.Random with a fixed seed.
// Not libtorch's generator: seeded System.Random keeps its legacy algorithm across .NET versions (so the CSVs never change).
namespace Homework.Data.CourseSets;

/// <summary>
/// Deterministic draws for the course-set generators. <c>new Random(seed)</c> with a seed uses .NET's
/// compatibility algorithm (Knuth's subtractive generator), stable across runtime versions; normals come
/// from the Box–Muller transform, so a seed fixes every byte of the generated files.
/// </summary>
public sealed class Sampler(int seed)
{
    private readonly Random rng = new(seed);
    private double? spare;

    /// <summary>U[lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();

    /// <summary>N(0, 1) by Box–Muller: two uniforms give two independent normals (the second is kept for the next call).</summary>
    public double Normal()
    {
        if (spare is { } s) { spare = null; return s; }
        var u1 = 1.0 - rng.NextDouble(); // (0, 1]: log(u1) is finite
        var u2 = rng.NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A vector of <paramref name="n"/> independent N(0, std²) draws.</summary>
    public double[] Normals(int n, double std = 1.0)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = std * Normal();
        return v;
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => rng.NextDouble() < p;

    /// <summary>A uniform integer in [0, n).</summary>
    public int Index(int n) => rng.Next(n);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
