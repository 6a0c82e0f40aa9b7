// Tests of the Cnn twins (000 Q4(e)): gradients three ways, im2col forward against nn.Conv2d, the Q4(e)ii parameter
// count, and SGD parity. Not MNIST training.
using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class CnnTests
{
    [Theory]
    [MemberData(nameof(TwinAssert.Seeds), MemberType = typeof(TwinAssert))]
    public void ManualGradientsMatchAutogradAndCentralDifferences(long seed) => TwinAssert.Agree(new CnnCheck(), seed);

    private static (Tensor w, Tensor b, Tensor W2, Tensor b2) Weights(long r, long k) =>
        (randn([32, 1, 3, 3], float64), randn(32, float64), randn(32 * r * r, k, float64) / r, randn(k, float64));

    [Fact]
    public void ManualPathNeverRequiresGrad()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var (w, b, W2, b2) = Weights(5, 3);
        using var model = new ManualTwin.Cnn(w, b, W2, b2);
        var X = randn([2, 1, 5, 5], float64);
        var labels = randint(3, [2]);
        var (logits, cache) = model.Forward(X);
        var g = model.Backward(randn(2, 3, float64), cache);
        var gl = LossGradient(model, X, labels);
        model.Step(gl, 0.1);
        TwinAssert.NoGrad(model.conv_weight, model.conv_bias, model.W2, model.b2, logits, cache, g, gl);
    }

    [Fact]
    public void Im2colForwardEqualsNnConv2d()
    {
        using var scope = NewDisposeScope();
        manual_seed(67);
        var (w, b, W2, b2) = Weights(6, 4);
        using var manual = new ManualTwin.Cnn(w, b, W2, b2);
        using var twin = new AutogradTwin.Cnn(6, 4, dtype: float64);
        twin.LoadHomeworkLayout(w, b, W2, b2);
        var X = randn([3, 1, 6, 6], float64);
        using var noGrad = no_grad();
        TensorAssert.Close("logits", manual.Forward(X).y, twin.forward(X), Tolerance.Float64);
    }

    [Fact]
    public void GradientStepsOfBothTwinsFollowOneTrajectory()
    {
        using var scope = NewDisposeScope();
        manual_seed(71);
        var (w, b, W2, b2) = Weights(5, 3);
        using var manual = new ManualTwin.Cnn(w, b, W2, b2);
        using var twin = new AutogradTwin.Cnn(5, 3, dtype: float64);
        twin.LoadHomeworkLayout(w, b, W2, b2);
        using var sgd = optim.SGD(twin.parameters(), 0.05);
        var X = randn([4, 1, 5, 5], float64);
        var labels = randint(3, [4]);
        for (var t = 0; t < 5; t++)
        {
            using var s = NewDisposeScope();
            manual.Step(LossGradient(manual, X, labels), 0.05);
            sgd.zero_grad();
            AutogradTwin.Cnn.Loss(twin.forward(X), labels).backward();
            sgd.step();
        }
        TensorAssert.Close("conv weight after 5 steps", manual.conv_weight, twin.conv.weight, Tolerance.Float64);
        TensorAssert.Close("W2 after 5 steps", manual.W2, twin.fc.weight.T, Tolerance.Float64);
    }

    [Fact]
    public void ImagesOfTheWrongSizeAreRejectedWithTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        var (w, b, W2, b2) = Weights(4, 3);
        using var model = new ManualTwin.Cnn(w, b, W2, b2);
        var e = Assert.Throws<ArgumentException>(() => model.Forward(randn([2, 1, 5, 5], float64)));
        Assert.Contains("32·H·W = 512", e.Message);
    }

    // Gradients of the mean cross entropy: (softmax − e_y)/N through the model's Backward, without dX (training never needs it).
    private static ManualTwin.Cnn.Gradients LossGradient(ManualTwin.Cnn model, Tensor X, Tensor labels)
    {
        var (logits, cache) = model.Forward(X);
        return model.Backward(ManualTwin.ClassLabels.LossGradient(logits, labels), cache, inputGradient: false);
    }
}
