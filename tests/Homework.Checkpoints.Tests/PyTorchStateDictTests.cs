#if TORCHSHARP
// `homework export` / `import` against Debian's PyTorch 1.13.1, run live (tests/fixtures/interchange/pytorch_state_dict.py):
// PyTorch loads what we export into the same architecture and computes our logits; what PyTorch saved imports into a
// .dat that our model loads strictly and that computes PyTorch's logits. Bad files are refused and change nothing.
using System.Diagnostics;
using System.Text.Json;
using Homework.Reports;
using Homework.TestSupport;
using Homework.Torch.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Checkpoints.Tests;

public sealed class PyTorchStateDictTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("homework-pytorch-");

    public void Dispose() => dir.Delete(recursive: true);

    private string In(string name) => Path.Combine(dir.FullName, name);

    private static double[][] PyTorch(string mode, string path)
    {
        var psi = SystemProgram.StartInfo("/usr/bin/python3");
        psi.ArgumentList.Add(Fixtures.Path("interchange", "pytorch_state_dict.py"));
        psi.ArgumentList.Add(mode);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"pytorch_state_dict.py {mode} {path}: {stderr.Result}");
        using var doc = JsonDocument.Parse(stdout);
        Assert.StartsWith("1.13", doc.RootElement.GetProperty("torch").GetString());
        return doc.RootElement.GetProperty("logits").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
    }

    // The script's probe input: linspace(-1, 1, 3·784) as (3, 784), float32.
    private static Tensor Logits(SigmoidMlp model)
    {
        using var noGrad = no_grad();
        return model.forward(linspace(-1, 1, 3 * 784, dtype: ScalarType.Float32).reshape(3, 784));
    }

    private static Tensor AsTensor(double[][] rows) => tensor(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length).to(ScalarType.Float32);

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("model.pt")]
    public void PyTorchLoadsTheExportAndComputesOurLogits(string file)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = new SigmoidMlp(784, 300, 10);
        model.save(In("model.dat"));
        Assert.Equal(4, PyTorchStateDict.Export(In("model.dat"), In(file)));
        // Two libtorch versions and BLAS libraries: float32 rounding of a 784-term sum apart.
        TensorAssert.Close($"PyTorch's logits from {file}", AsTensor(PyTorch("load", In(file))), Logits(model), Tolerance.Float32);
    }

    [Theory]
    [InlineData("torch.safetensors")]
    [InlineData("torch.pt")]
    public void WhatPyTorchSavedImportsAndGivesPyTorchsLogits(string file)
    {
        using var scope = NewDisposeScope();
        var expected = AsTensor(PyTorch("save", dir.FullName));
        Assert.Equal(4, PyTorchStateDict.Import(In(file), In("imported.dat")));
        using var model = new SigmoidMlp(784, 300, 10);
        model.load(In("imported.dat"));  // strict: names, dtypes and shapes must be the model's
        TensorAssert.Close($"our logits from {file}", Logits(model), expected, Tolerance.Float32);
    }

    [Theory]
    [InlineData("garbage.pt", "is not a .pt state dict that can be read")]
    [InlineData("garbage.safetensors", "is not a .safetensors state dict that can be read")]
    public void AFileThatIsNoStateDictIsRefusedAndTheCheckpointIsUntouched(string file, string message)
    {
        File.WriteAllBytes(In(file), [0x80, 0x02, 0x7d, 0x71, 0x00, 0x58, 0xff, 0xff]);
        File.WriteAllBytes(In("kept.dat"), [1, 2, 3]);
        var e = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(In(file), In("kept.dat")));
        Assert.Contains(message, e.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(In("kept.dat")));
        Assert.Single(dir.GetFiles("*.dat"));
    }

    [Fact]
    public void ACorruptCheckpointIsNotExported()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = new SigmoidMlp(784, 300, 10);
        model.save(In("model.dat"));
        var bytes = File.ReadAllBytes(In("model.dat"));
        File.WriteAllBytes(In("cut.dat"), bytes[..^5]);
        var e = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Export(In("cut.dat"), In("out.safetensors")));
        Assert.Contains("truncated", e.Message);
        Assert.False(File.Exists(In("out.safetensors")));
        Assert.Throws<CheckpointException>(() => PyTorchStateDict.Export(In("model.dat"), In("out.npz")));
    }
}
#endif
