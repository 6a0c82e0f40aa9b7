// `homework all --jobs N` with N ≥ 2: the experiments run as child `homework` processes, N at a time, longest first,
// each on one libtorch thread, so on this 2-core machine two one-threaded trainings run at once instead of one.
// Children are processes, not threads, because TorchSharp 0.107 is not safe with two training threads in one process
// (README, known problems: its implicit Scalars). A homework with an experiment that trains ahead for the ones after it
// (Experiment.TrainsAhead: the CMU grid's pool) runs whole in one child (`homework all <key> --jobs 1`); the
// derivations are one more child. Every child exports its PNGs in this process's browser (Chromium.SharedEndpointVariable);
// each publishes its own page and result.json, and the index lock keeps the index whole. This process prints one
// overall line as each experiment starts and each experiment's own lines once it has finished, never interleaved.
// Not the runner: ExperimentRunner runs each experiment inside its child.
using System.Diagnostics;
using Homework.Experiments;
using Homework.Reports;

namespace Homework.Cli.Commands;

/// <summary>Runs a list of experiments as child processes side by side.</summary>
internal static class SideBySide
{
    /// <summary>One child process: its command line after <c>homework</c>, and the experiments it runs, in order.</summary>
    private sealed record Job(string[] Args, IReadOnlyList<Experiment> Experiments)
    {
        public double Listed => Experiments.Sum(e => e.TypicalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="experiments"/> (and, with <paramref name="derivations"/>, the derivations of
    /// <paramref name="homeworkKey"/>, all when null, as one more child) on <paramref name="lanes"/> child processes at a time. Returns
    /// the ids of the experiments that did not publish a successful record, and the worst exit code of the children.
    /// </summary>
    public static (List<string> Failed, int WorstExit) Run(IReadOnlyList<Experiment> experiments, string? homeworkKey, bool quick,
        string reports, string checkpoints, bool derivations, int lanes)
    {
        var (reportsRoot, checkpointRoot) = (Path.GetFullPath(reports), Path.GetFullPath(checkpoints));
        string[] Common(params string[] head) => [.. head, "--reports", reportsRoot, .. quick ? ["--quick"] : Array.Empty<string>()];
        var pooled = experiments.Where(e => e.TrainsAhead).Select(e => e.Homework.Key).ToHashSet();
        var jobs = experiments.Where(e => !pooled.Contains(e.Homework.Key))
            .Select(e => new Job([.. Common("run", e.Id), "--checkpoints", checkpointRoot], [e]))
            .Concat(pooled.Select(key => new Job([.. Common("all", key), "--checkpoints", checkpointRoot, "--jobs", "1", "--no-derivations"],
                [.. experiments.Where(e => e.Homework.Key == key)])))
            .OrderByDescending(j => j.Listed)
            .ToList();
        if (derivations) jobs.Add(new Job([.. homeworkKey is null ? ["derivations"] : new[] { "derivations", homeworkKey }, "--reports", reportsRoot], []));

        var began = DateTime.UtcNow;
        var environment = ChildEnvironment(reportsRoot);
        var overall = new OverallLine(experiments, lanes, quick);
        var console = new Lock();
        var worst = 0;
        var queue = new Queue<Job>(jobs);
        var running = new List<(Process process, Task done)>();
        while (queue.Count > 0 || running.Count > 0)
        {
            while (running.Count < lanes && queue.TryDequeue(out var job))
                running.Add(Start(job, environment, overall, console));
            var ended = Task.WaitAny([.. running.Select(r => r.done)]);
            var (process, _) = running[ended];
            running.RemoveAt(ended);
            worst = Worse(worst, process.ExitCode);
            process.Dispose();
        }
        // Only a record this command's children wrote counts: an older one on disk is not this run's result.
        var failed = experiments.Where(e => RunRecord.Load(reports, e.Id, quick) is not { Succeeded: true } r || r.Started < began).Select(e => e.Id).ToList();
        return (failed, worst);
    }

    // A user fault (2) outranks an internal one (1): the child has said in one line what to fix.
    private static int Worse(int a, int b) => a == ErrorGuard.UserFault || b == ErrorGuard.UserFault ? ErrorGuard.UserFault : Math.Max(a, b);

    // One libtorch, MKL and OpenBLAS thread per child and one core as .NET sees it (the CMU grid's --workers default),
    // and this process's browser for every child's PNGs, its exporter tab loading plotly.js while the first children start.
    private static Dictionary<string, string> ChildEnvironment(string reportsRoot)
    {
        var vars = new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1", ["OPENBLAS_NUM_THREADS"] = "1", ["DOTNET_PROCESSOR_COUNT"] = "1",
        };
        var pages = new ReportOptions();
        if (!pages.Chromium.IsAvailable) return vars;
        pages.PrestartExport(reportsRoot);
        vars[Chromium.SharedEndpointVariable] = pages.Chromium.Endpoint();
        return vars;
    }

    private static (Process, Task) Start(Job job, Dictionary<string, string> environment, OverallLine overall, Lock console)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var (host, dll) = Self();
        psi.FileName = host;
        if (dll is not null) psi.ArgumentList.Add(dll);
        foreach (var a in job.Args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {host}");
        // An experiment's lines are held until it ends (the next one's header, or the child's exit), then printed whole,
        // its error lines to stderr. A one-experiment child is announced as it starts (it may be refused before its header).
        var block = new List<(string Line, bool Error)>();
        var current = job.Experiments.Count == 1 ? job.Experiments[0] : null;
        var since = Stopwatch.StartNew();
        if (current is not null) lock (console) Console.WriteLine(overall.Start(current));
        void Flush()
        {
            lock (console)
            {
                if (current is not null) overall.Finish(current, since.Elapsed.TotalSeconds);
                foreach (var (line, error) in block) (error ? Console.Error : Console.Out).WriteLine(line);
            }
            block.Clear();
        }
        void Line(string line)
        {
            if (line.StartsWith("== homework all: ", StringComparison.Ordinal)) return;   // a pooled child's own overall line
            if (Header(line) is { } header && header != current)
            {
                if (current is not null || block.Count > 0) Flush();
                current = header;
                since.Restart();
                lock (console) Console.WriteLine(overall.Start(header));
            }
            block.Add((line, false));
        }
        var errors = new List<string>();
        var output = Task.Run(() => { while (process.StandardOutput.ReadLine() is { } l) Line(l); });
        var stderr = Task.Run(() => { while (process.StandardError.ReadLine() is { } l) lock (errors) errors.Add(l); });
        var done = Task.Run(async () =>
        {
            await Task.WhenAll(output, stderr);
            await process.WaitForExitAsync();
            lock (errors) block.AddRange(errors.Select(e => (e, true)));   // a child's error lines stay with its last experiment
            if (block.Count > 0 || current is not null) Flush();
        });
        return (process, done);
    }

    // "== <id>: <title> ..." as ExperimentRunner.Run begins an experiment.
    private static Experiment? Header(string line) =>
        line.StartsWith("== ", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is > 3 and var colon
            ? ExperimentRegistry.Find(line[3..colon]) : null;

    // This CLI as a child: the dotnet host and homework.dll, or the apphost alone.
    private static (string Host, string? Dll) Self()
    {
        var dll = typeof(SideBySide).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == "homework") return (process, null);
        if (Path.GetFileNameWithoutExtension(process) == "dotnet") return (process, dll);
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return (root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet", dll);
    }
}
