// How this process starts a system program (chromium, git, python): with the environment the system gave the
// `homework` launcher, not the engine's. On Debian 12 the TorchSharp engine runs with LD_LIBRARY_PATH on a private
// Debian 13 libc, DOTNET_ROOT and PATH on a patched muxer, and the MKL preload (scripts/engine.sh); a system program
// that inherited the libc would not start. The launcher lists what it changed in HOMEWORK_ENGINE_VARS and keeps each
// original value in HOMEWORK_SYSTEM_<NAME> (absent when the variable was unset).
using System.Diagnostics;

namespace Homework.Reports;

/// <summary>Start information for system programs, with the engine's runtime variables undone.</summary>
public static class SystemProgram
{
    /// <summary>A <see cref="ProcessStartInfo"/> for <paramref name="file"/>: no shell, output redirected, the system's environment.</summary>
    public static ProcessStartInfo StartInfo(string file)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var env = psi.Environment;
        // Without the launcher's record (a test host, `dotnet homework.dll`), LD_LIBRARY_PATH is still the one variable
        // that can only have come from the runtime folder here.
        var changed = env.TryGetValue("HOMEWORK_ENGINE_VARS", out var list) && list is not null
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : ["LD_LIBRARY_PATH"];
        foreach (var name in changed)
        {
            if (env.TryGetValue($"HOMEWORK_SYSTEM_{name}", out var original) && original is not null) env[name] = original;
            else env.Remove(name);
        }
        return psi;
    }
}
