// Tests of Tensor.cs: building tensors from C# data, bulk copies out, item, metadata, ToString, disposal.
// Math, shape and autograd members are tested in the Tensor.*Tests.cs files.
namespace Homework.Binding.Tests;

public class TensorTests
{
    [Fact]
    public void ArraysWithAShapeAreLaidOutRowMajor()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 1f, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal([2L, 3], t.shape);
        Assert.Equal(2, t.ndim);
        Assert.Equal(6, t.numel());
        Assert.Equal(3, t.size(1));
        Assert.Equal(2, t.size(-2));
        Assert.Equal(6f, t[1, 2].item<float>());
        Assert.Equal(4f, t[1, 0].item<float>());
        var m = tensor(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Assert.Equal([3L, 2], m.shape);
        Assert.Equal(ScalarType.Float64, m.dtype);
        Assert.Equal(3.0, m[1, 0].item<double>());
        Assert.Equal(ScalarType.Int64, tensor(new long[] { 1, 2 }).dtype);
        Assert.Equal(ScalarType.Int32, tensor(new[] { 1, 2 }).dtype);
        Assert.Equal(ScalarType.Bool, tensor(new[] { true, false }).dtype);
        Assert.Equal(ScalarType.Byte, tensor(new byte[] { 1, 2 }).dtype);
    }

    [Fact]
    public void EmptyTensorsRoundTrip()
    {
        using var scope = NewDisposeScope();
        var e = tensor(Array.Empty<float>());
        Assert.Equal([0L], e.shape);
        Assert.Equal(0, e.numel());
        Assert.Empty(e.data<float>());
        Assert.Equal(0f, e.sum().item<float>());
        var z = zeros(0, 3);
        Assert.Equal([0L, 3], z.shape);
        Assert.Equal([3L], z.sum(dim: 0).shape);
        Assert.Equal([0f, 0, 0], z.sum(dim: 0).data<float>());
    }

    [Fact]
    public void AShapeThatDoesNotFitTheDataIsRejectedWithBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => tensor(new[] { 1f, 2, 3 }, [2, 2]));
        Assert.Contains("3 values do not fill shape [2, 2] (4 elements)", e.Message);
    }

    [Fact]
    public void TheDataIsCopiedSoLaterArrayWritesDoNotReachTheTensor()
    {
        using var scope = NewDisposeScope();
        var data = new[] { 1.0, 2.0 };
        var t = tensor(data);
        data[0] = 99;
        Assert.Equal([1.0, 2.0], t.data<double>());
    }

    [Fact]
    public void ADtypeArgumentConvertsOnCreation()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 1.5, -2.5 }, dtype: float32);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal([1.5f, -2.5f], t.data<float>());
        var g = tensor(new[] { 1f, 2f }, dtype: float64, requires_grad: true);
        Assert.Equal(ScalarType.Float64, g.dtype);
        Assert.True(g.requires_grad);
        Assert.True(g.is_leaf);
    }

    [Fact]
    public void SpansGoInAndOutInBulkForEveryElementType()
    {
        using var scope = NewDisposeScope();
        ReadOnlySpan<float> fs = [0.5f, 1.5f, 2.5f, 3.5f];
        var f = tensor(fs, [2, 2]);
        Span<float> fout = stackalloc float[4];
        f.CopyTo(fout);
        Assert.True(fs.SequenceEqual(fout));

        ReadOnlySpan<double> ds = [1e-300, -2.0, Math.PI];
        var d = tensor(ds, [3]);
        Assert.Equal(ds.ToArray(), d.data<double>());

        ReadOnlySpan<long> ls = [long.MaxValue, long.MinValue, 0];
        var l = tensor(ls, [3]);
        Assert.Equal(ls.ToArray(), l.data<long>());

        ReadOnlySpan<byte> bs = [0, 128, 255];
        Assert.Equal(bs.ToArray(), tensor(bs, [3]).data<byte>());
    }

    [Fact]
    public void CopyToConvertsTheElementType()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new[] { 1.75f, -1.75f });
        var asDouble = new double[2];
        f.CopyTo<double>(asDouble);
        Assert.Equal([1.75, -1.75], asDouble);
        var asLong = new long[2];
        f.CopyTo<long>(asLong);
        Assert.Equal([1L, -1L], asLong); // truncation toward zero, as .to(int64)
    }

    [Fact]
    public void DataAndItemRequireTheTensorsOwnElementTypeAsTorchSharpDoes()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => tensor(new[] { 1.75f }).data<double>());
        Assert.Equal("Double is not compatible with Float32", e.Message);
        Assert.Throws<ArgumentException>(() => tensor(new long[] { 1 }).item<float>());
        Assert.Throws<ArgumentException>(() => tensor(2.5).item<float>());
        Assert.Equal([1.0f, 2f], tensor(new long[] { 1, 2 }).to(float32).data<float>());
    }

    [Fact]
    public void CopyOutOfANonContiguousViewFollowsItsLogicalOrder()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]).t();
        Assert.False(t.is_contiguous());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], t.data<double>());
    }

    [Fact]
    public void CopyToADestinationOfTheWrongLengthNamesBothLengths()
    {
        using var scope = NewDisposeScope();
        var t = zeros(3);
        var e = Assert.Throws<ArgumentException>(() => t.CopyTo(new float[2].AsSpan()));
        Assert.Contains("destination holds 2 elements but the tensor has 3", e.Message);
    }

    [Fact]
    public void AsSpanWritesThroughToTheTensor()
    {
        using var scope = NewDisposeScope();
        var t = zeros(2, 2, float64);
        var span = t.AsSpan<double>();
        span[3] = 7;
        Assert.Equal(7.0, t[1, 1].item<double>());
        Assert.Throws<InvalidOperationException>(() => t.AsSpan<float>());
        Assert.Throws<InvalidOperationException>(() => t.t().AsSpan<double>());
    }

    [Fact]
    public void ItemReadsTheValueAndToDoubleConverts()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(2.5f, tensor(2.5f).item<float>());
        Assert.Equal(2.5, tensor(2.5).item<double>());
        Assert.Equal(42L, tensor(new long[] { 42 }).item<long>());
        Assert.Equal(-3, tensor(new long[] { -3 }).to(int32).item<int>());
        Assert.True(tensor(new[] { true }).item<bool>());
        Assert.False(tensor(0.0, @bool).item<bool>());
        Assert.Equal(3.5, tensor(new[] { 3.5f }).ToDouble());
        Assert.Equal(7L, tensor(new long[] { 7 }).ToInt64());
    }

    [Fact]
    public void ItemOfSeveralElementsIsRefused()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => zeros(3).item<float>());
        Assert.Equal("Number of elements in the tensor must be 1", e.Message);
    }

    [Fact]
    public void ToStringShowsShapeTypeAndValues()
    {
        using var scope = NewDisposeScope();
        var s = tensor(new[] { 1f, 2.5f, -3, 4 }, [2, 2]).ToString();
        Assert.Equal("[2x2], type = float32, device = cpu\n[[1, 2.5],\n [-3, 4]]", s);
        Assert.Equal("[3], type = int64, device = cpu\n[1, 2, 3]", tensor(new long[] { 1, 2, 3 }).ToString());
        Assert.Equal("[2], type = bool, device = cpu\n[True, False]", tensor(new[] { true, false }).ToString());
        Assert.Equal("[], type = float64, device = cpu\n0.125", tensor(0.125, float64).ToString());
    }

    [Fact]
    public void ToStringOfALargeTensorShowsOnlyTheHeader()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("[10x101], type = float32, device = cpu", zeros(10, 101).ToString());
    }

    [Fact]
    public void ADisposedTensorRaisesObjectDisposedExceptionAndPrintsAsDisposed()
    {
        var t = ones(2);
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        Assert.Throws<ObjectDisposedException>(() => t + t);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Throws<ObjectDisposedException>(() => t.data<float>());
        Assert.Throws<ObjectDisposedException>(() => cat([t]));
        Assert.Equal("tensor(<disposed>)", t.ToString());
        t.Dispose(); // a second Dispose is harmless
    }

    [Fact]
    public void AViewOutlivesTheDisposedTensorItCameFrom()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1.0, 2, 3, 4 });
        var v = a.view(2, 2);
        a.Dispose();
        Assert.Equal([1.0, 2, 3, 4], v.data<double>());
    }
}
