// Issue 25 item 4, no shortcut changes a result: a seeded short run of cs229-f20/q1-stability (its --quick budget of
// 2,500 steps for each of the eight gradient-descent runs) against PyTorch 1.13.1 computing the same descent plainly
// with autograd (tests/fixtures/experiments/make_peers_quick.py): the sampled ‖θ‖, loss and ‖Δθ‖ of every run the
// page draws, at the same iterations, to float64 tolerance. Where a run converges, the step at which ‖Δθ‖ first falls
// below the starter's 1e-15 is decided by rounding (‖Δθ‖ is then a few ulps of θ), so the two runs may stop a few
// steps apart: the samples both have are compared, and the stopping steps must agree to 1%.
using Homework.TestSupport;

namespace Homework.Experiments.Tests.Cs229F20;

public sealed class Q1StabilityPeerTests : IDisposable
{
    // float64 descents of up to 2,500 steps by two routes (hand-derived gradient here, autograd there) drift apart
    // by rounding only; ‖Δθ‖ near the starter's 1e-15 stop is itself rounding noise, hence its absolute term.
    private static readonly Tolerance Descent = new(1e-12, 1e-9, "float64 descent");
    private static readonly Tolerance StepLength = new(1e-14, 1e-7, "float64 step length");
    // iii (inputs × 10 at lr 10) is ill-conditioned: its gradient sums σ(z) − y over points with z in the tens, where
    // σ(z) is a few ulps from 1 and each route's sigmoid rounds its own way; measured 3.5e-8 apart (the others 1e-15).
    private static readonly Tolerance SaturatedDescent = new(1e-12, 1e-6, "float64 descent, saturated sigmoid");

    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Every_runs_sampled_trajectory_equals_pytorchs()
    {
        var (record, _, _) = harness.RunQuick("cs229-f20/q1-stability");
        Assert.True(record.Succeeded, record.Error);
        var runs = PeerFixture.Root.GetProperty("q1-stability").GetProperty("runs").EnumerateArray().ToList();
        double[] Expected(int k, string key) => PeerFixture.Doubles(runs[k].GetProperty(key));
        // NaN where the page leaves a gap on its log axis (a value that is not positive).
        static double[] Positive(double[] v) => [.. v.Select(x => x > 0 ? x : double.NaN)];

        var normsAB = PeerFixture.Lines(record, "Norm ‖θ‖ against iterations");
        var losses = PeerFixture.Lines(record, "Loss against iterations");
        var deltas = PeerFixture.Lines(record, "Step length ‖Δθ‖ against iterations");
        var normsB = PeerFixture.Lines(record, "Norm ‖θ‖ under each modification on B");
        Assert.Equal(6, normsB.Count);
        for (var k = 0; k <= 6; k++)
        {
            var name = runs[k].GetProperty("name").GetString();
            var norm = k < 2 ? normsAB[k] : normsB[k - 1];
            var at = Expected(k, "at");
            // Every sample but a differing stopping step (the last) is at the same iteration on both sides.
            var n = norm.X.Count == at.Length && norm.X[^1] == at[^1] ? at.Length : Math.Min(at.Length, norm.X.Count) - 1;
            Assert.Equal(at[..n], norm.X.Take(n));
            Assert.InRange(norm.X[^1], at[^1] * 0.99, at[^1] * 1.01);
            TensorAssert.Close($"{name}: ‖θ‖", [.. norm.Y.Take(n)], Expected(k, "norm")[..n], name == "iii" ? SaturatedDescent : Descent);
            if (k >= 2) continue;  // the loss and step length are drawn for A and B
            TensorAssert.Close($"{name}: loss", [.. losses[k].Y.Take(n)], Positive(Expected(k, "loss"))[..n], Descent);
            TensorAssert.Close($"{name}: ‖Δθ‖", [.. deltas[k].Y.Take(n)], Positive(Expected(k, "delta"))[..n], StepLength);
        }
        var steps = runs[0].GetProperty("steps").GetInt32();
        Assert.InRange(PeerFixture.Number(record, "A: steps to converge"), steps * 0.99, steps * 1.01);
    }
}
