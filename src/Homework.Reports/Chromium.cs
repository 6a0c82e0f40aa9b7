// Headless Debian chromium as a tool: dump a page's DOM after its scripts ran, or screenshot it to PNG.
// Each call is a fresh browser with a throw-away profile; nothing here keeps a browser running.
using System.Diagnostics;
using System.Globalization;

namespace Homework.Reports;

/// <summary>Chromium failed to start, crashed, or took longer than its time limit.</summary>
public sealed class ChromiumException(string message) : Exception(message);

/// <summary>Runs <c>chromium --headless</c> once per call, with a fresh temporary profile and no network services.</summary>
public sealed class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>A runner for the browser at <paramref name="executable"/>, giving up on a call after <paramref name="timeout"/> (default 120 s).</summary>
    public Chromium(string executable = DebianPath, TimeSpan? timeout = null)
    {
        Executable = executable;
        Timeout = timeout ?? TimeSpan.FromSeconds(120);
    }

    /// <summary>The browser executable.</summary>
    public string Executable { get; }

    /// <summary>The longest one call may run before the browser is killed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Whether the executable exists.</summary>
    public bool IsAvailable => File.Exists(Executable);

    /// <summary>
    /// The serialised DOM of <paramref name="url"/> after its scripts ran for up to <paramref name="virtualTimeBudgetMs"/>
    /// of virtual time (timers fast-forwarded, so Plotly's asynchronous drawing completes).
    /// </summary>
    public string DumpDom(string url, int virtualTimeBudgetMs = 10_000) =>
        Run(["--dump-dom", $"--virtual-time-budget={virtualTimeBudgetMs.ToString(CultureInfo.InvariantCulture)}", url]);

    /// <summary>Screenshots the <paramref name="width"/>×<paramref name="height"/> viewport of <paramref name="url"/> to <paramref name="pngPath"/>.</summary>
    public void Screenshot(string url, string pngPath, int width, int height, int virtualTimeBudgetMs = 10_000)
    {
        var full = Path.GetFullPath(pngPath);
        File.Delete(full);
        Run([
            $"--screenshot={full}",
            $"--window-size={width.ToString(CultureInfo.InvariantCulture)},{height.ToString(CultureInfo.InvariantCulture)}",
            "--hide-scrollbars",
            $"--virtual-time-budget={virtualTimeBudgetMs.ToString(CultureInfo.InvariantCulture)}",
            url,
        ]);
        if (!File.Exists(full) || new FileInfo(full).Length == 0)
            throw new ChromiumException($"chromium exited normally but wrote no screenshot to {full}");
    }

    private string Run(IReadOnlyList<string> args)
    {
        if (!IsAvailable)
            throw new ChromiumException($"chromium not found at {Executable}; install it with ./scripts/setup.sh (Debian package 'chromium')");
        var profile = Directory.CreateTempSubdirectory("homework-chromium-");
        try
        {
            var psi = SystemProgram.StartInfo(Executable);
            // No sandbox: the project runs as root in a VM. The rest keeps a headless run quiet and offline.
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                         "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}"])
                psi.ArgumentList.Add(a);
            foreach (var a in args) psi.ArgumentList.Add(a);

            using var process = Process.Start(psi) ?? throw new ChromiumException($"could not start {Executable}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new ChromiumException($"chromium did not finish within {Timeout.TotalSeconds:0} s and was stopped; the machine may be overloaded, retry later");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new ChromiumException($"chromium exited with code {process.ExitCode}: {Tail(stderr.Result)}");
            return stdout.Result;
        }
        finally
        {
            try { profile.Delete(recursive: true); }
            catch (IOException) { /* a crashed browser may still hold a file; the OS temp cleaner takes it */ }
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
    }
}
