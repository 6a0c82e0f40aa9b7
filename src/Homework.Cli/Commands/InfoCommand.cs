// `homework info`: what the process runs on (engine, libtorch, BLAS and its code path, threads, allocator) and the
// datasets, for bug reports. `--probe` is the launcher's start test of an engine (./homework, scripts/engine.sh).
using Homework.Experiments;
using System.CommandLine;
using Homework.Data;

namespace Homework.Cli.Commands;

/// <summary>Prints the runtime facts that decide speed (<see cref="EngineInfo"/>) and which datasets are present.</summary>
public static class InfoCommand
{
    /// <summary>Builds the <c>info</c> subcommand.</summary>
    public static Command Create()
    {
        var probe = new Option<bool>("--probe") { Description = "Only load the engine and compute once; print its one-line summary (the launcher's start test)." };
        var command = new Command("info", "Show the engine (TorchSharp or debian-libtorch), libtorch, BLAS and its code path, threads, allocator, and dataset status.") { probe };
        command.SetAction(parse =>
        {
            if (parse.GetValue(probe))
            {
                Console.WriteLine(EngineInfo.Summary());
                return 0;
            }
            foreach (var (name, value) in EngineInfo.Facts()) Console.WriteLine($"{name}: {value}");
            foreach (var set in new[] { "mnist", "fashion-mnist", "spam-assassin", "plotly", "generated" })
            {
                var dir = DataFiles.Path(set);
                Console.WriteLine($"data/{set}: {(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() ? "present" : $"missing (fetch with {DataFiles.FetchCommand})")}");
            }
            return 0;
        });
        return command;
    }
}
