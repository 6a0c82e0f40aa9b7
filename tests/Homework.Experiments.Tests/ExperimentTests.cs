using Homework.Experiments;

namespace Homework.Experiments.Tests;

public sealed class ExperimentTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    public static TheoryData<string> Unseeded => [.. ExperimentRegistry.All.Where(e => !e.DrawsRandomNumbers).Select(e => e.Id)];

    [Fact]
    public void Only_experiments_that_draw_random_numbers_offer_a_seed()
    {
        Assert.NotEmpty(Unseeded);
        foreach (var e in ExperimentRegistry.All)
            Assert.Equal(e.DrawsRandomNumbers, e.Options.Contains(Experiment.Seed));
    }

    // The claim "draws no random numbers" is checked, not trusted: two runs give the same numbers, digit for digit.
    [Theory]
    [MemberData(nameof(Unseeded))]
    public void An_experiment_without_a_seed_gives_the_same_numbers_twice(string id)
    {
        static IEnumerable<object> Results(RunRecord r) =>
            [.. r.Comparisons.Select(c => (c.Quantity, c.Ours)), .. r.Numbers.Where(n => !n.Name.Contains("second")).Select(n => (n.Name, n.Value))];
        var first = harness.RunQuick(id).record;
        var second = harness.RunQuick(id).record;
        Assert.True(first.Succeeded, first.Error);
        Assert.NotEmpty(Results(first));
        Assert.Equal(Results(first), Results(second));
        Assert.DoesNotContain("--seed", first.Command);
    }
}
