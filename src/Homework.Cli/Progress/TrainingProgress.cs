// Progress for long runs: Spectre.Console bars (epochs and batches) on a terminal, and one
// plain line per epoch when output is redirected (CI, logs), so nothing is lost either way.
using Spectre.Console;

namespace Homework.Cli.Progress;

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

    /// <summary>Runs <paramref name="body"/>, giving it a sink sized for <paramref name="epochs"/> × <paramref name="batchesPerEpoch"/>.</summary>
    public static T Run<T>(string title, int epochs, int batchesPerEpoch, Func<IProgressSink, T> body)
    {
        if (!Interactive)
        {
            Console.WriteLine(title);
            return body(new PlainSink());
        }
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var epochTask = ctx.AddTask(Markup.Escape(title), maxValue: epochs);
                var batchTask = ctx.AddTask("  batches", maxValue: batchesPerEpoch);
                return body(new BarSink(epochTask, batchTask));
            });
    }

    private sealed class PlainSink : IProgressSink
    {
        public void Batch() { }
        public void Epoch(int epoch, string summary) => Console.WriteLine(summary);
        public void Log(string line) => Console.WriteLine(line);
    }

    private sealed class BarSink(ProgressTask epochs, ProgressTask batches) : IProgressSink
    {
        public void Batch() => batches.Increment(1);

        public void Epoch(int epoch, string summary)
        {
            epochs.Increment(1);
            batches.Value = 0;
            AnsiConsole.MarkupLine(Markup.Escape(summary));
        }

        public void Log(string line) => AnsiConsole.MarkupLine(Markup.Escape(line));
    }
}
