// Tests of the SigmoidMlp twins (000 Q4(a-c)): gradients three ways, one seed giving both twins Q4(b)'s start,
// cross entropy against torch, and mini-batch SGD parity. Not MNIST training (the CLI experiment).
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class SigmoidMlpTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new SigmoidMlpCheck(), seed);

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = Random(6, 4, 3, lambda: 1e-4, dtype: float64);
        var X = randn(5, 6, float64);
        var labels = randint(3, [5]);
        var (logits, cache) = model.Forward(X);
        var g = model.Backward(randn(5, 3, float64), cache);
        TwinAssert.NoGrad(g.W1, g.b1, g.W2, g.b2, g.X);
        Step(model, X, labels, 5);
        TwinAssert.NoGrad(model.W1, model.b1, model.W2, model.b2, logits, cache, g, model.PenaltyGradient(), model.Cost(X, labels));
    }

    [Fact]
    public void CrossEntropyMatchesTorchAndIsLogKAtEqualLogits()
    {
        using var scope = NewDisposeScope();
        manual_seed(47);
        var logits = randn(8, 10, float64) * 5;
        var labels = randint(10, [8]);
        TensorAssert.Close("mean cross entropy", ManualTwin.SigmoidMlp.Loss(logits, labels), nn.functional.cross_entropy(logits, labels), Tolerance.Float64);
        Assert.Equal(Math.Log(10), ManualTwin.SigmoidMlp.Loss(zeros(8, 10, float64), labels).item<double>(), 14);
    }

    [Fact]
    public void SoftmaxGradientRowsSumToZero()
    {
        // Eq. (10): d ℓ_CE / d t = softmax(t) − e_y, whose entries sum to 1 − 1 = 0, so Σ_k db2_k = 0.
        using var scope = NewDisposeScope();
        manual_seed(53);
        using var model = Random(6, 4, 5, dtype: float64);
        var (logits, cache) = model.Forward(randn(7, 6, float64));
        var g = model.Backward(ManualTwin.ClassLabels.LossGradient(logits, randint(5, [7])), cache);
        Assert.Equal(0, g.b2.sum().item<double>(), 15);
    }

    [Fact]
    public void MiniBatchStepsOfBothTwinsFollowOneTrajectory()
    {
        using var scope = NewDisposeScope();
        manual_seed(59);
        var X = randn(40, 12, float64);
        var labels = randint(4, [40]);
        manual_seed(61);
        using var manual = Random(12, 8, 4, lambda: 1e-4, dtype: float64);
        using var twin = new AutogradTwin.SigmoidMlp(12, 8, 4, lambda: 1e-4, dtype: float64);
        twin.LoadHomeworkLayout(manual.W1, manual.b1, manual.W2, manual.b2);
        using var sgd = optim.SGD(twin.parameters(), 5);
        var before = SigmoidMlpLoss(manual, X, labels);
        for (var step = 0; step < 20; step++)
        {
            using var s = NewDisposeScope();
            var batch = arange(step % 4 * 10, step % 4 * 10 + 10);
            Step(manual, X.index_select(0, batch), labels.index_select(0, batch), 5);
            sgd.zero_grad();
            twin.Cost(X.index_select(0, batch), labels.index_select(0, batch)).backward();
            sgd.step();
        }
        TensorAssert.Close("W1 after 20 steps", manual.W1, twin.fc1.weight.T, Tolerance.Float64);
        TensorAssert.Close("W2 after 20 steps", manual.W2, twin.fc2.weight.T, Tolerance.Float64);
        TensorAssert.Close("b2 after 20 steps", manual.b2, twin.fc2.bias!, Tolerance.Float64);
        using (no_grad()) Assert.Equal(manual.Forward(X).y.argmax(1).data<long>().ToArray(), twin.forward(X).argmax(1).data<long>().ToArray());
        Assert.True(SigmoidMlpLoss(manual, X, labels) < before, "20 steps at lr 5 should lower the training loss");
    }

    private static double SigmoidMlpLoss(ManualTwin.SigmoidMlp model, Tensor X, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return ManualTwin.SigmoidMlp.Loss(model.Forward(X).y, labels).item<double>();
    }

    // Weights N(0, 1), biases 0 (Q4(b)'s initialisation, which the pair draws in Homework.Training).
    private static ManualTwin.SigmoidMlp Random(long d, long m, long k, double lambda = 0, ScalarType dtype = ScalarType.Float32) =>
        new(randn([d, m], dtype), zeros([m], dtype), randn([m, k], dtype), zeros([k], dtype), lambda);

    // One mini-batch step on J_MB through the contract: the cross entropy's backward, the model's Backward and Step.
    private static void Step(ManualTwin.SigmoidMlp model, Tensor X, Tensor labels, double lr)
    {
        using var scope = NewDisposeScope();
        var (logits, cache) = model.Forward(X);
        model.Step(model.Backward(ManualTwin.ClassLabels.LossGradient(logits, labels), cache), lr);
    }

    [Fact]
    public void WeightsInTheWrongLayoutAreRejectedNamingTheLayout()
    {
        using var scope = NewDisposeScope();
        using var twin = new AutogradTwin.SigmoidMlp(6, 4, 3);
        var e = Assert.Throws<ArgumentException>(() => twin.LoadHomeworkLayout(zeros(4, 6), zeros(4), zeros(4, 3), zeros(3)));
        Assert.Contains("homework's layout", e.Message);
        Assert.Contains("[6, 4]", e.Message);
    }
}
