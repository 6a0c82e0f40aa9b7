// Entry point of the `homework` command. Parse errors and bad option values end here as one line and exit code 2;
// everything else is a subcommand (Commands/).
using System.CommandLine;
using Homework.Cli;
using Homework.Cli.Commands;

var root = new RootCommand("Homework: the five deep-learning homeworks, runnable (manual gradients vs autograd, training, plots, one report).");
foreach (var command in (Command[])[ExperimentCommands.List(), ExperimentCommands.Run(), ExperimentCommands.All(), ExperimentCommands.Report(),
             ExperimentCommands.MnistAlias(), ExperimentCommands.CnnAlias(), InfoCommand.Create(), GradCheckCommand.Create(), DataCommand.Create(),
             DerivationCommands.One(), DerivationCommands.All(),
             InterchangeCommand.Export(), InterchangeCommand.Import()])
    root.Subcommands.Add(command);
ExperimentCommands.AttachDefault(root);
return CliErrors.Guard(() =>
{
    var parse = root.Parse(args);
    if (parse.Errors.Count == 0) return parse.Invoke();
    var error = parse.Errors[0].Message;
    var unknownRun = args.Length >= 2 && args[0] == "run" && !args[1].StartsWith('-') && parse.Errors.Any(e => e.Message.Contains($"'{args[1]}'", StringComparison.Ordinal));
    Console.Error.WriteLine(unknownRun
        ? $"error: no experiment '{args[1]}'; `homework list` shows the ids"
        : args is ["run"] ? "error: name an experiment: homework run <id>; `homework list` shows the ids"
        : $"error: {error.ReplaceLineEndings(" ")} (see `{CommandPath(parse.CommandResult)} --help`)");
    return CliErrors.UserFault;
});

static string CommandPath(System.CommandLine.Parsing.CommandResult? result)
{
    var names = new List<string>();
    for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        names.Insert(0, r.Parent is null ? "homework" : r.Command.Name);
    return string.Join(' ', names);
}
