// The engine as a user gets it: scripts/engine.sh's two decisions with faked probes, the `homework` launcher's
// fallback to debian-libtorch when TorchSharp cannot start, and one seeded short Q4 run trained on both engines (and on
// TorchSharp with and without the MKL preload) whose histories must agree. These start the launcher as a child and
// need both engines built, so ./test runs them once (Category=BothEngines), not once per engine.
using System.Diagnostics;
using System.Text.Json;
using Homework.Reports;
using Homework.TestSupport;

namespace Homework.Cli.Tests;

[Trait("Category", "BothEngines")]
public sealed class EngineTests : IDisposable
{
    private readonly DirectoryInfo tmp = Directory.CreateTempSubdirectory("homework-engine-");

    public void Dispose() => tmp.Delete(recursive: true);

    /// <summary>Runs <paramref name="script"/> in bash at the repository root with the system's environment plus <paramref name="env"/>.</summary>
    internal static (int code, string stdout, string stderr) Bash(string script, params (string name, string value)[] env)
    {
        var psi = SystemProgram.StartInfo("bash");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.WorkingDirectory = Fixtures.RepoRoot;
        // The test host runs on an engine; the child decides its own.
        foreach (var name in (string[])["HOMEWORK_ENGINE", "HOMEWORK_ENGINE_VARS", "HOMEWORK_MKL_PRELOAD_STATE", "HOMEWORK_MKL_PRELOAD"])
            psi.Environment.Remove(name);
        psi.Environment["HOMEWORK_SKIP_SETUP"] = "1";
        foreach (var (name, value) in env) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    private string Fake(string name, string content)
    {
        var path = Path.Combine(tmp.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void TheRuntimeFolderIsUsedExactlyWhereLibstdcxxLacksGlibcxx3432()
    {
        var modern = Fake("libstdc++-gcc13.so.6", "\0GLIBCXX_3.4.30\0GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0");
        var debian12 = Fake("libstdc++-gcc12.so.6", "\0GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0");
        Assert.Equal("system", Bash("source scripts/engine.sh; engine_torchsharp_runtime", ("HOMEWORK_LIBSTDCXX", modern)).stdout.Trim());
        Assert.Equal("runtime-folder", Bash("source scripts/engine.sh; engine_torchsharp_runtime", ("HOMEWORK_LIBSTDCXX", debian12)).stdout.Trim());
        Assert.Equal("runtime-folder", Bash("source scripts/engine.sh; engine_torchsharp_runtime", ("HOMEWORK_LIBSTDCXX", "/no/such/libstdc++.so.6")).stdout.Trim());
        // The system decision gives TorchSharp no runtime-folder variables; the other gives all three.
        var system = Bash("source scripts/engine.sh; engine_env torchsharp", ("HOMEWORK_LIBSTDCXX", modern)).stdout;
        Assert.DoesNotContain("LD_LIBRARY_PATH=", system);
        Assert.Contains("HOMEWORK_ENGINE=torchsharp", system);
        var folder = Bash("source scripts/engine.sh; engine_env torchsharp", ("HOMEWORK_LIBSTDCXX", debian12)).stdout;
        Assert.Contains("LD_LIBRARY_PATH=", folder);
        Assert.Contains("HOMEWORK_ENGINE_VARS=DOTNET_ROOT,PATH,LD_LIBRARY_PATH", folder);
    }

    [Theory]
    [InlineData("AuthenticAMD", "", "on-auto")]
    [InlineData("GenuineIntel", "", "off-auto")]
    [InlineData("AuthenticAMD", "off", "off-env")]
    [InlineData("GenuineIntel", "on", "on-env")]
    public void ThePreloadIsAppliedOnAmdUnlessSwitchedOff(string vendor, string setting, string expected)
    {
        var (code, stdout, _) = Bash("source scripts/engine.sh; engine_mkl_preload", ("HOMEWORK_CPU_VENDOR", vendor), ("HOMEWORK_MKL_PRELOAD", setting));
        Assert.Equal(0, code);
        Assert.Equal(expected, stdout.Trim());
        var env = Bash("source scripts/engine.sh; engine_env torchsharp", ("HOMEWORK_CPU_VENDOR", vendor), ("HOMEWORK_MKL_PRELOAD", setting)).stdout;
        Assert.Equal(expected.StartsWith("on", StringComparison.Ordinal), env.Contains("mkl_intel_cpu.so", StringComparison.Ordinal));
    }

    [Fact]
    public void BadEngineSettingsAreOneLineAndExitCode2()
    {
        var engine = Bash("./homework info --probe", ("HOMEWORK_ENGINE", "cuda"));
        Assert.Equal(2, engine.code);
        Assert.Equal("homework: HOMEWORK_ENGINE='cuda' is not an engine; use torchsharp (the default) or debian-libtorch", engine.stderr.Trim());
        var flag = Bash("./homework --engine");
        Assert.Equal(2, flag.code);
        Assert.Contains("--engine needs a name", flag.stderr);
        var preload = Bash("./homework info --probe", ("HOMEWORK_MKL_PRELOAD", "maybe"));
        Assert.Equal(2, preload.code);
        Assert.Contains("HOMEWORK_MKL_PRELOAD='maybe' is not on, off or auto", preload.stderr);
    }

    [Fact]
    public void TheDefaultEngineIsTorchSharpAndSaysSo()
    {
        var (code, stdout, stderr) = Bash("./homework info");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("engine: TorchSharp-cpu 0.107.0 (libtorch 2.10.0)", stdout);
        Assert.Contains("BLAS: oneMKL", stdout);
        Assert.Contains("MKL CPU-check preload:", stdout);
        var chosen = Bash("./homework --engine debian-libtorch info --probe");
        Assert.True(chosen.code == 0, chosen.stderr);
        Assert.StartsWith("debian-libtorch, our binding of Debian's libtorch 1.13", chosen.stdout);
    }

    [Fact]
    public void AfterABuildTheLauncherStartsWithoutRebuildingOrPrintingMsBuild()
    {
        // ./test has built both engines: what MSBuild generated under obj/ and bin/ must not count as a changed source.
        foreach (var engine in (string[])["torchsharp", "debian-libtorch"])
        {
            Bash("./homework list", ("HOMEWORK_ENGINE", engine));
            var (code, stdout, stderr) = Bash("./homework list", ("HOMEWORK_ENGINE", engine));
            Assert.True(code == 0, stderr);
            Assert.Contains("cs229-w25/q4-mnist", stdout);
            Assert.Equal("", stderr.Trim());
            Assert.DoesNotContain("Build succeeded", stdout);
        }
    }

    [Fact]
    public void WhenTorchSharpCannotStartTheLauncherSaysWhyInOneLineAndRunsOnDebianLibTorch()
    {
        // The runtime folder cannot be made (its path is a file), so TorchSharp cannot start on a libstdc++ without 3.4.32.
        var blocked = Fake("not-a-folder", "");
        var debian12 = Fake("libstdc++-gcc12.so.6", "\0GLIBCXX_3.4.30\0");
        var (code, stdout, stderr) = Bash("./homework info --probe",
            ("HOMEWORK_LIBSTDCXX", debian12), ("HOMEWORK_TORCHSHARP_RUNTIME", Path.Combine(blocked, "runtime")));
        Assert.True(code == 0, stderr);
        Assert.StartsWith("debian-libtorch", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("homework: TorchSharp cannot start here (torchsharp-runtime: ", line);
        Assert.EndsWith("running on debian-libtorch (HOMEWORK_ENGINE=debian-libtorch says so outright)", line);

        // Asked for by name, the user is told the choice cannot be honoured.
        var asked = Bash("./homework --engine torchsharp info --probe",
            ("HOMEWORK_LIBSTDCXX", debian12), ("HOMEWORK_TORCHSHARP_RUNTIME", Path.Combine(blocked, "runtime")));
        Assert.True(asked.code == 0, asked.stderr);
        Assert.StartsWith("homework: HOMEWORK_ENGINE=torchsharp cannot be honoured: torchsharp-runtime: ", asked.stderr.Trim());
    }

    [Fact]
    public void WhereTheNativeLibraryFailsToLoadTheProbeCatchesIt()
    {
        // Claim the system libstdc++ will do. Where it really lacks GLIBCXX_3.4.32 (Debian 12), TorchSharp's native
        // library fails to load, and the probe must catch that; where it has it, TorchSharp must start on it.
        var claims = Fake("libstdc++-claims.so.6", "\0GLIBCXX_3.4.32\0");
        var real = Bash("source scripts/engine.sh; HOMEWORK_LIBSTDCXX= engine_torchsharp_runtime").stdout.Trim();
        var (code, stdout, stderr) = Bash("./homework info --probe", ("HOMEWORK_LIBSTDCXX", claims));
        Assert.True(code == 0, stderr);
        if (real == "runtime-folder")
        {
            Assert.StartsWith("debian-libtorch", stdout);
            Assert.Matches(@"^homework: TorchSharp cannot start here \(its native library does not start: .+\); running on debian-libtorch", stderr.Trim());
        }
        else
        {
            Assert.StartsWith("TorchSharp-cpu", stdout);
            Assert.Equal("", stderr.Trim());
        }
    }

    // One epoch's numbers from a checkpoint sidecar (.train.json "State"."Metrics", docs/dat-format.md).
    private static Dictionary<string, double[]> History(string checkpoints, string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(checkpoints, "cs229-w25", "q4-mnist", file)));
        return doc.RootElement.GetProperty("State").GetProperty("Metrics").EnumerateObject()
            .Where(m => m.Name is "train_loss" or "train_accuracy" or "val_loss" or "val_accuracy")
            .ToDictionary(m => m.Name, m => m.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }

    private (Dictionary<string, double[]> plain, Dictionary<string, double[]> l2, string page, string output) QuickQ4(string name, int seed, params (string, string)[] env)
    {
        var reports = Path.Combine(tmp.FullName, name, "reports");
        var checkpoints = Path.Combine(tmp.FullName, name, "checkpoints");
        var (code, stdout, stderr) = Bash($"./homework run cs229-w25/q4-mnist --quick --seed {seed} --reports '{reports}' --checkpoints '{checkpoints}'", env);
        Assert.True(code == 0, $"{name}: {stderr}");
        return (History(checkpoints, "quick-mlp-autograd.train.json"), History(checkpoints, "quick-mlp-l2-autograd.train.json"),
            File.ReadAllText(Path.Combine(reports, "quick", "cs229-w25", "q4-mnist", "index.html")), stdout);
    }

    // Two float32 runs of the same seeded computation on other kernels: the same numbers up to summation order.
    // Losses within 1e-3 relative, accuracies within 0.002 (10 of the quick run's 5,000 images).
    private static void AssertSameHistory(Dictionary<string, double[]> a, Dictionary<string, double[]> b, string what)
    {
        foreach (var (name, values) in a)
        {
            Assert.Equal(values.Length, b[name].Length);
            for (var i = 0; i < values.Length; i++)
            {
                var tolerance = name.EndsWith("loss", StringComparison.Ordinal) ? 1e-3 * Math.Abs(values[i]) : 0.002;
                Assert.True(Math.Abs(values[i] - b[name][i]) <= tolerance, $"{what}: {name}[{i}] {values[i]} vs {b[name][i]} (tolerance {tolerance:G3})");
            }
        }
    }

    [Fact]
    public void ASeededQuickQ4RunAgreesOnBothEnginesAndWithAndWithoutThePreload()
    {
        var withPreload = QuickQ4("torchsharp-preload", 0, ("HOMEWORK_MKL_PRELOAD", "on"));
        var withoutPreload = QuickQ4("torchsharp-plain", 0, ("HOMEWORK_MKL_PRELOAD", "off"));
        var debian = QuickQ4("debian-libtorch", 0, ("HOMEWORK_ENGINE", "debian-libtorch"));
        AssertSameHistory(withPreload.plain, withoutPreload.plain, "TorchSharp with/without the preload, unregularised");
        AssertSameHistory(withPreload.l2, withoutPreload.l2, "TorchSharp with/without the preload, L2");
        AssertSameHistory(withPreload.plain, debian.plain, "TorchSharp vs debian-libtorch, unregularised");
        AssertSameHistory(withPreload.l2, debian.l2, "TorchSharp vs debian-libtorch, L2");
        // The tolerance tells runs apart: another seed is outside it.
        var otherSeed = QuickQ4("torchsharp-seed1", 1, ("HOMEWORK_MKL_PRELOAD", "on"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSameHistory(withPreload.plain, otherSeed.plain, "seed 0 vs seed 1"));
        // Each page names its engine, and its git commit came from a git that did not inherit the runtime folder.
        Assert.Contains("TorchSharp-cpu 0.107.0 (libtorch 2.10.0)", withPreload.page);
        Assert.Contains("on TorchSharp-cpu 0.107.0 (libtorch 2.10.0)", withPreload.output);
        Assert.Contains("debian-libtorch, our binding of Debian&#39;s libtorch 1.13", debian.page);
        Assert.DoesNotContain("unknown (", withPreload.page);
    }
}
