// Reads the PyTorch-generated fixtures in tests/fixtures/nn (see make_fixtures.py there) into tensors, on either
// backend. Test plumbing only: no expected value is computed here.
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.TestSupport;

/// <summary>The JSON fixtures of tests/fixtures/nn as tensors.</summary>
public static class NnFixture
{
    /// <summary>The root element of tests/fixtures/nn/<paramref name="file"/>.</summary>
    public static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllText(Fixtures.Path("nn", file))).RootElement;

    /// <summary>A {dtype, shape, data} object as a tensor of that dtype.</summary>
    public static torch.Tensor ToTensor(this JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => tensor(data.EnumerateArray().Select(v => v.GetDouble()).ToArray(), shape, float32),
            "float64" => tensor(data.EnumerateArray().Select(v => v.GetDouble()).ToArray(), shape, float64),
            "int64" => tensor(data.EnumerateArray().Select(v => (long)v.GetDouble()).ToArray(), shape),
            var other => throw new InvalidOperationException($"fixture dtype {other} not handled"),
        };
    }

    /// <summary>Every entry of an object of tensors, as a state dict.</summary>
    public static Dictionary<string, torch.Tensor> ToStateDict(this JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToTensor());
}
