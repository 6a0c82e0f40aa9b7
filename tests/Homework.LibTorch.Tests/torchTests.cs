// Tests of torch.cs: creation functions, the seeded generator against PyTorch, free functions, grad mode.
// Not tensor methods (Tensor*Tests.cs) nor scopes (DisposeScopeTests.cs).
using Homework.TestSupport;

namespace Homework.Binding.Tests;

/// <summary>Tests that reseed libtorch's global generator; nothing else may draw from it meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide state (generator, RSS)";
}

public class torchTests
{
    [Fact]
    public void ZerosOnesFullHaveShapeDtypeAndValue()
    {
        using var scope = NewDisposeScope();
        var z = zeros(2, 3);
        Assert.Equal([2L, 3], z.shape);
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.All(z.data<float>(), v => Assert.Equal(0f, v));
        var o = ones([4], float64);
        Assert.Equal(ScalarType.Float64, o.dtype);
        Assert.All(o.data<double>(), v => Assert.Equal(1.0, v));
        var f = full([2, 2], -2.5, int64);
        Assert.Equal(ScalarType.Int64, f.dtype);
        Assert.All(f.data<long>(), v => Assert.Equal(-2L, v)); // -2.5 truncates toward zero, as in PyTorch
        var e = empty([3, 1]);
        Assert.Equal([3L, 1], e.shape);
        var zl = zeros_like(f);
        Assert.Equal([2L, 2], zl.shape);
        Assert.Equal(ScalarType.Int64, zl.dtype);
        Assert.All(zl.data<long>(), v => Assert.Equal(0L, v));
        Assert.Equal([1L, 1, 1, 1], ones_like(f).data<long>());
        Assert.All(full_like(o, 7).data<double>(), v => Assert.Equal(7.0, v));
    }

    [Fact]
    public void EyeIsIdentityAndRectangularEyeHasOnesOnTheDiagonal()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], eye(3, dtype: float64).data<double>());
        Assert.Equal([1f, 0, 0, 0, 1, 0], eye(2, 3).data<float>());
    }

    [Fact]
    public void ArangeCountsUpAndInfersItsDtypeLikePyTorch()
    {
        using var scope = NewDisposeScope();
        var i = arange(5);
        Assert.Equal(ScalarType.Int64, i.dtype);
        Assert.Equal([0L, 1, 2, 3, 4], i.data<long>());
        Assert.Equal([2L, 5, 8], arange(2, 10, 3).data<long>());
        // A fractional bound or step makes the default float dtype (PyTorch's inference).
        var f = arange(0, 1, 0.25);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], f.data<float>());
        Assert.Equal([1.0, 0.5, 0.0, -0.5], arange(1, -1, -0.5, float64).data<double>());
    }

    [Fact]
    public void LinspaceIncludesBothEnds()
    {
        using var scope = NewDisposeScope();
        var l = linspace(-1, 1, 5, float64);
        Assert.Equal([-1.0, -0.5, 0, 0.5, 1], l.data<double>());
        Assert.Equal(ScalarType.Float32, linspace(0, 1, 3).dtype);
    }

    [Fact]
    public void ScalarTensorIsZeroDimensional()
    {
        using var scope = NewDisposeScope();
        var s = tensor(3.5, float64);
        Assert.Empty(s.shape);
        Assert.Equal(1, s.numel());
        Assert.Equal(3.5, s.item<double>());
    }

    [Fact]
    public void RandHasUniformMomentsAndStaysInItsInterval()
    {
        using var scope = NewDisposeScope();
        var u = rand([200_000], float64).data<double>();
        Assert.All(u, v => Assert.InRange(v, 0.0, 1.0 - double.Epsilon));
        // Mean 1/2 and variance 1/12; five standard errors of the sample mean is ~3.2e-3.
        Assert.InRange(u.Average(), 0.5 - 3.3e-3, 0.5 + 3.3e-3);
        Assert.InRange(u.Select(v => (v - 0.5) * (v - 0.5)).Average(), 1.0 / 12 - 2e-3, 1.0 / 12 + 2e-3);
    }

    [Fact]
    public void RandnHasStandardNormalMoments()
    {
        using var scope = NewDisposeScope();
        var z = randn([200_000], float64);
        // Standard error of the mean is 1/sqrt(2e5) = 2.2e-3; of the variance sqrt(2/2e5) = 3.2e-3.
        Assert.InRange(z.mean().item<double>(), -0.011, 0.011);
        Assert.InRange(z.var().item<double>(), 1 - 0.016, 1 + 0.016);
        // P(|Z| < 1) = 0.6827.
        Assert.InRange(z.abs().lt(1).to(float64).mean().item<double>(), 0.6827 - 0.006, 0.6827 + 0.006);
    }

    [Fact]
    public void RandintCoversItsRangeAndRandpermIsAPermutation()
    {
        using var scope = NewDisposeScope();
        var r = randint(3, 7, [10_000]);
        Assert.Equal(ScalarType.Int64, r.dtype);
        var values = r.data<long>();
        Assert.All(values, v => Assert.InRange(v, 3L, 6L));
        Assert.Equal([3L, 4, 5, 6], values.Distinct().Order().ToArray());
        var p = randperm(50).data<long>();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), p.Order());
    }
}

/// <summary>libtorch's generator is PyTorch's: the same seed gives the same bits as the committed PyTorch run.</summary>
[Collection(ProcessWideCollection.Name)]
public class torchSeededTests
{
    [Fact]
    public void ManualSeedZeroReproducesPyTorchsSequenceExactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        // The same calls, in the same order, as make_ops.py's "random_sequence".
        var drawn = new (string name, torch.Tensor value)[]
        {
            ("randn_2x3_float32", randn(2, 3)),
            ("randn_20_float32", randn(20)),
            ("rand_5_float32", rand(5)),
            ("randn_4_float64", randn([4], float64)),
            ("randint_0_10_6", randint(0, 10, [6])),
            ("randperm_8", randperm(8)),
        };
        foreach (var (name, value) in drawn)
        {
            var expected = OpsFixture.Tensor("random_sequence", name);
            Assert.Equal(expected.dtype, value.dtype);
            TensorAssert.Close(name, value, expected, Tolerance.Exact);
        }
    }

    [Fact]
    public void ReseedingRepeatsTheSequence()
    {
        using var scope = NewDisposeScope();
        manual_seed(1234);
        var a = randn(100).data<float>();
        manual_seed(1234);
        var b = randn(100).data<float>();
        var c = randn(100).data<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(b, c);
    }
}

public class torchFreeFunctionTests
{
    [Fact]
    public void CatJoinsAlongAnExistingDimAndStackAddsOne()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1f, 2, 3, 4 }, [2, 2]);
        var b = tensor(new[] { 5f, 6 }, [1, 2]);
        var c0 = cat([a, b], 0);
        Assert.Equal([3L, 2], c0.shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], c0.data<float>());
        var c1 = cat([a, a], 1);
        Assert.Equal([1f, 2, 1, 2, 3, 4, 3, 4], c1.data<float>());
        var s0 = stack([a, a * 10], 0);
        Assert.Equal([2L, 2, 2], s0.shape);
        Assert.Equal([1f, 2, 3, 4, 10, 20, 30, 40], s0.data<float>());
        var s2 = stack([a, a * 10], 2);
        Assert.Equal([2L, 2, 2], s2.shape);
        Assert.Equal([1f, 10, 2, 20, 3, 30, 4, 40], s2.data<float>());
    }

    [Fact]
    public void WherePicksFromXWhereTrueElseY()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, -2, 3, -4 });
        var r = where(x.gt(0), x, x * 100);
        Assert.Equal([1.0, -200, 3, -400], r.data<double>());
    }

    [Fact]
    public void OneHotMakesInt64RowsAndInfersTheClassCount()
    {
        using var scope = NewDisposeScope();
        var h = torch.nn.functional.one_hot(tensor(new long[] { 2, 0, 1 }), 4);
        Assert.Equal([3L, 4], h.shape);
        Assert.Equal(ScalarType.Int64, h.dtype);
        Assert.Equal([0L, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0], h.data<long>());
        Assert.Equal([2L, 4], torch.nn.functional.one_hot(tensor(new long[] { 3, 1 })).shape);
    }

    [Fact]
    public void Im2colAndCol2imMatchPyTorchsUnfoldAndFold()
    {
        using var scope = NewDisposeScope();
        var img = OpsFixture.Tensor("im2col_input");
        var cols = torch.nn.functional.unfold(img, (2, 3), (1, 1), (1, 1), (2, 1));
        TensorAssert.Close("im2col", cols, OpsFixture.Tensor("im2col"), Tolerance.Float64);
        var back = torch.nn.functional.fold(cols, (4, 5), (2, 3), (1, 1), (1, 1), (2, 1));
        TensorAssert.Close("col2im", back, OpsFixture.Tensor("col2im"), Tolerance.Float64);
    }

    [Fact]
    public void Im2colOfA1x1KernelIsAReshape()
    {
        // With a 1x1 kernel each column is one pixel's channel vector: (N, C, H, W) -> (N, C, H*W).
        using var scope = NewDisposeScope();
        var img = arange(0, 24, 1, float32).reshape(2, 3, 2, 2);
        TensorAssert.Close("1x1 im2col", torch.nn.functional.unfold(img, (1, 1), (1, 1), (0, 0), (1, 1)), img.reshape(2, 3, 4), Tolerance.Exact);
    }

    [Fact]
    public void NoGradStopsRecordingAndRestoresTheMode()
    {
        using var scope = NewDisposeScope();
        var w = ones([2], requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            var y = w * 3;
            Assert.False(y.requires_grad);
            using (enable_grad()) Assert.True((w * 3).requires_grad);
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
        Assert.True((w * 3).requires_grad);
    }

    [Fact]
    public void ThreadCountCanBeSetAndRead()
    {
        var before = get_num_threads();
        try
        {
            set_num_threads(1);
            Assert.Equal(1, get_num_threads());
        }
        finally { set_num_threads(before); }
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void SettingTheThreadCountSizesOpenBlasPoolToo()
    {
        // Debian's libtorch links OpenBLAS: one process-wide pool that set_num_threads must size as well.
        var before = get_num_threads();
        try
        {
            set_num_threads(1);
            Assert.Equal(1, openblas_get_num_threads());
            set_num_threads(2);
            Assert.Equal(2, openblas_get_num_threads());
        }
        finally { set_num_threads(before); }
    }

    [System.Runtime.InteropServices.DllImport("libopenblas.so.0")]
    private static extern int openblas_get_num_threads();
}
