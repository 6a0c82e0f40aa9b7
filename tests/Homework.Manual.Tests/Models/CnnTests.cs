using Homework.GradCheck.Checks;
using Homework.TestSupport;
using ManualTwin = Homework.Manual.Models;
using AutogradTwin = Homework.Torch.Models;

namespace Homework.Manual.Tests.Models;

public class CnnTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(4L)]
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
        model.Step(X, labels, 0.1);
        TwinAssert.NoGrad(model.conv_weight, model.conv_bias, model.W2, model.b2, logits, cache, g, model.LossGradient(X, labels));
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
        TensorAssert.Close("logits", manual.Forward(X).logits, twin.forward(X), Tolerance.Float64);
    }

    [Fact]
    public void ParameterCountOfQ4eMatchesTheModule()
    {
        // Q4(e)ii for MNIST (r = 28, k = 10): 32·9 + 32 conv weights and biases, 32·28²·10 + 10 in the linear layer.
        Assert.Equal(32 * 9 + 32 + 32 * 784 * 10 + 10, ManualTwin.Cnn.ParameterCount(28, 10));
        using var twin = new AutogradTwin.Cnn(28, 10);
        Assert.Equal(ManualTwin.Cnn.ParameterCount(28, 10), twin.parameters().Sum(p => p.numel()));
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
        var X = randn([4, 1, 5, 5], float64);
        var labels = randint(3, [4]);
        for (var t = 0; t < 5; t++)
        {
            using var s = NewDisposeScope();
            manual.Step(X, labels, 0.05);
            twin.Step(X, labels, 0.05);
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
}
