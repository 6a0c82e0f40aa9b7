// Tests that libtorch errors surface as TorchException with libtorch's own message, and the process lives on.
// Each assertion names a fragment of the text libtorch 1.13 raises for that mistake.
namespace Homework.Binding.Tests;

public class TorchExceptionTests
{
    [Fact]
    public void MatmulShapeMismatch()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(2, 3).matmul(ones(4, 5)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
    }

    [Fact]
    public void MmInnerSizeMismatch()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(2, 3).mm(ones(2, 3)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", e.Message);
    }

    [Fact]
    public void DtypeMismatch()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(2, 3).matmul(ones([3, 2], float64)));
        Assert.Contains("expected scalar type Float but found Double", e.Message);
        var cast = Assert.Throws<TorchException>(() => ones([3], int64).add_(ones(3)));
        Assert.Contains("result type Float can't be cast to the desired output type Long", cast.Message);
    }

    [Fact]
    public void OutOfRangeIndex()
    {
        using var scope = NewDisposeScope();
        var x = ones(3);
        var e = Assert.Throws<TorchException>(() => x[5]);
        Assert.Contains("index 5 out of range for tensor of size [3] at dimension 0", e.Message);
        var sel = Assert.Throws<TorchException>(() => x.index_select(0, tensor(new long[] { 0, 7 })));
        Assert.Contains("out of range", sel.Message);
        var dim = Assert.Throws<TorchException>(() => x.sum(3));
        Assert.Contains("Dimension out of range (expected to be in range of [-1, 0], but got 3)", dim.Message);
    }

    [Fact]
    public void BroadcastMismatchAndBadView()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(3) + ones(4));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0", e.Message);
        var v = Assert.Throws<TorchException>(() => ones(2, 3).view(4));
        Assert.Contains("shape '[4]' is invalid for input of size 6", v.Message);
        var nv = Assert.Throws<TorchException>(() => ones(2, 3).t().view(6));
        Assert.Contains("view size is not compatible with input tensor's size and stride", nv.Message);
    }

    [Fact]
    public void SingularMatrix()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => linalg.inv(zeros([2, 2], float64)));
        Assert.Contains("singular", e.Message);
    }

    [Fact]
    public void TheMessageCarriesNoNativeBacktraceAndTheProcessKeepsWorking()
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < 1000; i++)
        {
            var e = Assert.Throws<TorchException>(() => ones(2, 3).matmul(ones(4, 5)));
            Assert.DoesNotContain("frame #", e.Message);
        }
        Assert.Equal(6.0, ones([2, 3], float64).sum().item<double>());
    }

    [Fact]
    public void ErrorsOnOneThreadDoNotLeakIntoAnother()
    {
        // The pending message is thread-local in the shim: a failure here must not be reported there.
        using var scope = NewDisposeScope();
        Assert.Throws<TorchException>(() => ones(2).matmul(ones(3)));
        string? other = null;
        var thread = new Thread(() =>
        {
            using var s = NewDisposeScope();
            var e = Assert.Throws<TorchException>(() => ones(3, 3).mm(ones(2, 2)));
            other = e.Message;
        });
        thread.Start();
        thread.Join();
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (3x3 and 2x2)", other);
    }
}
