// Reads tests/fixtures/ops/ops.json (written by make_ops.py with Debian's PyTorch) into tensors.
// Test plumbing only: no expected value is computed here.
using System.Text.Json;
using Homework.TestSupport;

namespace Homework.Binding.Tests;

/// <summary>The PyTorch-produced cases in tests/fixtures/ops/ops.json.</summary>
internal static class OpsFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("ops", "ops.json"))).RootElement);

    /// <summary>A top-level case, or a member of a group when <paramref name="member"/> is given.</summary>
    public static torch.Tensor Tensor(string name, string? member = null)
    {
        var e = Root.Value.GetProperty(name);
        if (member is not null) e = e.GetProperty(member);
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        var values = e.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var dtype = e.GetProperty("dtype").GetString() switch
        {
            "float32" => torch.float32,
            "float64" => torch.float64,
            "int64" => torch.int64,
            "bool" => torch.@bool,
            var other => throw new InvalidDataException($"ops.json: unsupported dtype {other} in {name}"),
        };
        // float64 carries every float32 and int64 value of the fixture exactly.
        return torch.tensor(values, shape, dtype);
    }
}
