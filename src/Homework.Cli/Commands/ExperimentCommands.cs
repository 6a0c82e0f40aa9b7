// `homework list | run <id> | all | report`, and the main job's aliases (`homework` alone, `homework mnist`,
// `homework cnn-vs-mlp`). Every experiment's options come from its declaration (Experiments/ExperimentOption.cs),
// so parsing, validation and --help are the same for all of them. Not the experiments themselves.
using System.CommandLine;
using Homework.Experiments;

namespace Homework.Cli.Commands;

/// <summary>Builds the experiment subcommands.</summary>
public static class ExperimentCommands
{
    /// <summary>The main job's experiments: CS229 W25 PS2 Q4(b–d) and Q4(e).</summary>
    public const string MnistId = "cs229-w25/q4-mnist", CnnId = "cs229-w25/q4e-cnn-vs-mlp";

    private static readonly Option<string> Reports = new("--reports") { Description = "Folder for the report pages.", DefaultValueFactory = _ => "reports" };
    private static readonly Option<string> Checkpoints = new("--checkpoints") { Description = "Folder for the .dat checkpoints.", DefaultValueFactory = _ => "checkpoints" };
    private static readonly Option<bool> Quick = new("--quick") { Description = "A small, fast setting of the same code (fewer epochs or a data subset), for smoke runs and tests." };

    /// <summary><c>homework list</c>.</summary>
    public static Command List()
    {
        var command = new Command("list", "One line per experiment: id, typical seconds of a full run here, title and questions; then one per derivation.");
        command.SetAction(_ =>
        {
            var width = ExperimentRegistry.All.Max(e => e.Id.Length);
            foreach (var e in ExperimentRegistry.All)
                Console.WriteLine($"{e.Id.PadRight(width)}  {Seconds(e.TypicalSeconds),7}  {e.Title} ({e.Homework.Code} {e.Questions})");
            Console.WriteLine();
            foreach (var line in DerivationCommands.ListLines()) Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary><c>homework run &lt;id&gt;</c>: one subcommand per experiment.</summary>
    public static Command Run()
    {
        var command = new Command("run", "Run one experiment: homework run <id> [options] [--quick]. `homework list` shows the ids; `homework run <id> --help` its options.");
        foreach (var e in ExperimentRegistry.All)
        {
            var (sub, resolve) = ForExperiment(e, e.Id, $"{e.Title} ({e.Homework.Code} {e.Questions}).");
            sub.SetAction(parse => ErrorGuard.Guard(() =>
            {
                ExperimentRunner.Run(e, resolve(parse), parse.GetValue(Quick), parse.GetValue(Reports)!, parse.GetValue(Checkpoints)!, Console.Out);
                return 0;
            }));
            command.Subcommands.Add(sub);
        }
        return command;
    }

    /// <summary>
    /// <c>homework all [&lt;homework&gt;] [--quick] [--jobs N] [--no-derivations]</c>: every experiment (or every one of one
    /// homework), past failures, then the derivations' pages; non-zero exit when any failed. With more than one job the
    /// experiments run side by side in child processes (<see cref="SideBySide"/>), otherwise one after another here.
    /// </summary>
    public static Command All()
    {
        var keys = string.Join(", ", HomeworkInfo.All.Select(h => h.Key));
        var only = new Argument<string?>("homework")
        {
            Description = $"Only this homework's experiments: one of {keys}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var jobs = new Option<int>("--jobs")
        {
            Description = $"Experiments run at once, each in its own process on one libtorch thread (default: one per core); " +
                          "1 runs them one after another in this process, each on its own thread setting.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(r =>
        {
            // A token that is not a number at all is the parser's error; this one is for numbers out of range.
            if (r.Tokens is [var t] && int.TryParse(t.Value, out var n) && n is < 1 or > 64) r.AddError("--jobs must be a whole number from 1 to 64");
        });
        var noDerivations = new Option<bool>("--no-derivations") { Description = "Run the experiments only; leave the derivations' pages as they are." };
        var command = new Command("all", "Run every experiment (or one homework's), with --quick the fast setting of each, then write every derivation's page; " +
                                         "failures are reported at the end.")
        {
            only, Quick, Reports, Checkpoints, jobs, noDerivations,
        };
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            var key = parse.GetValue(only);
            if (key is not null && HomeworkInfo.All.All(h => h.Key != key))
                throw new UserError($"no homework '{key}': use one of {keys}");
            var experiments = ExperimentRegistry.All.Where(e => key is null || e.Homework.Key == key).ToList();
            var (quick, reports, checkpoints) = (parse.GetValue(Quick), parse.GetValue(Reports)!, parse.GetValue(Checkpoints)!);
            var derivations = !parse.GetValue(noDerivations);
            Paths.EnsureWritable(reports, "--reports");
            Paths.EnsureWritable(checkpoints, "--checkpoints");
            var (failed, worst) = parse.GetValue(jobs) > 1
                ? SideBySide.Run(experiments, key, quick, reports, checkpoints, derivations, parse.GetValue(jobs))
                : OneAfterAnother(experiments, key, quick, reports, checkpoints, derivations);
            Console.WriteLine($"{experiments.Count - failed.Count} of {experiments.Count} experiments ran; report: {Path.Combine(Path.GetFullPath(reports), "index.html")}");
            if (failed.Count == 0) return worst;
            Console.Error.WriteLine($"error: {failed.Count} failed: {string.Join(", ", failed)}");
            return worst == ErrorGuard.UserFault ? ErrorGuard.UserFault : ErrorGuard.InternalFault;
        }));
        return command;
    }

    // `homework all --jobs 1`: in this process, each experiment told which come next (the CMU grid trains ahead for them).
    // Returns the failed ids and the exit code the failures call for.
    private static (List<string> Failed, int Exit) OneAfterAnother(IReadOnlyList<Experiment> experiments, string? key, bool quick, string reports, string checkpoints, bool derivations)
    {
        var failed = new List<string>();
        var planned = experiments.Select(e => new PlannedRun(e, e.Options.ToDictionary(o => o, o => o.ValueFor(quick)))).ToList();
        var overall = new OverallLine(experiments, 1, quick);
        for (var i = 0; i < planned.Count; i++)
        {
            var e = planned[i].Experiment;
            Console.WriteLine(overall.Start(e));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                ExperimentRunner.Run(e, planned[i].Values, quick, reports, checkpoints, Console.Out, comingUp: planned[(i + 1)..]);
            }
            catch (ExperimentFailedException f)
            {
                Console.Error.WriteLine(ErrorGuard.Line(f));
                failed.Add(e.Id);
            }
            overall.Finish(e, clock.Elapsed.TotalSeconds);
        }
        var derivationFails = derivations && !DerivationCommands.WriteAll(key, reports, Console.Out);
        // A failed run with a record on disk failed in its own code (internal); one with none was refused (user fault).
        var exit = failed.Count == 0 ? (derivationFails ? ErrorGuard.InternalFault : 0)
            : failed.Select(id => RunRecord.Load(reports, id, quick)).All(r => r is not null) ? ErrorGuard.InternalFault : ErrorGuard.UserFault;
        return (failed, exit);
    }

    /// <summary><c>homework report</c>: every experiment's page and the index, from the results on disk.</summary>
    public static Command Report()
    {
        var command = new Command("report", "Redraw every experiment's page (full and quick) and reports/index.html from the result.json files on disk (runs nothing).") { Reports };
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            Paths.EnsureWritable(parse.GetValue(Reports)!, "--reports");
            Console.WriteLine($"report: {ExperimentRunner.Redraw(parse.GetValue(Reports)!, Console.Out)}");
            return 0;
        }));
        return command;
    }

    /// <summary><c>homework cnn-vs-mlp</c>: an alias of <c>homework run cs229-w25/q4e-cnn-vs-mlp</c>.</summary>
    public static Command CnnAlias()
    {
        var cnn = ExperimentRegistry.Find(CnnId)!;
        var (command, resolve) = ForExperiment(cnn, "cnn-vs-mlp", $"Alias of `homework run {CnnId}`: {cnn.Title}.");
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            ExperimentRunner.Run(cnn, resolve(parse), parse.GetValue(Quick), parse.GetValue(Reports)!, parse.GetValue(Checkpoints)!, Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The main job, <c>homework mnist</c> and <c>homework</c> alone: Q4(b–d), then Q4(e) unless --no-cnn. Takes Q4(b–d)'s
    /// options, and --cnn-epochs for Q4(e).
    /// </summary>
    public static Command MnistAlias() => AttachMainJob(new Command("mnist", $"The main job: `homework run {MnistId}`, then `homework run {CnnId}` (unless --no-cnn)."));

    /// <summary>Makes <paramref name="root"/> run the main job when given no subcommand.</summary>
    public static void AttachDefault(RootCommand root) => AttachMainJob(root);

    private static Command AttachMainJob(Command command)
    {
        var mnist = ExperimentRegistry.Find(MnistId)!;
        var cnn = ExperimentRegistry.Find(CnnId)!;
        var (_, resolve) = ForExperiment(mnist, command);
        var cnnEpochs = cnn.Options.OfType<ExperimentOption<int>>().Single(o => o.Name == "--epochs");
        var cnnEpochsAlias = cnnEpochs.Renamed("--cnn-epochs", "Epochs of each network in Q4(e).");
        var renamed = cnnEpochsAlias.CreateOption();
        var noCnn = new Option<bool>("--no-cnn") { Description = "Skip Q4(e), the CNN vs Linear NN comparison." };
        command.Options.Add(renamed);
        command.Options.Add(noCnn);
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            var quick = parse.GetValue(Quick);
            var reports = parse.GetValue(Reports)!;
            var checkpoints = parse.GetValue(Checkpoints)!;
            var values = resolve(parse);
            ExperimentRunner.Run(mnist, values, quick, reports, checkpoints, Console.Out);
            if (parse.GetValue(noCnn)) return 0;
            var cnnValues = cnn.Options.ToDictionary(o => o, o => o.ValueFor(quick));
            cnnValues[cnnEpochs] = cnnEpochsAlias.Resolve(parse, renamed, quick);
            cnnValues[Experiment.Seed] = values[Experiment.Seed];
            ExperimentRunner.Run(cnn, cnnValues, quick, reports, checkpoints, Console.Out);
            return 0;
        }));
        return command;
    }

    private static (Command command, Func<ParseResult, IReadOnlyDictionary<ExperimentOption, object>> resolve) ForExperiment(Experiment e, string name, string description) =>
        ForExperiment(e, new Command(name, description));

    private static (Command command, Func<ParseResult, IReadOnlyDictionary<ExperimentOption, object>> resolve) ForExperiment(Experiment e, Command command)
    {
        var options = e.Options.Select(o => (declared: o, parsed: o.CreateOption())).ToList();
        foreach (var (_, parsed) in options) command.Options.Add(parsed);
        command.Options.Add(Quick);
        command.Options.Add(Reports);
        command.Options.Add(Checkpoints);
        return (command, parse => options.ToDictionary(o => o.declared, o => o.declared.Resolve(parse, o.parsed, parse.GetValue(Quick))));
    }

    private static string Seconds(double s) => s < 90 ? $"{s:F0} s" : $"{s / 60:F0} min";
}
