// `homework all --jobs 2` as a user runs it: the experiments run in child processes two at a time, each announced by
// one overall line, each one's own lines printed together, every page, record and the index written, and a failure
// in one child reported without stopping the others.
using Homework.Experiments;

namespace Homework.Cli.Tests.Commands;

public sealed class SideBySideTests : IDisposable
{
    private const string Key = "wpi-ds541";
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-sidebyside-");

    public void Dispose() => root.Delete(recursive: true);

    private string Reports => Path.Combine(root.FullName, "reports");

    private string Checkpoints => Path.Combine(root.FullName, "checkpoints");

    private static List<string> Ids => [.. ExperimentRegistry.All.Where(e => e.Homework.Key == Key).Select(e => e.Id)];

    [Fact]
    public void Two_jobs_run_every_experiment_once_in_children_and_print_each_ones_lines_together()
    {
        var began = DateTime.UtcNow;
        var (code, stdout, stderr) = BadInputTests.Homework("all", Key, "--quick", "--jobs", "2", "--reports", Reports, "--checkpoints", Checkpoints);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // One overall line per experiment, numbered in the order they started; the longest listed one starts first.
        var overall = lines.Where(l => l.StartsWith("== homework all: ")).ToList();
        Assert.Equal(Ids.Count, overall.Count);
        for (var i = 0; i < overall.Count; i++) Assert.StartsWith($"== homework all: {i + 1} of {Ids.Count}, ", overall[i]);
        Assert.Equal(Ids.Order(), overall.Select(l => l.Split(", ")[1].Split(';')[0]).Order());
        var longest = ExperimentRegistry.All.Where(e => e.Homework.Key == Key).MaxBy(e => e.TypicalSeconds)!.Id;
        Assert.Contains(longest, overall[0]);

        // Each experiment's block runs from its header to its "report:" line with no other experiment's line inside.
        foreach (var id in Ids)
        {
            var start = lines.FindIndex(l => l.StartsWith($"== {id}: "));
            Assert.True(start >= 0, $"no header for {id}");
            var end = lines.FindIndex(start, l => l.Contains($"report: {Path.Combine(Reports, "quick", id, "index.html")}"));
            Assert.True(end > start, $"no report line after {id}'s header");
            Assert.DoesNotContain(lines[(start + 1)..end], l => Ids.Any(other => other != id && l.StartsWith($"== {other}: ")));
            Assert.Contains("1 libtorch thread", lines[start]);
        }

        // Every record is this run's, succeeded, and has its PNGs (made in the one shared browser); the derivations ran.
        foreach (var id in Ids)
        {
            var record = RunRecord.Load(Reports, id, quick: true);
            Assert.NotNull(record);
            Assert.True(record.Succeeded, record.Error);
            Assert.True(record.Started >= began.AddSeconds(-1), $"{id}'s record is older than the run");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Reports, "quick", id), "*.png"));
        }
        Assert.Contains(lines, l => l.Contains(" derivation checks hold "));
        var index = File.ReadAllText(Path.Combine(Reports, "index.html"));
        Assert.All(Ids, id => Assert.Contains($"quick/{id}/index.html", index));
        Assert.Equal($"{Ids.Count} of {Ids.Count} experiments ran; report: {Path.Combine(Path.GetFullPath(Reports), "index.html")}", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void A_homework_whose_experiment_trains_ahead_runs_whole_in_one_child()
    {
        // The CMU grid's 2.1 trains 2.2-2.4's runs in its pool; that only works when they share its process.
        var (code, stdout, stderr) = BadInputTests.Homework("all", "cmu-10417", "--quick", "--jobs", "2", "--no-derivations", "--reports", Reports, "--checkpoints", Checkpoints);
        Assert.True(code == 0, stderr);
        var ahead = ExperimentRegistry.All.Where(e => e.TrainsAhead).Select(e => e.Id).ToList();
        Assert.True(ahead.Count >= 2, "the CMU grid's experiments train ahead");
        Assert.Contains($"runs of {string.Join(", ", ahead.Skip(1))} now, which this command runs next", stdout);
        Assert.Contains("trained earlier in this process on the same data with the same options and seed; its history is reused", stdout);
        Assert.All(ExperimentRegistry.All.Where(e => e.Homework.Key == "cmu-10417"), e => Assert.True(RunRecord.Load(Reports, e.Id, quick: true) is { Succeeded: true }, e.Id));
    }

    [Fact]
    public void A_child_that_is_refused_is_reported_and_the_others_still_run()
    {
        // A run of q1-xor holds its folders, so its child is refused (exit code 2) while the other experiments run.
        const string held = "wpi-ds541/q1-xor";
        using (RunLock.Acquire(held, "the first run", Checkpoints, Path.Combine(Reports, "quick")))
        {
            var (code, stdout, stderr) = BadInputTests.Homework("all", Key, "--quick", "--jobs", "2", "--no-derivations", "--reports", Reports, "--checkpoints", Checkpoints);
            Assert.Equal(2, code);
            Assert.Contains($"error: 1 failed: {held}", stderr);
            Assert.Contains($"error: {held} is running already on ", stderr);
            Assert.Equal(Ids.Count, stdout.Split('\n').Count(l => l.StartsWith("== homework all: ")));
            Assert.DoesNotContain(stdout.Split('\n'), l => l.Contains(" derivation checks hold "));
        }
        Assert.Null(RunRecord.Load(Reports, held, quick: true));
        Assert.All(Ids.Where(id => id != held), id => Assert.True(RunRecord.Load(Reports, id, quick: true) is { Succeeded: true }, id));
    }

    [Fact]
    public async Task A_run_told_to_use_a_browser_that_is_not_there_fails_in_one_line_naming_the_variable()
    {
        // What a child of `homework all` meets when the parent's browser has gone: nothing published, one line, exit code 2.
        var dll = typeof(Homework.Cli.Commands.ExperimentCommands).Assembly.Location;
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/lib/dotnet", "dotnet");
        var psi = new System.Diagnostics.ProcessStartInfo(host, [dll, "run", "wpi-ds541/q1-xor", "--quick", "--reports", Reports, "--checkpoints", Checkpoints])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment[Homework.Reports.Chromium.SharedEndpointVariable] = "ws://127.0.0.1:9/devtools/browser/gone";
        using var child = System.Diagnostics.Process.Start(psi)!;
        var (stdout, stderr) = (child.StandardOutput.ReadToEndAsync(), child.StandardError.ReadToEndAsync());
        await child.WaitForExitAsync();
        var error = await stderr;
        await stdout;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(child.ExitCode == 2, error);
        var line = Assert.Single(lines);
        Assert.Contains("HOMEWORK_CHROMIUM_DEVTOOLS=ws://127.0.0.1:9/devtools/browser/gone", line);
        Assert.Contains("unset it to start a browser of our own", line);
        Assert.Null(RunRecord.Load(Reports, "wpi-ds541/q1-xor", quick: true));
    }
}
