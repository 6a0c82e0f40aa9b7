// Entry point of the `homework` command. Parse errors and bad option values end here as one line and exit code 2;
// everything else is a subcommand (Commands/).
using System.CommandLine;
using Homework.Cli;
using Homework.Cli.Commands;
using Homework.Experiments;

var root = new RootCommand("Homework: the five deep-learning homeworks, runnable (manual gradients vs autograd, training, plots, one report).");
foreach (var command in (Command[])[ExperimentCommands.List(), ExperimentCommands.Run(), ExperimentCommands.All(), ExperimentCommands.Report(),
             ExperimentCommands.MnistAlias(), ExperimentCommands.CnnAlias(), InfoCommand.Create(), GradCheckCommand.Create(), DataCommand.Create(),
             DerivationCommands.One(), DerivationCommands.All(),
             InterchangeCommand.Export(), InterchangeCommand.Import(),
             CheckCommand.Create()])
    root.Subcommands.Add(command);
ExperimentCommands.AttachDefault(root);
return ErrorGuard.Guard(() =>
{
    // `run <unknown id> --help` would print run's own help and exit 0: an unknown id is an error first.
    var unknownRun = args.Length >= 2 && args[0] == "run" && !args[1].StartsWith('-') && ExperimentRegistry.Find(args[1]) is null;
    var parse = root.Parse(args);
    if (parse.Errors.Count == 0 && !unknownRun) return parse.Invoke();
    var ids = ExperimentRegistry.All.Select(e => e.Id);
    var unknownCommand = args.Length >= 1 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0] && !c.Aliases.Contains(args[0]));
    Console.Error.WriteLine(unknownRun
        ? $"error: no experiment '{args[1]}'{DidYouMean.Hint(args[1], ids)} (`homework list` shows the ids)"
        : args is ["run"] ? "error: name an experiment: homework run <id>; `homework list` shows the ids"
        : unknownCommand ? $"error: no command '{args[0]}'{DidYouMean.Hint(args[0], root.Subcommands.Select(c => c.Name))}" +
            (DidYouMean.Closest(args[0], ids) is { Count: > 0 } id ? $"; to run an experiment: homework run {id[0]}" : "") + " (see `homework --help`)"
        : $"error: {Plain(parse.Errors[0].Message).ReplaceLineEndings(" ")} (see `{CommandPath(parse.CommandResult)} --help`)");
    return ErrorGuard.UserFault;
});

static string CommandPath(System.CommandLine.Parsing.CommandResult? result)
{
    var names = new List<string>();
    for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        names.Insert(0, r.Parent is null ? "homework" : r.Command.Name);
    return string.Join(' ', names);
}

// System.CommandLine names .NET types ("as expected type 'System.Int64'"); a user reads "a whole number".
static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message,
    @"as expected type 'System\.(\w+)'", m => m.Groups[1].Value switch
    {
        "Int32" or "Int64" => "as a whole number",
        "Double" or "Single" => "as a number",
        var t => $"as a {t.ToLowerInvariant()}",
    });
