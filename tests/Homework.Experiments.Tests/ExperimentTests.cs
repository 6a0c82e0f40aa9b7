using System.Text.Json.Nodes;
using Homework.Experiments;
using Homework.Experiments.Cmu10417;
using Homework.TestSupport;

namespace Homework.Experiments.Tests;

public sealed class ExperimentTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    public static TheoryData<string> Unseeded => [.. ExperimentRegistry.All.Where(e => !e.DrawsRandomNumbers).Select(e => e.Id)];

    // homework list's seconds against the last full run bench/run.sh --all kept (bench/measured/all.json, measured on
    // an idle machine): re-measure and commit that file when an experiment's speed or its listed seconds change. The
    // CMU grid's experiments count as one group: homework all trains all their runs in the first one's pool.
    [Fact]
    public void Every_listed_time_is_within_3x_of_the_last_measured_full_run()
    {
        var measured = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "bench", "measured", "all.json")))!["experiments"]!.AsObject();
        double Run(Experiment e) => measured[e.Id] is { } m
            ? m["run_seconds"]!.GetValue<double>() + m["page_seconds"]!.GetValue<double>()   // the listed seconds are run and page
            : throw new Xunit.Sdk.XunitException($"{e.Id} is not in bench/measured/all.json: run bench/run.sh --all on an idle machine and commit the file");
        var misses = new List<string>();
        void Check(string what, double listed, double run)
        {
            // Times under a second count as one: they are mostly noise.
            var (l, r) = (Math.Max(listed, 1), Math.Max(run, 1));
            if (l > 3 * r || r > 3 * l) misses.Add($"{what}: listed {listed:0.#} s, measured {run:0.#} s");
        }
        var grid = ExperimentRegistry.All.Where(e => e is ICmuGridExperiment).ToList();
        foreach (var e in ExperimentRegistry.All.Except(grid)) Check(e.Id, e.TypicalSeconds, Run(e));
        Check($"the CMU grid ({grid.Count} experiments together)", grid.Sum(e => e.TypicalSeconds), grid.Sum(Run));
        Assert.True(misses.Count == 0, "off by more than 3x: " + string.Join("; ", misses));
    }

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
