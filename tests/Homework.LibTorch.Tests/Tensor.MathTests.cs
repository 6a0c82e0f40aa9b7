// Tests of Tensor.Math.cs: operators, elementwise functions, matmul, reductions, comparisons,
// in-place updates and casts, each against closed-form math or the PyTorch fixture (ops.json).
using Homework.TestSupport;

namespace Homework.Binding.Tests;

public class TensorMathTests
{
    private static readonly double[] A = [1.5, -2, 0.25, 4];
    private static readonly double[] B = [0.5, 3, -1, 2];

    private static double[] Map(double[] x, Func<double, double> f) => x.Select(f).ToArray();
    private static double[] Zip(double[] x, double[] y, Func<double, double, double> f) => x.Zip(y, f).ToArray();

    [Fact]
    public void TensorTensorOperatorsAreElementwise()
    {
        using var scope = NewDisposeScope();
        var a = tensor(A);
        var b = tensor(B);
        Assert.Equal(Zip(A, B, (x, y) => x + y), (a + b).data<double>());
        Assert.Equal(Zip(A, B, (x, y) => x - y), (a - b).data<double>());
        Assert.Equal(Zip(A, B, (x, y) => x * y), (a * b).data<double>());
        Assert.Equal(Zip(A, B, (x, y) => x / y), (a / b).data<double>());
        Assert.Equal(Map(A, x => -x), (-a).data<double>());
        Assert.Equal(Zip(A, B, (x, y) => x + y), a.add(b).data<double>());
        Assert.Equal(Zip(A, B, (x, y) => x * y), a.mul(b).data<double>());
    }

    [Fact]
    public void ScalarOperatorsWorkOnBothSides()
    {
        using var scope = NewDisposeScope();
        var a = tensor(A);
        Assert.Equal(Map(A, x => x + 2), (a + 2).data<double>());
        Assert.Equal(Map(A, x => 2 + x), (2 + a).data<double>());
        Assert.Equal(Map(A, x => x - 2), (a - 2).data<double>());
        Assert.Equal(Map(A, x => 2 - x), (2 - a).data<double>());
        Assert.Equal(Map(A, x => x * 3), (a * 3).data<double>());
        Assert.Equal(Map(A, x => 3 * x), (3 * a).data<double>());
        Assert.Equal(Map(A, x => x / 4), (a / 4).data<double>());
        TensorAssert.Close("s / a", (1 / a).data<double>(), Map(A, x => 1 / x), Tolerance.Float64);
        Assert.Equal(Map(A, x => x - 2), a.sub(2).data<double>());
        Assert.Equal(Map(A, x => x / 4), a.div(4).data<double>());
    }

    [Fact]
    public void BroadcastingFollowsNumpyRules()
    {
        using var scope = NewDisposeScope();
        var col = tensor(new[] { 1.0, 2 }, [2, 1]);
        var row = tensor(new[] { 10.0, 20, 30 }, [1, 3]);
        var s = col + row;
        Assert.Equal([2L, 3], s.shape);
        Assert.Equal([11.0, 21, 31, 12, 22, 32], s.data<double>());
    }

    [Fact]
    public void UnaryFunctionsMatchTheirDefinitions()
    {
        using var scope = NewDisposeScope();
        double[] x = [-3, -0.5, 0, 0.75, 2];
        double[] pos = [0.1, 0.5, 1, 2.5, 9];
        var t = tensor(x);
        var p = tensor(pos);
        var tol = Tolerance.Float64;
        TensorAssert.Close("neg", t.neg().data<double>(), Map(x, v => -v), tol);
        TensorAssert.Close("exp", t.exp().data<double>(), Map(x, Math.Exp), tol);
        TensorAssert.Close("log", p.log().data<double>(), Map(pos, Math.Log), tol);
        TensorAssert.Close("sqrt", p.sqrt().data<double>(), Map(pos, Math.Sqrt), tol);
        TensorAssert.Close("abs", t.abs().data<double>(), Map(x, Math.Abs), tol);
        TensorAssert.Close("sign", t.sign().data<double>(), Map(x, v => Math.Sign(v)), tol);
        TensorAssert.Close("sigmoid", t.sigmoid().data<double>(), Map(x, v => 1 / (1 + Math.Exp(-v))), tol);
        TensorAssert.Close("tanh", t.tanh().data<double>(), Map(x, Math.Tanh), tol);
        TensorAssert.Close("relu", t.relu().data<double>(), Map(x, v => Math.Max(v, 0)), tol);
        TensorAssert.Close("square", t.square().data<double>(), Map(x, v => v * v), tol);
        TensorAssert.Close("pow 3", t.pow(3).data<double>(), Map(x, v => v * v * v), tol);
        TensorAssert.Close("pow 0.5", p.pow(0.5).data<double>(), Map(pos, Math.Sqrt), tol);
        TensorAssert.Close("pow tensor", p.pow(t).data<double>(), Zip(pos, x, Math.Pow), tol);
        TensorAssert.Close("log1p", p.log1p().data<double>(), Map(pos, v => Math.Log(1 + v)), tol);
        TensorAssert.Close("rsqrt", p.rsqrt().data<double>(), Map(pos, v => 1 / Math.Sqrt(v)), tol);
        TensorAssert.Close("reciprocal", p.reciprocal().data<double>(), Map(pos, v => 1 / v), tol);
        TensorAssert.Close("sin", t.sin().data<double>(), Map(x, Math.Sin), tol);
        TensorAssert.Close("cos", t.cos().data<double>(), Map(x, Math.Cos), tol);
        Assert.Equal([-3.0, -1, 0, 0, 2], t.floor().data<double>());
        Assert.Equal([-3.0, -0, 0, 1, 2], t.ceil().data<double>());
        Assert.Equal([-3.0, -0, 0, 1, 2], t.round().data<double>()); // half to even: -0.5 -> -0
    }

    [Fact]
    public void ClampAppliesOnlyTheGivenBounds()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { -3.0, -0.5, 0, 0.75, 2 });
        Assert.Equal([-1.0, -0.5, 0, 0.75, 1], t.clamp(-1, 1).data<double>());
        Assert.Equal([0.0, 0, 0, 0.75, 2], t.clamp(min: 0).data<double>());
        Assert.Equal([-3.0, -0.5, 0, 0.5, 0.5], t.clamp(max: 0.5).data<double>());
        Assert.Equal([-1.0, -0.5, 0, 0.75, 1], t.clamp_(-1, 1).data<double>());
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var x = OpsFixture.Tensor("x");
        TensorAssert.Close("softmax dim 1", x.softmax(1), OpsFixture.Tensor("softmax_dim1"), Tolerance.Float64);
        TensorAssert.Close("softmax dim 0", softmax(x, 0), OpsFixture.Tensor("softmax_dim0"), Tolerance.Float64);
        TensorAssert.Close("log_softmax dim 1", x.log_softmax(1), OpsFixture.Tensor("log_softmax_dim1"), Tolerance.Float64);
        // Rows of a softmax sum to one, and log_softmax is its log.
        TensorAssert.Close("row sums", x.softmax(-1).sum(1), ones([3], float64), Tolerance.Float64);
        TensorAssert.Close("log of softmax", x.softmax(1).log(), x.log_softmax(1), Tolerance.Float64);
    }

    [Fact]
    public void MatmulAndMmMultiplyMatrices()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = tensor(new double[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        double[] expected = [1 * 7 + 2 * 9 + 3 * 11, 1 * 8 + 2 * 10 + 3 * 12, 4 * 7 + 5 * 9 + 6 * 11, 4 * 8 + 5 * 10 + 6 * 12];
        Assert.Equal(expected, a.matmul(b).data<double>());
        Assert.Equal(expected, mm(a, b).data<double>());
        Assert.Equal([14.0, 32], a.matmul(tensor(new[] { 1.0, 2, 3 })).data<double>()); // matrix @ vector
        Assert.Equal(32.0, tensor(new[] { 1.0, 2, 3 }).dot(tensor(new[] { 4.0, 5, 6 })).item<double>());
        var batch = stack([a, a * 2]).bmm(stack([b, b]));
        Assert.Equal([2L, 2, 2], batch.shape);
        Assert.Equal(expected.Concat(expected.Select(v => 2 * v)), batch.data<double>());
        Assert.Equal([3.0, 4, 6, 8], outer(tensor(new[] { 1.0, 2 }), tensor(new[] { 3.0, 4 })).data<double>());
    }

    [Fact]
    public void Float32MatmulOfALargeMatrixAgreesWithADoubleLoop()
    {
        // Large enough that OpenBLAS takes its blocked, threaded path.
        using var scope = NewDisposeScope();
        // Deterministic, generator-free inputs (the seeded tests own the generator).
        var a = arange(0, 130 * 70, 1, float32).reshape(130, 70).mul(0.37).sin();
        var b = arange(0, 70 * 90, 1, float32).reshape(70, 90).mul(0.11).cos();
        var c = a.matmul(b).data<float>();
        var ad = a.data<float>();
        var bd = b.data<float>();
        const int n = 130, k = 70, m = 90;
        var expected = new double[n * m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                double s = 0;
                for (var q = 0; q < k; q++) s += (double)ad[i * k + q] * bd[q * m + j];
                expected[i * m + j] = s;
            }
        // float32 accumulation over k = 70 terms of size ~1: ~1e-5 absolute.
        TensorAssert.Close("matmul", c.Select(v => (double)v).ToArray(), expected, new Tolerance(1e-4, 1e-5, "float32 dot of 70 terms"));
    }

    [Fact]
    public void ReductionsOverAllElements()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 5, -2, 4, 0, 4 }, [2, 3]);
        Assert.Equal(12.0, x.sum().item<double>());
        Assert.Equal(2.0, x.mean().item<double>());
        Assert.Equal(5.0, x.max().item<double>());
        Assert.Equal(-2.0, x.min().item<double>());
        Assert.Equal(1L, x.argmax().item<long>());
        Assert.Equal(2L, x.argmin().item<long>());
        Assert.Equal(0.0, x.prod().item<double>());
        // Sum of squared deviations from 2: 1+9+16+4+4+4 = 38.
        Assert.Equal(38.0 / 5, x.var().item<double>(), 12);
        Assert.Equal(38.0 / 6, x.var(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(38.0 / 5), x.std().item<double>(), 12);
        Assert.Equal(Math.Sqrt(38.0 / 6), x.std(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(1 + 25 + 4 + 16 + 16), x.norm().item<double>(), 12);
        Assert.Equal(16.0, x.norm(1).item<double>(), 12);
        Assert.True(x.ne(100).all().item<bool>());
        Assert.False(x.gt(100).any().item<bool>());
    }

    [Fact]
    public void ReductionsAlongADimWithAndWithoutKeepdim()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 5, -2, 4, 0, 4 }, [2, 3]);
        Assert.Equal([5.0, 5, 2], x.sum(dim: 0).data<double>());
        Assert.Equal([3L], x.sum(dim: 0).shape);
        Assert.Equal([1L, 3], x.sum(0, keepdim: true).shape);
        Assert.Equal([4.0, 8], x.sum(1).data<double>());
        Assert.Equal([2L, 1], x.sum(1, keepdim: true).shape);
        Assert.Equal([12.0], x.sum([0, 1], keepdim: true).data<double>());
        Assert.Equal([1L, 1], x.sum([0, 1], keepdim: true).shape);
        Assert.Equal([2.5, 2.5, 1], x.mean([0]).data<double>());
        Assert.Equal([2L, 1], x.mean([1], keepdim: true).shape);

        var (maxv, maxi) = x.max(1);
        Assert.Equal([5.0, 4], maxv.data<double>());
        Assert.Equal([1L, 0], maxi.data<long>()); // the first of two equal maxima
        var (minv, mini) = x.min(0, keepdim: true);
        Assert.Equal([1L, 3], minv.shape);
        Assert.Equal([1.0, 0, -2], minv.data<double>());
        Assert.Equal([0L, 1, 0], mini.data<long>());
        Assert.Equal([1L, 0], x.argmax(1).data<long>());
        Assert.Equal([2L, 1], x.argmax(1, keepdim: true).shape);
        Assert.Equal([2L, 1], x.argmin(1).data<long>());

        // Row 0: mean 4/3, squared deviations 1/9 + 121/9 + 100/9 = 222/9; row 1: mean 8/3, 16/9 + 64/9 + 16/9 = 32/3.
        TensorAssert.Close("var unbiased", x.var(1).data<double>(), [222.0 / 9 / 2, 32.0 / 3 / 2], Tolerance.Float64);
        TensorAssert.Close("var biased", x.var(1, unbiased: false).data<double>(), [222.0 / 9 / 3, 32.0 / 3 / 3], Tolerance.Float64);
        TensorAssert.Close("std keepdim", x.std(1, keepdim: true).data<double>(), [Math.Sqrt(222.0 / 9 / 2), Math.Sqrt(32.0 / 3 / 2)], Tolerance.Float64);
        Assert.Equal([2L, 1], x.std(1, keepdim: true).shape);
        TensorAssert.Close("norm dim 1", x.norm(2, [1]).data<double>(), [Math.Sqrt(30), Math.Sqrt(32)], Tolerance.Float64);
        TensorAssert.Close("logsumexp", x.logsumexp(1).data<double>(),
            [Math.Log(Math.Exp(1) + Math.Exp(5) + Math.Exp(-2)), Math.Log(Math.Exp(4) + 1 + Math.Exp(4))], Tolerance.Float64);
    }

    [Fact]
    public void PNormAlongADimMatchesPyTorch()
    {
        using var scope = NewDisposeScope();
        var x = OpsFixture.Tensor("x");
        TensorAssert.Close("norm p=3", x.norm(3, [1], keepdim: true), OpsFixture.Tensor("norm_p3_dim1_keepdim"), Tolerance.Float64);
    }

    [Fact]
    public void ComparisonsGiveBoolTensors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1.0, 2, 3 });
        var b = tensor(new[] { 3.0, 2, 1 });
        Assert.Equal(ScalarType.Bool, a.eq(b).dtype);
        Assert.Equal([false, true, false], a.eq(b).data<bool>());
        Assert.Equal([true, false, true], a.ne(b).data<bool>());
        Assert.Equal([false, false, true], a.gt(b).data<bool>());
        Assert.Equal([false, true, true], a.ge(b).data<bool>());
        Assert.Equal([true, false, false], a.lt(b).data<bool>());
        Assert.Equal([true, true, false], a.le(b).data<bool>());
        Assert.Equal([false, true, false], a.eq(2).data<bool>());
        Assert.Equal([false, true, true], a.gt(1.5).data<bool>());
        Assert.Equal([true, false, false], a.lt(1.5).data<bool>());
        Assert.Equal([false, true, false], eq(a, b).data<bool>());
        Assert.Equal([true, false, false], lt(a, b).data<bool>());
        Assert.Equal([false, false, true], gt(a, b).data<bool>());
        Assert.Equal([true, false, true], a.gt(b).logical_or(a.lt(b)).data<bool>());
        Assert.Equal([false, true, false], a.gt(b).logical_or(a.lt(b)).logical_not().data<bool>());
        Assert.True(a.allclose(a + 1e-9));
        Assert.False(a.allclose(b));
    }

    [Fact]
    public void AddmmIsBetaInputPlusAlphaProduct()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = tensor(new double[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        double[] ab = [58, 64, 139, 154]; // a @ b by hand
        var bias = tensor(new[] { 0.5, -1 });
        Assert.Equal(ab.Select((v, i) => v + (i % 2 == 0 ? 0.5 : -1)).ToArray(), addmm(bias, a, b).data<double>()); // a bias row broadcast
        Assert.Equal(ab.Select((v, i) => 2 * (i % 2 == 0 ? 0.5 : -1) - 0.5 * v).ToArray(), bias.addmm(a, b, beta: 2, alpha: -0.5).data<double>());
        // In place, through the transposed view of a (3, 2) operand, as a gradient step W ← βW − lr·Xᵀ dz is written.
        var w = tensor(new double[,] { { 1, 1 }, { 2, 2 } });
        var at = tensor(new double[,] { { 1, 4 }, { 2, 5 }, { 3, 6 } });
        Assert.Same(w, w.addmm_(at.T, b, beta: 0.5, alpha: -1));
        Assert.Equal([0.5 - 58, 0.5 - 64, 1 - 139, 1 - 154], w.data<double>());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], at.data<double>()); // the operands are read only
    }

    [Fact]
    public void InPlaceActivationsOverwriteTheirInput()
    {
        using var scope = NewDisposeScope();
        var x = tensor(A);
        Assert.Same(x, x.sigmoid_());
        TensorAssert.Close("sigmoid_", x.data<double>(), Map(A, v => 1 / (1 + Math.Exp(-v))), Tolerance.Float64);
        var y = tensor(A);
        Assert.Same(y, y.relu_());
        Assert.Equal(Map(A, v => Math.Max(v, 0)), y.data<double>());
    }

    [Fact]
    public void InPlaceUpdatesChangeTheTensorAndReturnIt()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2, 3 });
        var d = tensor(new[] { 10.0, 20, 30 });
        Assert.Same(x, x.add_(d));
        Assert.Equal([11.0, 22, 33], x.data<double>());
        x.add_(d, alpha: 0.5);
        Assert.Equal([16.0, 32, 48], x.data<double>());
        x.sub_(d);
        Assert.Equal([6.0, 12, 18], x.data<double>());
        x.sub_(d, alpha: 0.1);
        TensorAssert.Close("sub_ alpha", x.data<double>(), [5.0, 10, 15], Tolerance.Float64);
        x.mul_(2);
        TensorAssert.Close("mul_ scalar", x.data<double>(), [10.0, 20, 30], Tolerance.Float64);
        x.mul_(tensor(new[] { 1.0, 0.5, 0.1 }));
        TensorAssert.Close("mul_ tensor", x.data<double>(), [10.0, 10, 3], Tolerance.Float64);
        x.add_(1);
        x.div_(tensor(new[] { 11.0, 11, 4 }));
        TensorAssert.Close("div_", x.data<double>(), [1.0, 1, 1], Tolerance.Float64);
        x.addcmul_(d, d, 0.01);
        TensorAssert.Close("addcmul_", x.data<double>(), [2.0, 5, 10], Tolerance.Float64);
        Assert.Same(x, x.zero_());
        Assert.Equal([0.0, 0, 0], x.data<double>());
        x.fill_(2.5);
        Assert.Equal([2.5, 2.5, 2.5], x.data<double>());
        Assert.Same(x, x.copy_(d));
        Assert.Equal([10.0, 20, 30], x.data<double>());
        d.zero_();
        Assert.Equal([10.0, 20, 30], x.data<double>()); // copy_ copied values, not storage
    }

    [Fact]
    public void InPlaceUpdateOfAViewWritesThroughToItsBase()
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, 3, float64);
        x[1].add_(5);
        x[.., 0].fill_(-1);
        Assert.Equal([-1.0, 0, 0, -1, 5, 5], x.data<double>());
    }

    [Fact]
    public void CopyFromAnotherDtypeConverts()
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, float64);
        x.copy_(tensor(new[] { 1.25f, -7 }));
        Assert.Equal([1.25, -7], x.data<double>());
    }

    [Fact]
    public void ToDtypeConvertsValuesLikePyTorch()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new[] { -1.7f, 0.5f, 2.9f });
        var l = f.to(int64);
        Assert.Equal(ScalarType.Int64, l.dtype);
        Assert.Equal([-1L, 0, 2], l.data<long>());
        Assert.Equal(ScalarType.Float64, f.@double().dtype);
        Assert.Equal([-1.7f, 0.5f, 2.9f], f.@double().@float().data<float>());
        Assert.Equal([true, true, true], f.@bool().data<bool>());
        Assert.Equal([false, true], tensor(new long[] { 0, 3 }).to(@bool).data<bool>());
        Assert.Equal(ScalarType.Int64, f.@long().dtype);
        Assert.Equal(ScalarType.Float32, f.to_type(float32).dtype);
        Assert.Equal(ScalarType.Float32, f.cpu().dtype);
    }

    [Fact]
    public void CloneCopiesStorageAndDetachSharesIt()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2 }, requires_grad: true);
        var c = x.clone();
        Assert.True(c.requires_grad);
        Assert.False(c.is_leaf); // clone is recorded by autograd
        var d = x.detach();
        Assert.False(d.requires_grad);
        using (no_grad())
        {
            c.fill_(7);
            Assert.Equal([1.0, 2], x.data<double>());
            d.fill_(9);
            Assert.Equal([9.0, 9], x.data<double>());
        }
    }

    [Fact]
    public void ContiguousLaysOutATransposeInRowMajorOrder()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]).t();
        Assert.False(t.is_contiguous());
        var c = t.contiguous();
        Assert.True(c.is_contiguous());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], c.AsSpan<double>().ToArray());
    }

    [Fact]
    public void SelectionHelpersMatchTheirDefinitions()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2, 3, 4 }, [2, 2]);
        Assert.Equal([0.0, 2, 0, 4], x.masked_fill(x.lt(2).logical_or(x.eq(3)), 0).data<double>());
        Assert.Equal([2.0, 3], x.gather(1, tensor(new long[] { 1, 0 }, [2, 1])).data<double>());
        Assert.Equal([4.0, 6], maximum(tensor(new[] { 4.0, 1 }), tensor(new[] { 2.0, 6 })).data<double>());
        Assert.Equal([2.0, 1], minimum(tensor(new[] { 4.0, 1 }), tensor(new[] { 2.0, 6 })).data<double>());
        var nz = tensor(new[] { 0.0, 5, 0, 2 }).nonzero();
        Assert.Equal([2L, 1], nz.shape);
        Assert.Equal([1L, 3], nz.data<long>());
    }
}
