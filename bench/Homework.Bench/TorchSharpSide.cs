// The TorchSharp column of the bench: this same bench built for the default engine (TorchSharp, bin/, by
// bench/run.sh) and started as the child process through the private Debian 13 runtime folder
// (scripts/torchsharp-runtime.sh), so ours and TorchSharp run the same C# case code (Cases.cs, MnistCases.cs).
// Not the cases and not the orchestration (Program.cs); this file only knows how to start that child, and why it cannot.
namespace Homework.Bench;

internal static class TorchSharpSide
{
    /// <summary>
    /// Why the TorchSharp column is empty (one line), or null while it can run. Set by <see cref="Configure"/> from
    /// bench/run.sh's arguments, and by the first TorchSharp child that fails: the rest of the bench runs on without it.
    /// </summary>
    public static string? Unavailable { get; private set; } =
        "not started by bench/run.sh, which builds the TorchSharp copy of the bench and the runtime folder";

    /// <summary>The TorchSharp build of Homework.Bench.dll.</summary>
    public static string Dll { get; private set; } = "";

    /// <summary>The runtime folder's environment (DOTNET_ROOT, PATH, LD_LIBRARY_PATH), as scripts/torchsharp-runtime.sh prints it.</summary>
    public static IReadOnlyDictionary<string, string> Runtime { get; private set; } = new Dictionary<string, string>();

    /// <summary>scripts/native/mkl_intel_cpu.c, built by scripts/engine.sh: makes the MKL inside TorchSharp's libtorch take its AVX2/AVX-512 paths on AMD.</summary>
    public const string MklShim = ".cache/native/mkl_intel_cpu.so";

    /// <summary>
    /// The variables every TorchSharp child gets on top of its <see cref="Setting"/>: only those measured to help
    /// (bench/run.sh --torchsharp-settings, README "Speed"): the MKL shim preloaded (matmul at 2 threads +10-20%).
    /// Empty when the shim is not built: TorchSharp then runs as ours does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Tuning { get; } = File.Exists(MklShim)
        ? new Dictionary<string, string> { ["LD_PRELOAD"] = Path.GetFullPath(MklShim) }
        : new Dictionary<string, string>();

    /// <summary><paramref name="s"/> with <see cref="Tuning"/>.</summary>
    public static Setting Tuned(Setting s) => s with { Env = Tuning };

    /// <summary>The kept settings in one line.</summary>
    public static string Describe() =>
        Tuning.Count == 0 ? "none (threads, waits and tcmalloc as for the others)" : string.Join(" ", Tuning.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The patched dotnet muxer of the runtime folder, which starts <see cref="Dll"/>.</summary>
    public static string Muxer => Path.Combine(Runtime["DOTNET_ROOT"], "dotnet");

    /// <summary>
    /// Reads <c>--torchsharp DLL --torchsharp-env "K=V ..."</c>, or <c>--torchsharp-missing REASON</c> when bench/run.sh
    /// could not make the runtime folder or the TorchSharp build.
    /// </summary>
    public static void Configure(string[] args)
    {
        var missing = Array.IndexOf(args, "--torchsharp-missing");
        if (missing >= 0)
        {
            Unavailable = missing + 1 < args.Length ? args[missing + 1] : "bench/run.sh gave no reason";
            return;
        }
        var dll = Array.IndexOf(args, "--torchsharp");
        var env = Array.IndexOf(args, "--torchsharp-env");
        if (dll < 0 || dll + 1 >= args.Length || env < 0 || env + 1 >= args.Length) return;
        // The script prints space-separated K=V words, the way `env $(scripts/torchsharp-runtime.sh) cmd` splits them.
        var runtime = args[env + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        if (!runtime.ContainsKey("DOTNET_ROOT") || !runtime.ContainsKey("LD_LIBRARY_PATH"))
            Unavailable = $"--torchsharp-env '{args[env + 1]}' lacks DOTNET_ROOT or LD_LIBRARY_PATH (scripts/torchsharp-runtime.sh prints both)";
        else if (!File.Exists(args[dll + 1]))
            Unavailable = $"{args[dll + 1]} is missing: build it with dotnet build bench/Homework.Bench -c Release";
        else
        {
            Dll = args[dll + 1];
            Runtime = runtime;
            Unavailable = null;
        }
    }

    /// <summary>
    /// Runs one TorchSharp measurement; null when the column is unavailable. A child that fails makes the column
    /// unavailable with its one-line reason (printed once), instead of stopping the bench.
    /// </summary>
    public static Dictionary<string, double>? Try(Func<Dictionary<string, double>> run)
    {
        if (Unavailable is not null) return null;
        try
        {
            return run();
        }
        catch (InvalidOperationException e)
        {
            Unavailable = e.Message.Split('\n')[0].Trim();
            Console.WriteLine($"    TorchSharp column stops here: {Unavailable}");
            return null;
        }
    }
}
