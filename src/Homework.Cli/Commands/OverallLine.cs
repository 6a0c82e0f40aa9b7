// The one overall line of `homework all`, printed as each experiment starts: which it is, how far the run is, and
// the time left. The time left is the listed seconds of the experiments not finished, shared over the jobs running
// at once and scaled by how the finished ones did against their listing; a quick run has no listed times, so it uses
// the finished ones' mean. One for both ways `homework all` runs (one after another, and SideBySide).
using System.Diagnostics;
using Homework.Experiments;

namespace Homework.Cli.Commands;

/// <summary>Counts the experiments of one <c>homework all</c> as they start and finish, and says where it stands.</summary>
internal sealed class OverallLine(IReadOnlyList<Experiment> all, int jobs, bool quick)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<Experiment, double> finished = [];
    private int started;

    /// <summary>The line for <paramref name="e"/>, which starts now.</summary>
    public string Start(Experiment e)
    {
        started++;
        var head = $"== homework all: {started} of {all.Count}, {e.Id}; {clock.Elapsed.TotalSeconds:F0} s so far";
        var left = all.Where(x => !finished.ContainsKey(x)).ToList();
        if (quick)
            return finished.Count == 0 ? head : $"{head}, about {left.Count * finished.Values.Average() / jobs:F0} s to go";
        var pace = finished.Count == 0 ? 1 : finished.Values.Sum() / Math.Max(finished.Keys.Sum(x => x.TypicalSeconds), 1);
        return $"{head}, about {left.Sum(x => x.TypicalSeconds) * pace / jobs:F0} s to go{(finished.Count == 0 ? " (listed times)" : "")}";
    }

    /// <summary><paramref name="e"/> finished after <paramref name="seconds"/> of its own.</summary>
    public void Finish(Experiment e, double seconds) => finished[e] = seconds;
}
