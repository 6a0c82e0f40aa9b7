// The starter's RBF SVM: its kernel against the formula, and training on a constructed separable set of binary
// vectors (spam-like words 0–5, ham-like words 6–11, shared noise words 12–15) that it must then classify exactly.
using TorchSharp;
using static TorchSharp.torch;
using Homework.Manual.Spam;
using Homework.TestSupport;

namespace Homework.Manual.Tests.Spam;

public class RbfSvmTests
{
    [Fact]
    public void Kernel_is_the_gaussian_of_the_squared_distance()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[,] { { 1, 0, 1 }, { 0, 0, 0 } });
        var b = torch.tensor(new float[,] { { 1, 1, 1 } });
        var k = RbfSvm.Kernel(a.matmul(b.T), a.square().sum(1), b.square().sum(1), radius: 2);
        TensorAssert.Close("K", k.to(ScalarType.Float64).data<double>().ToArray(), [Math.Exp(-1 / 8.0), Math.Exp(-3 / 8.0)], Tolerance.Float32);
    }

    private static torch.Tensor Messages(Random rng, int count, bool spam)
    {
        var x = new float[count, 16];
        for (var i = 0; i < count; i++)
        {
            var own = spam ? 0 : 6;
            for (var j = 0; j < 6; j++) x[i, own + j] = rng.NextDouble() < 0.6 ? 1 : 0;
            x[i, own + rng.Next(6)] = 1;                               // at least one word of its class
            for (var j = 12; j < 16; j++) x[i, j] = rng.NextDouble() < 0.5 ? 1 : 0;
        }
        return torch.tensor(x);
    }

    [Fact]
    public void Separates_a_separable_set_and_classifies_new_points_of_it()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(7);
        var train = torch.cat([Messages(rng, 30, spam: true), Messages(rng, 30, spam: false)], 0);
        var labels = torch.cat([torch.ones(30, ScalarType.Int64), torch.zeros(30, ScalarType.Int64)], 0);
        var fresh = torch.cat([Messages(rng, 20, spam: true), Messages(rng, 20, spam: false)], 0);
        var freshLabels = torch.cat([torch.ones(20, ScalarType.Int64), torch.zeros(20, ScalarType.Int64)], 0);
        var models = RbfSvm.Train(train.matmul(train.T), labels, [1.0, 2.0], seed: 0);
        Assert.Equal([1.0, 2.0], models.Select(m => m.Radius));
        foreach (var model in models)
        {
            Assert.Equal(labels.data<long>().ToArray(), model.Predict(train.matmul(train.T), train.square().sum(1)).data<long>().ToArray());
            Assert.Equal(freshLabels.data<long>().ToArray(), model.Predict(fresh.matmul(train.T), fresh.square().sum(1)).data<long>().ToArray());
        }
    }

    [Fact]
    public void A_radius_far_below_the_distances_predicts_nothing_as_spam()
    {
        // At r = 0.01 a point at squared distance ≥ 1 from every training point has K = exp(−5000) = 0, so it scores
        // exactly 0 and the starter's (1 + sign(0)) // 2 gives 0. Every word present is such a point: no training row has them all.
        using var scope = torch.NewDisposeScope();
        var rng = new Random(3);
        var train = torch.cat([Messages(rng, 10, spam: true), Messages(rng, 10, spam: false)], 0);
        var labels = torch.cat([torch.ones(10, ScalarType.Int64), torch.zeros(10, ScalarType.Int64)], 0);
        var model = RbfSvm.Train(train.matmul(train.T), labels, [0.01], seed: 0)[0];
        var fresh = torch.ones(1, 16);
        Assert.Equal([0L], model.Predict(fresh.matmul(train.T), fresh.square().sum(1)).data<long>().ToArray());
        Assert.Equal(labels.data<long>().ToArray(), model.Predict(train.matmul(train.T), train.square().sum(1)).data<long>().ToArray());
    }
}
