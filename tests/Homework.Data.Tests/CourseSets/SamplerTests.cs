// Sampler: the same seed gives the same stream, normals have the N(0, 1) moments, shuffles are permutations.
using Homework.Data.CourseSets;

namespace Homework.Data.Tests.CourseSets;

public class SamplerTests
{
    [Fact]
    public void Same_seed_same_stream_other_seed_other_stream()
    {
        Assert.Equal(new Sampler(3).Normals(100), new Sampler(3).Normals(100));
        Assert.NotEqual(new Sampler(3).Normals(100), new Sampler(4).Normals(100));
    }

    [Fact]
    public void Normals_have_mean_0_variance_1_and_consecutive_draws_are_uncorrelated()
    {
        const int n = 400_000;
        var v = new Sampler(11).Normals(n);
        // Standard errors: mean 1/√n = 0.0016, variance √(2/n) = 0.0022, lag-1 correlation 1/√n; bands are 5 standard errors.
        Assert.InRange(v.Average(), -0.008, 0.008);
        Assert.InRange(v.Select(x => x * x).Average(), 0.989, 1.011);
        Assert.InRange(Enumerable.Range(0, n - 1).Average(i => v[i] * v[i + 1]), -0.008, 0.008);
        Assert.InRange(v.Count(x => Math.Abs(x) < 1) / (double)n, 0.6827 - 0.004, 0.6827 + 0.004); // P(|Z| < 1)
    }

    [Fact]
    public void Shuffle_is_a_permutation_and_uniform_draws_stay_in_range()
    {
        var s = new Sampler(5);
        var a = Enumerable.Range(0, 1000).ToArray();
        s.Shuffle(a);
        Assert.Equal(Enumerable.Range(0, 1000), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), a);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => s.Uniform(-5, 5)), u => Assert.InRange(u, -5, 5));
    }
}
