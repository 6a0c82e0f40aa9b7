// nn.MaxPool2d and functional.max_pool2d forward, indices and gradients against PyTorch (fixtures/nn/pool_dropout.json).
// Float64 random inputs (no ties), so values and routed gradients must agree to rounding.
using System.Text.Json;
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class MaxPool2dTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Cases() =>
        new(NnFixture.Load("pool_dropout.json").GetProperty("max_pool2d").EnumerateObject().Select(p => p.Name));

    private static long[] Pair(JsonElement args, string name, long fallback) =>
        !args.TryGetProperty(name, out var v) ? [fallback, fallback]
        : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(e => e.GetInt64()).ToArray() : [v.GetInt64(), v.GetInt64()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModuleForwardIndicesAndGradientMatchPyTorch(string name)
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("pool_dropout.json").GetProperty("max_pool2d").GetProperty(name);
        var args = f.GetProperty("args");
        var kernel = Pair(args, "kernel_size", 0);
        using var pool = torch.nn.MaxPool2d(kernel, args.TryGetProperty("stride", out _) ? Pair(args, "stride", 0) : null,
            Pair(args, "padding", 0), Pair(args, "dilation", 1), args.TryGetProperty("ceil_mode", out var c) && c.GetBoolean());
        var (y, dx) = NnReplay.ForwardAndGradient(f, pool.call, Tolerance.Float64);
        output.WriteLine($"{name}: max |y - PyTorch| = {y:g3}, max |dx - PyTorch| = {dx:g3}");
        var (values, indices) = pool.forward_with_indices(f.GetProperty("x").ToTensor());
        TensorAssert.Close($"{name} values", values, f.GetProperty("y").ToTensor(), Tolerance.Exact);
        Assert.Equal(f.GetProperty("indices").ToTensor().data<long>().ToArray(), indices.data<long>().ToArray());
    }

    [Fact]
    public void ScalarAndTupleOverloadsAgreeWithTheArrayOne()
    {
        using var scope = NewDisposeScope();
        var x = randn([2, 3, 9, 8], float64);
        var byArrays = torch.nn.functional.max_pool2d(x, [3, 3], [2, 2], [1, 1], [1, 1]);
        TensorAssert.Close("scalar", torch.nn.functional.max_pool2d(x, 3, stride: 2, padding: 1), byArrays, Tolerance.Exact);
        TensorAssert.Close("tuple", torch.nn.functional.max_pool2d(x, (3, 3), stride: (2, 2), padding: (1, 1)), byArrays, Tolerance.Exact);
        TensorAssert.Close("module", torch.nn.MaxPool2d(3, stride: 2, padding: 1).call(x), byArrays, Tolerance.Exact);
        // stride defaults to the kernel: (9 - 2) / 2 + 1 = 4 rows, (8 - 2) / 2 + 1 = 4 columns.
        Assert.Equal([2L, 3L, 4L, 4L], torch.nn.MaxPool2d((2, 2)).call(x).shape);
    }

    [Fact]
    public void ArgumentsThatAreNotPairsAreRefusedWithTheirName()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => torch.nn.functional.max_pool2d(randn([1, 1, 4, 4]), [2, 2, 2]));
        Assert.Contains("kernel_size", e.Message);
    }
}
