// Tests of torch.linalg.cs: inverse, solve, pseudo-inverse, norms, det, eigvalsh, and autograd.grad.
// Checked by the defining identities (A A^-1 = I, A X = B, Moore-Penrose) and the PyTorch fixture.
using Homework.TestSupport;

namespace Homework.Binding.Tests;

public class torchlinalgTests
{
    [Fact]
    public void InvIsTheInverseAndMatchesPyTorch()
    {
        using var scope = NewDisposeScope();
        var a = OpsFixture.Tensor("linalg_a");
        var inv = linalg.inv(a);
        TensorAssert.Close("A A^-1", a.matmul(inv), eye(3, dtype: float64), Tolerance.Float64);
        TensorAssert.Close("inv", inv, OpsFixture.Tensor("linalg_inv"), Tolerance.Float64);
    }

    [Fact]
    public void SolveSatisfiesAXEqualsB()
    {
        using var scope = NewDisposeScope();
        var a = OpsFixture.Tensor("linalg_a");
        var b = OpsFixture.Tensor("linalg_b");
        var x = linalg.solve(a, b);
        TensorAssert.Close("A X", a.matmul(x), b, Tolerance.Float64);
        TensorAssert.Close("solve", x, OpsFixture.Tensor("linalg_solve"), Tolerance.Float64);
    }

    [Fact]
    public void PinvSatisfiesTheMoorePenroseConditions()
    {
        using var scope = NewDisposeScope();
        var x = OpsFixture.Tensor("x"); // 3x4, full row rank
        var p = linalg.pinv(x);
        Assert.Equal([4L, 3], p.shape);
        TensorAssert.Close("X P X = X", x.matmul(p).matmul(x), x, Tolerance.Float64);
        TensorAssert.Close("P X P = P", p.matmul(x).matmul(p), p, Tolerance.Float64);
        TensorAssert.Close("X P symmetric", x.matmul(p), x.matmul(p).t(), Tolerance.Float64);
        TensorAssert.Close("P X symmetric", p.matmul(x), p.matmul(x).t(), Tolerance.Float64);
        TensorAssert.Close("pinv", p, OpsFixture.Tensor("linalg_pinv_x"), Tolerance.Float64);
    }

    [Fact]
    public void NormsMatchTheirDefinitionsAndPyTorch()
    {
        using var scope = NewDisposeScope();
        var x = OpsFixture.Tensor("x");
        var v = x.data<double>();
        Assert.Equal(Math.Sqrt(v.Sum(e => e * e)), linalg.norm(x).item<double>(), 12);
        TensorAssert.Close("fro", linalg.norm(x), OpsFixture.Tensor("linalg_norm_fro_x"), Tolerance.Float64);
        var rows = linalg.norm(x, 1, [1]);
        TensorAssert.Close("ord 1 by row", rows, OpsFixture.Tensor("linalg_norm_ord1_dim1_x"), Tolerance.Float64);
        TensorAssert.Close("ord 1 by row, by hand", rows.data<double>(),
            Enumerable.Range(0, 3).Select(r => v.Skip(4 * r).Take(4).Sum(Math.Abs)).ToArray(), Tolerance.Float64);
        Assert.Equal([3L, 1], linalg.norm(x, 2, [1], keepdim: true).shape);
        Assert.Equal(5.0, linalg.norm(tensor(new[] { 3.0, -4 })).item<double>(), 14);
    }

    [Fact]
    public void DetAndEigvalshOfAKnownMatrix()
    {
        using var scope = NewDisposeScope();
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 and determinant 3.
        var a = tensor(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(3.0, linalg.det(a).item<double>(), 12);
        TensorAssert.Close("eigvalsh", linalg.eigvalsh(a).data<double>(), [1.0, 3.0], Tolerance.Float64);
    }

    [Fact]
    public void AutogradGradReturnsGradientsWithoutTouchingDotGrad()
    {
        using var scope = NewDisposeScope();
        // f = sum(a * b^2): df/da = b^2, df/db = 2 a b.
        var a = tensor(new[] { 1.0, -2 }, requires_grad: true);
        var b = tensor(new[] { 3.0, 0.5 }, requires_grad: true);
        var f = (a * b * b).sum();
        var g = autograd.grad([f], [a, b]);
        Assert.Equal([9.0, 0.25], g[0].data<double>());
        Assert.Equal([6.0, -2], g[1].data<double>());
        Assert.Null(a.grad);
        Assert.Null(b.grad);
    }

    [Fact]
    public void AutogradGradWithGradOutputsAndCreateGraphGivesSecondDerivatives()
    {
        using var scope = NewDisposeScope();
        // y = x^3 elementwise; with v as upstream gradient, g = 3 x^2 v; then d(sum g)/dx = 6 x v.
        var x = tensor(new[] { 1.0, 2 }, requires_grad: true);
        var v = tensor(new[] { 1.0, 10 });
        var g = autograd.grad([x.pow(3)], [x], [v], create_graph: true)[0];
        Assert.Equal([3.0, 120], g.data<double>());
        var h = autograd.grad([g.sum()], [x])[0];
        Assert.Equal([6.0, 120], h.data<double>());
    }

    [Fact]
    public void AutogradGradOfAnUnusedInput()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0 }, requires_grad: true);
        var unused = tensor(new[] { 5.0, 6 }, requires_grad: true);
        var e = Assert.Throws<TorchException>(() => autograd.grad([(x * 2).sum()], [x, unused], retain_graph: true));
        Assert.Contains("appears to not have been used in the graph", e.Message);
        var g = autograd.grad([(x * 2).sum()], [x, unused], allow_unused: true);
        Assert.Equal([2.0], g[0].data<double>());
        Assert.Equal([0.0, 0], g[1].data<double>());
    }
}
