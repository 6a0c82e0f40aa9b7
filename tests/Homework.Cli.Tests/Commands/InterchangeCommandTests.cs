// `homework export` / `import` as a user types them: one line and exit code 2 for what cannot be done, and on
// debian-libtorch the one line that says these need the TorchSharp engine. The round trips with PyTorch are in
// tests/Homework.Checkpoints.Tests/PyTorchStateDictTests.cs.
namespace Homework.Cli.Tests.Commands;

public sealed class InterchangeCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("homework-interchange-");

    public void Dispose() => dir.Delete(recursive: true);

    private static void AssertOneLine(string[] args, string mustContain)
    {
        var (code, _, stderr) = BadInputTests.Homework(args);
        var shown = $"homework {string.Join(' ', args)} -> exit {code}: {stderr}";
        Assert.True(code == 2, shown);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(mustContain, line);
        Assert.DoesNotContain("   at ", stderr);
    }

#if TORCHSHARP
    [Fact]
    public void BadFilesAreOneLineAndExitCode2()
    {
        var missing = Path.Combine(dir.FullName, "none.dat");
        AssertOneLine(["export", missing, "--to", Path.Combine(dir.FullName, "a.pt")], "none.dat does not exist");
        var garbage = Path.Combine(dir.FullName, "garbage.dat");
        File.WriteAllBytes(garbage, [0x05, 0x01]);
        AssertOneLine(["export", garbage, "--to", Path.Combine(dir.FullName, "a.safetensors")], "the file is truncated");
        AssertOneLine(["export", garbage, "--to", Path.Combine(dir.FullName, "a.onnx")], "is neither a .safetensors nor a .pt file");
        var notPt = Path.Combine(dir.FullName, "text.pt");
        File.WriteAllText(notPt, "not a pickle");
        AssertOneLine(["import", notPt, "--to", Path.Combine(dir.FullName, "b.dat")], "is not a .pt state dict that can be read");
        Assert.False(File.Exists(Path.Combine(dir.FullName, "b.dat")));
    }
#else
    [Fact]
    public void OnDebianLibTorchBothCommandsSayTheyNeedTorchSharp()
    {
        AssertOneLine(["export", "a.dat", "--to", "a.pt"], "export needs the TorchSharp engine");
        AssertOneLine(["import", "a.pt", "--to", "a.dat"], "import needs the TorchSharp engine");
    }
#endif
}
