// Tests of Tensor.Shape.cs: views and reshapes, transposes, slicing through the indexer, selection.
// Values are checked against the row-major layout worked out by hand.
namespace Homework.Binding.Tests;

public class TensorShapeTests
{
    /// <summary>0..23 as a (2, 3, 4) float64 tensor: element [i, j, k] is 12i + 4j + k.</summary>
    private static torch.Tensor Cube() => arange(0, 24, 1, float64).reshape(2, 3, 4);

    [Fact]
    public void ReshapeViewAndFlattenKeepRowMajorOrder()
    {
        using var scope = NewDisposeScope();
        var x = Cube();
        Assert.Equal([2L, 3, 4], x.shape);
        var r = x.reshape(4, -1);
        Assert.Equal([4L, 6], r.shape);
        Assert.Equal(x.data<double>(), r.data<double>());
        var v = x.view(6, 4);
        Assert.Equal([6L, 4], v.shape);
        v[0, 0].fill_(-1); // a view shares storage
        Assert.Equal(-1.0, x[0, 0, 0].item<double>());
        Assert.Equal([24L], x.flatten().shape);
        Assert.Equal([2L, 12], x.flatten(1).shape);
        Assert.Equal([6L, 4], x.flatten(0, 1).shape);
        Assert.Equal([6L, 4], flatten(x, 0, 1).shape);
        Assert.Equal([4L, 6], x.reshape_as(r).shape);
        Assert.Equal([6L, 4], x.view_as(v).shape);
    }

    [Fact]
    public void SqueezeAndUnsqueezeRemoveAndInsertSizeOneDims()
    {
        using var scope = NewDisposeScope();
        var x = zeros([1, 3, 1, 2]);
        Assert.Equal([3L, 2], x.squeeze().shape);
        Assert.Equal([3L, 1, 2], x.squeeze(0).shape);
        Assert.Equal([1L, 3, 1, 2], x.squeeze(1).shape); // not size one: unchanged, as in PyTorch
        Assert.Equal([3L, 2], squeeze(x).shape);
        var v = zeros(3);
        Assert.Equal([1L, 3], v.unsqueeze(0).shape);
        Assert.Equal([3L, 1], v.unsqueeze(-1).shape);
        Assert.Equal([3L, 1], unsqueeze(v, 1).shape);
    }

    [Fact]
    public void TransposesAndPermuteMoveElements()
    {
        using var scope = NewDisposeScope();
        var m = tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal([3L, 2], m.t().shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], m.t().data<double>());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], m.T.data<double>());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], m.transpose(0, 1).data<double>());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], transpose(m, 1, 0).data<double>());
        var x = Cube();
        var p = x.permute(2, 0, 1);
        Assert.Equal([4L, 2, 3], p.shape);
        // p[k, i, j] = x[i, j, k] = 12i + 4j + k.
        Assert.Equal(12 * 1 + 4 * 2 + 3, p[3, 1, 2].item<double>());
        Assert.Equal(12 * 0 + 4 * 1 + 2, p[2, 0, 1].item<double>());
    }

    [Fact]
    public void ExpandRepeatsSizeOneDimsWithoutCopying()
    {
        using var scope = NewDisposeScope();
        var c = tensor(new[] { 1.0, 2 }, [2, 1]);
        var e = c.expand(2, 3);
        Assert.Equal([1.0, 1, 1, 2, 2, 2], e.data<double>());
        Assert.Equal([2L, 3], c.expand_as(zeros(2, 3)).shape);
    }

    [Fact]
    public void IndexerTakesIntegersRangesAndColons()
    {
        using var scope = NewDisposeScope();
        var x = arange(0, 40, 1, float64).reshape(20, 2);
        var head = x[0..10];
        Assert.Equal([10L, 2], head.shape);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), head.data<double>());
        var col = x[.., 1];
        Assert.Equal([20L], col.shape);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 2.0 * i + 1), col.data<double>());
        Assert.Equal([36.0, 37, 38, 39], x[^2..].data<double>());
        Assert.Equal([2.0, 4], x[1..3, 0].data<double>());
        Assert.Equal(39.0, x[19, 1].item<double>());
        Assert.Equal(38.0, x[-1, 0].item<double>());
        Assert.Equal([4.0, 5], x[2].data<double>());
        Assert.Equal([0.0, 10, 20, 30], x[TensorIndex.Slice(0, 20, 5), TensorIndex.Single(0)].data<double>());
        Assert.Equal([3L, 2], x[TensorIndex.Slice(stop: 3), TensorIndex.Colon].shape);
        // Indexing returns a view: writes reach the source.
        x[0..2, 1].fill_(-5);
        Assert.Equal([0.0, -5, 2, -5], x[0..2].data<double>());
    }

    [Fact]
    public void IndexerTakesIndexAndMaskTensors()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 10.0, 11, 12, 13 });
        Assert.Equal([13.0, 10], x[tensor(new long[] { 3, 0 })].data<double>());
        Assert.Equal([11.0, 13], x[x.gt(10).logical_and(x.ne(12))].data<double>());
        var m = arange(0, 6, 1, float64).reshape(3, 2);
        Assert.Equal([4.0, 5, 0, 1], m[tensor(new long[] { 2, 0 })].data<double>());
    }

    [Fact]
    public void NarrowSliceSelectAndIndexSelect()
    {
        using var scope = NewDisposeScope();
        var x = Cube();
        var n = x.narrow(2, 1, 2);
        Assert.Equal([2L, 3, 2], n.shape);
        Assert.Equal([1.0, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22], n.data<double>());
        Assert.Equal([2L, 3, 2], narrow(x, 2, 1, 2).shape);
        Assert.Equal([0.0, 2, 12, 14], x.select(1, 0).slice(1, 0, 4, 2).data<double>());
        var s = x.index_select(1, tensor(new long[] { 2, 0 }));
        Assert.Equal([2L, 2, 4], s.shape);
        Assert.Equal([8.0, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15], s.data<double>());
        Assert.Equal([2L, 2, 4], index_select(x, 1, tensor(new long[] { 2, 0 })).shape);
    }

    [Fact]
    public void MaskedSelectFlattensTheChosenElements()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, -2, 3, -4, 5, -6 }, [2, 3]);
        Assert.Equal([1.0, 3, 5], x.masked_select(x.gt(0)).data<double>());
        Assert.Equal([-2.0, -4, -6], masked_select(x, x.lt(0)).data<double>());
        // The mask broadcasts: a row mask picks columns of every row.
        Assert.Equal([1.0, 3, -4, -6], x.masked_select(tensor(new[] { true, false, true })).data<double>());
    }

    [Fact]
    public void UnfoldMakesSlidingWindows()
    {
        using var scope = NewDisposeScope();
        var x = arange(0, 7, 1, float64);
        var w = x.unfold(0, 3, 2);
        Assert.Equal([3L, 3], w.shape);
        Assert.Equal([0.0, 1, 2, 2, 3, 4, 4, 5, 6], w.data<double>());
        var m = arange(0, 8, 1, float64).reshape(2, 4).unfold(1, 2, 1);
        Assert.Equal([2L, 3, 2], m.shape);
        Assert.Equal([0.0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7], m.data<double>());
    }
}
