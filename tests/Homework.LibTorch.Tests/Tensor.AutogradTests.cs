// Tests of Tensor.Autograd.cs: requires_grad, grad, backward (scalar and with an explicit gradient), detach.
// Expected gradients are derived by hand in the comments; autograd.grad is in torch.linalgTests.cs.
using Homework.TestSupport;

namespace Homework.Binding.Tests;

public class TensorAutogradTests
{
    [Fact]
    public void RequiresGradIsOffByDefaultAndSpreadsThroughOps()
    {
        using var scope = NewDisposeScope();
        var x = ones(2, float64);
        Assert.False(x.requires_grad);
        Assert.Null(x.grad);
        Assert.Same(x, x.requires_grad_());
        Assert.True(x.requires_grad);
        Assert.True(x.is_leaf);
        var y = x * 2;
        Assert.True(y.requires_grad);
        Assert.False(y.is_leaf);
        x.requires_grad = false;
        Assert.False((x * 2).requires_grad);
    }

    [Fact]
    public void EveryFactoryHonoursRequiresGrad()
    {
        using var scope = NewDisposeScope();
        torch.Tensor[] made =
        [
            zeros([2], requires_grad: true), ones([2], requires_grad: true), empty([2], requires_grad: true),
            full([2], 3, requires_grad: true), rand([2], requires_grad: true), randn([2], requires_grad: true),
            eye(2, requires_grad: true), arange(0, 2, 0.5, requires_grad: true), linspace(0, 1, 3, requires_grad: true),
            tensor(1.0, requires_grad: true), tensor(new[] { 1f }, requires_grad: true),
        ];
        Assert.All(made, t => Assert.True(t.requires_grad && t.is_leaf));
        Assert.All(made, t => Assert.True((t * 2).requires_grad));
        Assert.False(zeros([2]).requires_grad);
    }

    [Fact]
    public void ScalarBackwardFillsLeafGradients()
    {
        using var scope = NewDisposeScope();
        // L = sum(w^2 * x) + sum(sin w):  dL/dw = 2 w x + cos w,  dL/dx = w^2.
        double[] w0 = [0.5, -1.5, 2];
        double[] x0 = [3, 0.25, -1];
        var w = tensor(w0, requires_grad: true);
        var x = tensor(x0, requires_grad: true);
        var loss = (w.pow(2) * x).sum() + w.sin().sum();
        Assert.Empty(loss.shape);
        loss.backward();
        TensorAssert.Close("dL/dw", w.grad!.data<double>(), w0.Zip(x0, (a, b) => 2 * a * b + Math.Cos(a)).ToArray(), Tolerance.Float64Gradient);
        TensorAssert.Close("dL/dx", x.grad!.data<double>(), w0.Select(a => a * a).ToArray(), Tolerance.Float64Gradient);
    }

    [Fact]
    public void GradientsAccumulateUntilZeroed()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 1.0, 2 }, requires_grad: true);
        (w * 3).sum().backward();
        (w * 3).sum().backward();
        Assert.Equal([6.0, 6], w.grad!.data<double>());
        w.grad!.zero_();
        (w * w).sum().backward();
        Assert.Equal([2.0, 4], w.grad!.data<double>());
        w.grad = null;
        Assert.Null(w.grad);
    }

    [Fact]
    public void BackwardWithAnExplicitGradientIsAVectorJacobianProduct()
    {
        using var scope = NewDisposeScope();
        // y = A x for a fixed A: the vector-Jacobian product with v is A^T v.
        var a = tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var x = tensor(new[] { 0.5, -1, 2 }, requires_grad: true);
        var y = a.matmul(x);
        var v = tensor(new[] { 10.0, -1 });
        y.backward(v);
        Assert.Equal([10.0 - 4, 20.0 - 5, 30.0 - 6], x.grad!.data<double>());
    }

    [Fact]
    public void BackwardOfANonScalarWithoutGradientIsLibtorchsError()
    {
        using var scope = NewDisposeScope();
        var x = ones([3], float64, requires_grad: true);
        var e = Assert.Throws<TorchException>(() => (x * 2).backward());
        Assert.Contains("grad can be implicitly created only for scalar outputs", e.Message);
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 2.0 }, requires_grad: true);
        var y = (x * x).exp().sum(); // dy/dx = 2x exp(x^2)
        y.backward(retain_graph: true);
        y.backward();
        TensorAssert.Close("twice", x.grad!.data<double>(), [2 * 2 * 2 * Math.Exp(4)], Tolerance.Float64Gradient);
    }

    [Fact]
    public void RetainGradKeepsTheGradientOfAnIntermediate()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 3 }, requires_grad: true);
        var h = x * 2;
        h.retain_grad();
        (h * h).sum().backward(); // dL/dh = 2h
        Assert.Equal([4.0, 12], h.grad!.data<double>());
        Assert.Equal([8.0, 24], x.grad!.data<double>());
    }

    [Fact]
    public void DetachCutsTheGraph()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 3.0 }, requires_grad: true);
        // L = x * stop_gradient(x): dL/dx = x (the detached factor is a constant).
        var loss = (x * x.detach()).sum();
        loss.backward();
        Assert.Equal([3.0], x.grad!.data<double>());
        Assert.False(x.detach().requires_grad);
    }

    [Fact]
    public void OpsUnderNoGradAreNotRecorded()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0 }, requires_grad: true);
        torch.Tensor y;
        using (no_grad()) y = x * 5;
        Assert.False(y.requires_grad);
        var e = Assert.Throws<TorchException>(() => y.sum().backward());
        Assert.Contains("does not require grad", e.Message);
        // In-place updates of a leaf are allowed only without recording (the optimizer's case).
        using (no_grad()) x.sub_(tensor(new[] { 0.5 }));
        Assert.Equal([0.5], x.data<double>());
        Assert.Throws<TorchException>(() => x.sub_(tensor(new[] { 0.5 })));
    }
}
