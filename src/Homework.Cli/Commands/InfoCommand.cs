// `homework info`: what the process runs on (libtorch threads, BLAS, allocator), for bug reports.
using System.CommandLine;
using Homework.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Cli.Commands;

/// <summary>Prints the runtime facts that decide speed: BLAS, allocator, thread counts.</summary>
public static class InfoCommand
{
    /// <summary>Builds the <c>info</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("info", "Show libtorch threads, the BLAS and allocator in use, and dataset status.");
        command.SetAction(_ =>
        {
            using var probe = torch.zeros(1);
            var maps = File.ReadAllText("/proc/self/maps");
            Console.WriteLine($"libtorch intra-op threads: {torch.get_num_threads()}");
            Console.WriteLine($"BLAS: {(maps.Contains("openblas") ? "OpenBLAS" : maps.Contains("libblas") ? "reference BLAS (slow: run scripts/setup.sh)" : "unknown")}");
            Console.WriteLine($"allocator: {(maps.Contains("tcmalloc") ? "tcmalloc (preloaded)" : "glibc malloc (tuned by the shim)")}");
            Console.WriteLine($"OPENBLAS_CORETYPE: {Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset: OpenBLAS detects the CPU)"}");
            Console.WriteLine($"CUDA available: {torch.cuda.is_available()}");
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
