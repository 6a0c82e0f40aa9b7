// A run is published whole, and its browser leaves nothing behind: `homework run` in a child process, once to the
// end, once SIGKILLed while its page's PNGs are being exported. The killed run changes none of the previous run's
// files (page, PNGs, result.json, index), and no chromium profile folder or browser outlives either process.
using System.Diagnostics;
using Homework.Experiments;

namespace Homework.Cli.Tests.Commands;

public sealed class PublishTests : IDisposable
{
    private const string Id = "cmu-10417/p1.2-step-neurons";
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-publish-");

    public void Dispose() => root.Delete(recursive: true);

    private string Reports => Path.Combine(root.FullName, "reports");

    // The child's temporary directory, so its profile folders are the only ones there.
    private string Temp => Path.Combine(root.FullName, "tmp");

    private Process Start()
    {
        Directory.CreateDirectory(Temp);
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[typeof(Homework.Cli.Commands.ExperimentCommands).Assembly.Location, "run", Id, "--quick",
                     "--reports", Reports, "--checkpoints", Path.Combine(root.FullName, "checkpoints")])
            psi.ArgumentList.Add(a);
        psi.Environment["TMPDIR"] = Temp;
        return Process.Start(psi)!;
    }

    private string[] Profiles() => Directory.GetDirectories(Temp, Homework.Reports.Chromium.ProfilePrefix + "*");

    private bool BrowserRunning() => Directory.GetDirectories("/proc").Any(p =>
    {
        try { return File.ReadAllText(Path.Combine(p, "cmdline")).Contains(Temp, StringComparison.Ordinal); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    });

    // Every published file: hidden entries (staging, locks) are not part of the reports a reader sees.
    private Dictionary<string, string> Published() =>
        Directory.GetFiles(Reports, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Reports, f)).Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
            .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Reports, f)))));

    private static void WaitUntil(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException(what);
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void A_run_killed_during_png_export_leaves_the_previous_run_whole_and_no_browser_or_profile()
    {
        if (!new Homework.Reports.Chromium().IsAvailable) throw new InvalidOperationException("chromium is missing: ./scripts/setup.sh installs it");
        using (var first = Start())
        {
            _ = first.StandardOutput.ReadToEndAsync();
            var stderr = first.StandardError.ReadToEnd();
            first.WaitForExit();
            Assert.True(first.ExitCode == 0, stderr);
        }
        var before = Published();
        Assert.Contains(before.Keys, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains("index.html", before.Keys);
        Assert.Contains($"quick/{Id}/result.json", before.Keys);
        Assert.Empty(Profiles());

        var parent = Path.GetDirectoryName(Path.Combine(Reports, "quick", Id))!;
        using (var second = Start())
        {
            _ = second.StandardOutput.ReadToEndAsync();
            _ = second.StandardError.ReadToEndAsync();
            // The staging folder exists from the page's first byte to its publication: PNG export happens inside it.
            WaitUntil(() => Directory.GetDirectories(parent, ".p1.2-step-neurons.staging-*").Length > 0 || second.HasExited, "no staging folder appeared");
            Assert.False(second.HasExited, "the run ended before it could be killed during its page export");
            second.Kill();
            second.WaitForExit();
        }

        Assert.Equal(before, Published());
        Assert.Equal(before[$"quick/{Id}/result.json"], Published()[$"quick/{Id}/result.json"]);
        WaitUntil(() => Profiles().Length == 0 && !BrowserRunning(), "a chromium profile folder or browser outlived the killed run");

        // The next run clears the killed run's staging and publishes.
        using var third = Start();
        third.StandardOutput.ReadToEnd();
        third.WaitForExit();
        Assert.Equal(0, third.ExitCode);
        Assert.Empty(Directory.GetDirectories(parent, ".*"));
        Assert.Empty(Profiles());
        Assert.NotNull(RunRecord.Load(Reports, Id, quick: true));
    }
}
