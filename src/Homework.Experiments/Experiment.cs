// What an experiment is: one question (or a few that share a run) of one homework, runnable as
// `homework run <id>`, with options whose defaults are the homework's, and a result of figures, numbers and
// comparisons with what the homework states. Not the CLI (Commands/) and not the page (ExperimentRunner).
using System.Reflection;

namespace Homework.Experiments;

/// <summary>
/// A registered experiment. Subclass it in <c>Experiments/&lt;Homework&gt;/</c>, one class per file; the registry
/// finds it by reflection, so nothing else needs editing.
/// </summary>
public abstract class Experiment
{
    /// <summary>Every experiment's seed for its random draws (initialisation, shuffling, sampling).</summary>
    public static readonly ExperimentOption<long> Seed =
        new("--seed", "Seed of every random draw of the run.", 0, 0, DefaultSource.Ours, "a whole number from 0 to 2147483647", v => v is >= 0 and <= int.MaxValue);

    /// <summary><c>&lt;homework&gt;/&lt;question&gt;</c>, e.g. <c>cs229-w25/q4-mnist</c>; also the report folder.</summary>
    public abstract string Id { get; }

    /// <summary>A short title for lists and the page heading.</summary>
    public abstract string Title { get; }

    /// <summary>The exact question(s) answered, e.g. "Q4(b)–(d)".</summary>
    public abstract string Questions { get; }

    /// <summary>
    /// Seconds a full (default) run takes on this project's 2-core machine, run and page, one experiment at a time
    /// (measured idle on the default engine on 2026-12-07, in-process, by bench/run.sh --all; the CMU grid's Part 2
    /// experiments each alone). A test holds them within 3× of the last bench/run.sh --all kept in
    /// bench/measured/all.json, which now runs `homework all` side by side (each run on one thread beside another: up
    /// to 2× slower each); for the CMU grid, whose runs that bench trains in one pool, the group's sum.
    /// </summary>
    public abstract double TypicalSeconds { get; }

    /// <summary>
    /// libtorch's intra-op threads while the experiment runs, or null for the process's setting (one per core). Models
    /// whose matrix products are small run faster on one: two threads split a (128 × 785)·(785 × 10) product and then
    /// wait for each other (measured idle side by side, Zen 5, 2026-12-07: task3 10.9 → 8.9 s, task4-l2 38.4 → 31.6 s,
    /// q3-softmax-sgd 26.6 → 17.7 s, q1-stability 30.3 → 23.9 s, CMU 2.1 at 12 epochs 8.5 → 6.5 s; the CNN of Q4(e) went
    /// 20.2 → 32.0 s, so it keeps both).
    /// </summary>
    public virtual int? IntraOpThreads => null;

    /// <summary>
    /// Whether a run also trains, in its own pool, what the experiments the same command runs next need
    /// (<see cref="ExperimentContext.ComingUp"/>). A parallel <c>homework all</c> runs such an experiment's whole homework in
    /// one process, so they still can.
    /// </summary>
    public virtual bool TrainsAhead => false;

    /// <summary>The experiment's own options (<see cref="Seed"/> is added to every experiment that draws random numbers).</summary>
    protected abstract IReadOnlyList<ExperimentOption> OwnOptions { get; }

    /// <summary>
    /// Whether a run draws random numbers. An experiment that does not (closed forms, fixed course sets, stated
    /// weights) overrides this with false and offers no <c>--seed</c>, so its page lists no setting that changes nothing.
    /// </summary>
    public virtual bool DrawsRandomNumbers => true;

    /// <summary>Every option, <c>--seed</c> last when the experiment draws random numbers.</summary>
    public IReadOnlyList<ExperimentOption> Options => DrawsRandomNumbers ? [.. OwnOptions, Seed] : OwnOptions;

    /// <summary>The homework this experiment belongs to.</summary>
    public HomeworkInfo Homework => HomeworkInfo.Of(Id) ?? throw new InvalidOperationException($"experiment id '{Id}' does not start with a homework key");

    /// <summary>Runs the experiment, writing progress to <see cref="ExperimentContext.Output"/> and its result to <see cref="ExperimentContext.Result"/>.</summary>
    public abstract void Run(ExperimentContext context);
}

/// <summary>Every experiment in this assembly, found by reflection.</summary>
public static class ExperimentRegistry
{
    private static readonly Lazy<IReadOnlyList<Experiment>> all = new(() =>
    {
        var found = typeof(Experiment).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Experiment)) && !t.IsAbstract)
            .Select(t => (Experiment)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(e => HomeworkInfo.All.ToList().FindIndex(h => h.Key == e.Homework.Key))
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var duplicate = found.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"two experiments share the id '{duplicate.Key}'");
        return found;
    });

    /// <summary>All experiments, by homework then id.</summary>
    public static IReadOnlyList<Experiment> All => all.Value;

    /// <summary>The experiment with <paramref name="id"/>; null when there is none.</summary>
    public static Experiment? Find(string id) => All.FirstOrDefault(e => e.Id == id);
}
