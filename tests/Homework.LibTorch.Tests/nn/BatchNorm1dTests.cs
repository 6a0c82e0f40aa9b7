// nn.BatchNorm1d in training (2-d and 3-d) and evaluation against PyTorch (fixtures/nn/batchnorm.json).
// Covers outputs, gradients, running statistics and num_batches_tracked.
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class BatchNorm1dTests
{
    [Fact]
    public void TrainingThenEvaluationMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("batchnorm.json");
        using var bn = torch.nn.BatchNorm1d(4, momentum: f.GetProperty("momentum").GetDouble(), dtype: float64);
        var init = f.GetProperty("init");
        using (no_grad())
        {
            bn.weight!.copy_(init.GetProperty("weight").ToTensor());
            bn.bias!.copy_(init.GetProperty("bias").ToTensor());
        }

        // Batch 1, (N, C): normalised with the biased variance; running_var takes the unbiased one.
        var t1 = f.GetProperty("train1");
        var x1 = t1.GetProperty("x").ToTensor().requires_grad_();
        var y1 = bn.call(x1);
        (y1 * t1.GetProperty("dy").ToTensor()).sum().backward();
        TensorAssert.Close("train y (N, C)", y1, t1.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("train dx", x1.grad!, t1.GetProperty("dx").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("train dweight", bn.weight!.grad!, t1.GetProperty("dweight").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("train dbias", bn.bias!.grad!, t1.GetProperty("dbias").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("running_mean after 1", bn.running_mean!, t1.GetProperty("running_mean").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("running_var after 1", bn.running_var!, t1.GetProperty("running_var").ToTensor(), Tolerance.Float64);

        // Batch 2, (N, C, L): statistics over N and L.
        var t2 = f.GetProperty("train2");
        TensorAssert.Close("train y (N, C, L)", bn.call(t2.GetProperty("x").ToTensor()), t2.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("running_mean after 2", bn.running_mean!, t2.GetProperty("running_mean").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("running_var after 2", bn.running_var!, t2.GetProperty("running_var").ToTensor(), Tolerance.Float64);
        // float64 like the module, as TorchSharp 0.107 makes it when given a dtype (PyTorch keeps int64).
        Assert.Equal(t2.GetProperty("num_batches_tracked").GetInt64(), bn.num_batches_tracked!.item<double>());

        // Evaluation: running statistics, which no longer move.
        bn.eval();
        var e = f.GetProperty("eval");
        TensorAssert.Close("eval y", bn.call(e.GetProperty("x").ToTensor()), e.GetProperty("y").ToTensor(), Tolerance.Float64);
        TensorAssert.Close("running_mean frozen in eval", bn.running_mean!, t2.GetProperty("running_mean").ToTensor(), Tolerance.Exact);
        Assert.Equal(2.0, bn.num_batches_tracked!.item<double>());
    }

    [Fact]
    public void WrongChannelCountNamesBothSizes()
    {
        using var scope = NewDisposeScope();
        using var bn = torch.nn.BatchNorm1d(4);
        var e = Assert.Throws<ArgumentException>(() => bn.call(randn(8, 3)));
        Assert.Contains("BatchNorm1d(4) got 3 channels", e.Message);
    }
}
