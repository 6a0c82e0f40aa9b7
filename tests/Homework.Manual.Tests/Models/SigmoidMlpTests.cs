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
        using var model = ManualTwin.SigmoidMlp.Create(6, 4, 3, lambda: 1e-4, dtype: float64);
        var X = randn(5, 6, float64);
        var labels = randint(3, [5]);
        var (logits, cache) = model.Forward(X);
        var g = model.Backward(randn(5, 3, float64), cache);
        TwinAssert.NoGrad(g.W1, g.b1, g.W2, g.b2, g.X);
        Step(model, X, labels, 5);
        TwinAssert.NoGrad(model.W1, model.b1, model.W2, model.b2, logits, cache, g, model.PenaltyGradient(), model.Cost(X, labels));
    }

    [Fact]
    public void OneSeedGivesBothTwinsTheHomeworkInitialization()
    {
        using var scope = NewDisposeScope();
        manual_seed(43);
        using var manual = ManualTwin.SigmoidMlp.Create(50, 30, 10);
        manual_seed(43);
        using var twin = AutogradTwin.SigmoidMlp.Create(50, 30, 10);
        var (W1, b1, W2, b2) = twin.HomeworkLayout();
        TensorAssert.Close("W1", W1, manual.W1, Tolerance.Exact);
        TensorAssert.Close("W2", W2, manual.W2, Tolerance.Exact);
        TensorAssert.Close("b1 = 0", b1, zeros(30), Tolerance.Exact);
        TensorAssert.Close("b2 = 0", b2, zeros(10), Tolerance.Exact);
        Assert.InRange(W1.std().item<float>(), 0.9, 1.1); // standard normal, 1500 draws
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], twin.state_dict().Keys);
        Assert.Equal([30L, 50L], twin.fc1.weight.shape);
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
        using var model = ManualTwin.SigmoidMlp.Create(6, 4, 5, dtype: float64);
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
        using var manual = ManualTwin.SigmoidMlp.Create(12, 8, 4, lambda: 1e-4, dtype: float64);
        manual_seed(61);
        using var twin = AutogradTwin.SigmoidMlp.Create(12, 8, 4, lambda: 1e-4, dtype: float64);
        var before = SigmoidMlpLoss(manual, X, labels);
        for (var step = 0; step < 20; step++)
        {
            using var s = NewDisposeScope();
            var batch = arange(step % 4 * 10, step % 4 * 10 + 10);
            Step(manual, X.index_select(0, batch), labels.index_select(0, batch), 5);
            twin.Step(X.index_select(0, batch), labels.index_select(0, batch), 5);
        }
        var (W1, _, W2, b2) = twin.HomeworkLayout();
        TensorAssert.Close("W1 after 20 steps", manual.W1, W1, Tolerance.Float64);
        TensorAssert.Close("W2 after 20 steps", manual.W2, W2, Tolerance.Float64);
        TensorAssert.Close("b2 after 20 steps", manual.b2, b2, Tolerance.Float64);
        Assert.Equal(manual.Accuracy(X, labels), twin.Accuracy(X, labels));
        Assert.True(SigmoidMlpLoss(manual, X, labels) < before, "20 steps at lr 5 should lower the training loss");
    }

    private static double SigmoidMlpLoss(ManualTwin.SigmoidMlp model, Tensor X, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return ManualTwin.SigmoidMlp.Loss(model.Forward(X).y, labels).item<double>();
    }

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
