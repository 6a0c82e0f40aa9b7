// The list of subcommands; each experiment adds its command here.
using System.CommandLine;

namespace Homework.Cli.Commands;

/// <summary>Every subcommand of <c>homework</c>.</summary>
public static class CommandRegistry
{
    /// <summary>The subcommands in the order <c>--help</c> lists them.</summary>
    public static IEnumerable<Command> All() =>
    [
        MnistCommand.Create(),
        MnistCommand.CreateComparison(),
        InfoCommand.Create(),
        GradCheckCommand.Create(),
        DataCommand.Create(),
    ];
}
