// Progress for long runs: Spectre.Console bars (epochs and batches) on a terminal, and one
// plain line per epoch when output is redirected (CI, logs), so nothing is lost either way.
using Spectre.Console;

namespace Homework.Training;

/// <summary>What a training loop reports as it goes.</summary>
public interface IProgressSink
{
    /// <summary>One mini-batch done.</summary>
    void Batch();

    /// <summary>An epoch done; <paramref name="summary"/> is printed (plain mode) or shown as the bar's label.</summary>
    void Epoch(int epoch, string summary);

    /// <summary>A line printed above the bars (or plainly).</summary>
    void Log(string line);
}

/// <summary>Runs a training body under progress bars when stdout is a terminal, with plain lines otherwise.</summary>
public static class TrainingProgress
{
    /// <summary>True when progress bars are shown: stdout is an interactive terminal.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs <paramref name="body"/>, giving it a sink sized for <paramref name="epochs"/> × <paramref name="batchesPerEpoch"/>:
    /// bars when <paramref name="output"/> is the console on a terminal, plain lines to <paramref name="output"/> otherwise.
    /// </summary>
    public static T Run<T>(string title, int epochs, int batchesPerEpoch, TextWriter output, Func<IProgressSink, T> body)
    {
        if (!Interactive || output != Console.Out)
        {
            output.WriteLine(title);
            return body(new PlainSink(output));
        }
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var epochTask = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(epochs, 1));
                var batchTask = ctx.AddTask("  batches", maxValue: Math.Max(batchesPerEpoch, 1));
                return body(new BarSink(epochTask, batchTask));
            });
    }

    private sealed class PlainSink(TextWriter output) : IProgressSink
    {
        public void Batch() { }
        public void Epoch(int epoch, string summary) => output.WriteLine(summary);
        public void Log(string line) => output.WriteLine(line);
    }

    private sealed class BarSink(ProgressTask epochs, ProgressTask batches) : IProgressSink
    {
        // The batch bar restarts when the next epoch's first batch arrives, so the last epoch ends at 100%.
        public void Batch()
        {
            if (batches.Value >= batches.MaxValue) batches.Value = 0;
            batches.Increment(1);
        }

        public void Epoch(int epoch, string summary)
        {
            epochs.Increment(1);
            AnsiConsole.MarkupLine(Markup.Escape(summary));
        }

        public void Log(string line) => AnsiConsole.MarkupLine(Markup.Escape(line));
    }
}

/// <summary>A sink that reports nothing: for tests and for runs whose caller prints its own summary.</summary>
public sealed class NullProgress : IProgressSink
{
    /// <summary>The one instance.</summary>
    public static readonly NullProgress Instance = new();

    private NullProgress() { }

    /// <inheritdoc/>
    public void Batch() { }

    /// <inheritdoc/>
    public void Epoch(int epoch, string summary) { }

    /// <inheritdoc/>
    public void Log(string line) { }
}
