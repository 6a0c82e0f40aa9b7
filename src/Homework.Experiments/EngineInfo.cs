// Which engine this process computes on, read from the process itself (its TorchSharp assembly and the native
// libraries it mapped), not from the build: `homework info`, every page and every result.json say it the same way.
// Not the choice of engine (scripts/engine.sh makes it) and not a speed claim (bench/run.sh measures those).
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Homework.Experiments;

/// <summary>The engine, libtorch, BLAS and its code path, threads and allocator of this process.</summary>
public static partial class EngineInfo
{
    /// <summary>True on the TorchSharp-cpu package; false on our binding of Debian's libtorch (its assembly is Homework.LibTorch).</summary>
    public static bool IsTorchSharp { get; } = typeof(torch).Assembly.GetName().Name == "TorchSharp";

    /// <summary>One line: engine and libtorch version, e.g. "TorchSharp-cpu 0.107.0 (libtorch 2.10.0)". Loads libtorch.</summary>
    public static string Summary()
    {
        using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2));
        return IsTorchSharp
            ? $"TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)} (libtorch {LibTorchVersion()})"
            : $"debian-libtorch, our binding of Debian's libtorch {LibTorchVersion()}";
    }

    /// <summary>The facts that decide speed and reproducibility, one per line.</summary>
    public static IEnumerable<(string name, string value)> Facts()
    {
        var summary = Summary();
        var maps = File.ReadAllText("/proc/self/maps");
        yield return ("engine", summary + (IsTorchSharp ? "" : " (HOMEWORK_ENGINE=debian-libtorch or TorchSharp could not start)"));
        if (IsTorchSharp)
            yield return ("native runtime", maps.Contains("torchsharp-runtime/sys/", StringComparison.Ordinal)
                ? "the private Debian 13 runtime folder (.cache/torchsharp-runtime; this system's libstdc++ lacks GLIBCXX_3.4.32)"
                : "this system's libc and libstdc++");
        yield return ("BLAS", IsTorchSharp ? Mkl() : OpenBlas(maps));
        if (IsTorchSharp)
            yield return ("MKL CPU-check preload", Environment.GetEnvironmentVariable("HOMEWORK_MKL_PRELOAD_STATE") switch
            {
                "on-auto" => "on (auto: AMD CPU); HOMEWORK_MKL_PRELOAD=off turns it off",
                "on-env" => "on (HOMEWORK_MKL_PRELOAD=on); HOMEWORK_MKL_PRELOAD=off turns it off",
                "off-auto" => "off (auto: not an AMD CPU); HOMEWORK_MKL_PRELOAD=on forces it",
                "off-env" => "off (HOMEWORK_MKL_PRELOAD=off)",
                _ => "off (not started through ./homework)",
            });
        yield return ("threads", $"libtorch intra-op {torch.get_num_threads()}, OMP_NUM_THREADS={Env("OMP_NUM_THREADS")}, OMP_WAIT_POLICY={Env("OMP_WAIT_POLICY")}");
        yield return ("allocator", maps.Contains("tcmalloc", StringComparison.Ordinal) ? "tcmalloc (preloaded by scripts/env.sh)" : "glibc malloc");
        yield return ("CUDA available", torch.cuda.is_available().ToString());
    }

    private static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "(unset)";

    // TorchSharp copies its libtorch beside the assemblies, so the version is the libtorch-cpu-linux-x64 package's,
    // as the build recorded it in the app's .deps.json; Debian's libtorch says major.minor in its soname (libtorch_cpu.so.1.13;
    // its headers say 1.13.0 for the package 1.13.1).
    private static string LibTorchVersion()
    {
        var deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var package = deps.Where(File.Exists).Select(d => PackageVersion().Match(File.ReadAllText(d))).FirstOrDefault(m => m.Success) ?? Match.Empty;
        if (package.Success) return package.Groups[1].Value;
        var soname = SonameVersion().Match(File.ReadAllText("/proc/self/maps"));
        return soname.Success ? soname.Groups[1].Value : "(version unknown)";
    }

    // oneMKL is linked into TorchSharp's libtorch_cpu.so, which exports its service calls. The auto branch is the
    // code path MKL chose for this CPU (mkl_cbwr.h: 2 = AUTO, MKL's generic path on a CPU it does not treat as Intel's).
    private static string Mkl()
    {
        var lib = LoadedPath("libtorch_cpu.so");
        if (lib is null || !NativeLibrary.TryLoad(lib, out var handle)) return "oneMKL (libtorch_cpu.so not found among the loaded libraries)";
        var version = "oneMKL";
        if (NativeLibrary.TryGetExport(handle, "MKL_Get_Version_String", out var getVersion))
        {
            var buffer = new byte[256];
            unsafe { fixed (byte* b = buffer) ((delegate* unmanaged<byte*, int, void>)getVersion)(b, buffer.Length); }
            var text = System.Text.Encoding.ASCII.GetString(buffer).TrimEnd('\0', ' ');
            var m = MklVersion().Match(text);
            version = m.Success ? $"oneMKL {m.Groups[1].Value}" : text;
        }
        if (!NativeLibrary.TryGetExport(handle, "mkl_serv_cbwr_get_auto_branch", out var branch)) return version;
        int code;
        unsafe { code = ((delegate* unmanaged<int>)branch)(); }
        return $"{version}, code path {code switch
        {
            2 => "generic (MKL's path for a CPU it does not treat as Intel's)",
            9 => "AVX",
            10 => "AVX2",
            12 or 14 => "AVX-512",
            _ => $"MKL branch {code}",
        }}";
    }

    private static string OpenBlas(string maps)
    {
        if (!maps.Contains("openblas", StringComparison.Ordinal))
            return maps.Contains("libblas", StringComparison.Ordinal) ? "reference BLAS (slow: run scripts/setup.sh)" : "unknown";
        var lib = LoadedPath("openblas");
        if (lib is null || !NativeLibrary.TryLoad(lib, out var handle) || !NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var core))
            return "OpenBLAS";
        string name;
        unsafe { name = Marshal.PtrToStringAnsi((nint)((delegate* unmanaged<byte*>)core)()) ?? "?"; }
        return $"OpenBLAS, kernels for {name}" +
            (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { } forced ? $" (OPENBLAS_CORETYPE={forced})" : "");
    }

    private static string? LoadedPath(string part) => File.ReadLines("/proc/self/maps")
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(f => f.Length >= 6 && f[5].Contains(part, StringComparison.Ordinal))
        .Select(f => f[5]).FirstOrDefault();

    [GeneratedRegex(@"libtorch-cpu-linux-x64/([0-9][0-9.]*)""")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"libtorch_cpu\.so\.(\d+\.\d+)")]
    private static partial Regex SonameVersion();

    [GeneratedRegex(@"Version (\d[\d.]*(?:-\w+)?)")]
    private static partial Regex MklVersion();
}
