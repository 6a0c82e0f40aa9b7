// `homework data`: regenerates the course CSVs under data/generated (scripts/fetch-data.sh runs it during setup).
// Not the fetcher of the real datasets: scripts/fetch-data.sh downloads and verifies those.
using System.CommandLine;
using Homework.Data.CourseSets;

namespace Homework.Cli.Commands;

/// <summary>Generates the course sets that are missing (or all of them with <c>--regenerate</c>).</summary>
public static class DataCommand
{
    /// <summary>Builds the <c>data</c> subcommand.</summary>
    public static Command Create()
    {
        var regenerate = new Option<bool>("--regenerate") { Description = "Rewrite every generated set, even those already present." };
        var command = new Command("data", "Generate the course CSVs (implicitreg, doubledescent, simple_nn, stability, perceptron, bayesianreg) into data/generated.")
        {
            regenerate,
        };
        command.SetAction(parse =>
        {
            CourseSets.EnsureGenerated(force: parse.GetValue(regenerate), log: Console.WriteLine);
            return 0;
        });
        return command;
    }
}
