// What an experiment gets when it runs: its option values, whether this is a --quick run, where output, checkpoints
// and reports go, and the result it fills. Not the runner (ExperimentRunner) that makes and saves it.
using Homework.Training;

namespace Homework.Experiments;

/// <summary>An experiment the same command runs later in this process, with the option values it will run with.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Values">Its option values.</param>
public sealed record PlannedRun(Experiment Experiment, IReadOnlyDictionary<ExperimentOption, object> Values);

/// <summary>The run-time view of one experiment run.</summary>
public sealed class ExperimentContext
{
    private readonly IReadOnlyDictionary<ExperimentOption, object> values;

    /// <summary>A context for <paramref name="experiment"/> with resolved option <paramref name="values"/>.</summary>
    public ExperimentContext(Experiment experiment, IReadOnlyDictionary<ExperimentOption, object> values, bool quick, TextWriter output, string checkpointDir,
        IReadOnlyList<PlannedRun>? comingUp = null)
    {
        var missing = experiment.Options.FirstOrDefault(o => !values.ContainsKey(o));
        if (missing is not null) throw new ArgumentException($"no value for {missing.Name}", nameof(values));
        Experiment = experiment;
        this.values = values;
        Quick = quick;
        Output = output;
        CheckpointDir = checkpointDir;
        ComingUp = comingUp ?? [];
    }

    /// <summary>
    /// The experiments this command runs after this one (<c>homework all</c>), so work they share can be done once for
    /// all of them; empty for <c>homework run</c>.
    /// </summary>
    public IReadOnlyList<PlannedRun> ComingUp { get; }

    /// <summary>The experiment being run.</summary>
    public Experiment Experiment { get; }

    /// <summary>A --quick run: fewer epochs or a subset, the same code; its page says so.</summary>
    public bool Quick { get; }

    /// <summary>Where progress and answers are printed.</summary>
    public TextWriter Output { get; }

    /// <summary>Where checkpoints go.</summary>
    public string CheckpointDir { get; }

    /// <summary>The result the experiment fills.</summary>
    public ExperimentResult Result { get; } = new();

    /// <summary>The value <paramref name="option"/> runs with.</summary>
    public T Get<T>(ExperimentOption<T> option) where T : notnull =>
        values.TryGetValue(option, out var v) ? (T)v : throw new ArgumentException($"{option.Name} is not an option of {Experiment.Id}", nameof(option));

    /// <summary>The value of <c>--seed</c>.</summary>
    public long Seed => Get(Experiment.Seed);

    /// <summary>Every option with its value, in declaration order.</summary>
    public IEnumerable<(ExperimentOption option, object value)> Values => Experiment.Options.Select(o => (o, values[o]));

    /// <summary><c>&lt;checkpoints&gt;/&lt;homework&gt;/&lt;question&gt;/&lt;name&gt;.dat</c>; quick runs keep theirs apart from full runs.</summary>
    public string CheckpointPath(string name) =>
        Path.Combine(CheckpointDir, Experiment.Id, (Quick ? "quick-" : "") + name + ".dat");

    /// <summary>Runs <paramref name="body"/> under progress bars (a terminal) or plain lines, sized for the run.</summary>
    public T Progress<T>(string title, int epochs, long stepsPerEpoch, Func<IProgressSink, T> body) =>
        TrainingProgress.Run(title, epochs, (int)stepsPerEpoch, Output, body);
}
