// nn.functional losses and dropout: PyTorch fixtures for cross_entropy, identities for the rest.
// Each identity is written out independently of the op under test.
using System.Text.Json;
using Homework.TestSupport;

namespace Homework.Binding.Tests.nn;

public class functionalTests
{
    public static TheoryData<string> CrossEntropyCases() =>
        new(NnFixture.Load("cross_entropy.json").GetProperty("cases").EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(CrossEntropyCases))]
    public void CrossEntropyMatchesPyTorchForIndexAndProbabilityTargets(string name)
    {
        using var scope = NewDisposeScope();
        var f = NnFixture.Load("cross_entropy.json");
        var expected = f.GetProperty("cases").GetProperty(name);
        var parts = name.Split('_');
        var target = f.GetProperty(parts[0] == "index" ? "classes" : "probs").ToTensor();
        var reduction = parts[1] switch { "mean" => torch.nn.Reduction.Mean, "sum" => torch.nn.Reduction.Sum, _ => torch.nn.Reduction.None };
        var weight = parts[2] == "weighted" ? f.GetProperty("weight").ToTensor() : null;
        var logits = f.GetProperty("logits").ToTensor().requires_grad_();

        var loss = torch.nn.functional.cross_entropy(logits, target, weight, reduction: reduction);
        (reduction == torch.nn.Reduction.None ? loss.sum() : loss).backward();
        TensorAssert.Close($"{name} loss", loss, expected.GetProperty("loss").ToTensor(), Tolerance.Float64);
        TensorAssert.Close($"{name} dlogits", logits.grad!, expected.GetProperty("dlogits").ToTensor(), Tolerance.Float64);
    }

    [Fact]
    public void CrossEntropyIsNllOfLogSoftmax()
    {
        using var scope = NewDisposeScope();
        var logits = randn(7, 4, float64);
        var target = randint(0, 4, [7]);
        TensorAssert.Close("cross_entropy vs nll_loss(log_softmax)",
            torch.nn.functional.cross_entropy(logits, target),
            torch.nn.functional.nll_loss(torch.nn.functional.log_softmax(logits, 1), target), Tolerance.Float64);
    }

    [Fact]
    public void BinaryLossesAgreeThroughTheSigmoid()
    {
        using var scope = NewDisposeScope();
        var z = randn(10, float64);
        var t = rand(10, float64);
        // -[t log σ(z) + (1-t) log(1-σ(z))], written out with the identity log(1-σ(z)) = log σ(-z).
        var byHand = -(t * z.sigmoid().log() + (1 - t) * (-z).sigmoid().log()).mean();
        TensorAssert.Close("with logits", torch.nn.functional.binary_cross_entropy_with_logits(z, t), byHand, Tolerance.Float64);
        TensorAssert.Close("on probabilities", torch.nn.functional.binary_cross_entropy(z.sigmoid(), t), byHand, Tolerance.Float64);
        TensorAssert.Close("mse", torch.nn.functional.mse_loss(z, t, torch.nn.Reduction.Sum), (z - t).square().sum(), Tolerance.Float64);
    }

    [Fact]
    public void DropoutIsIdentityInEvaluationAndScalesSurvivorsInTraining()
    {
        using var scope = NewDisposeScope();
        var x = ones(1000, float64);
        TensorAssert.Close("eval", torch.nn.functional.dropout(x, 0.3, training: false), x, Tolerance.Exact);
        var y = torch.nn.functional.dropout(x, 0.3).data<double>();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7) < 1e-12, $"{v} is neither 0 nor 1/(1-p)"));
        Assert.InRange(y.Count(v => v == 0), 230, 370); // Binomial(1000, 0.3): mean 300, sd 14.5
    }

    [Fact]
    public void BadShapesBecomeTorchExceptionsWithLibtorchsMessage()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.nn.functional.linear(randn(2, 3), randn(4, 5)));
        Assert.Contains("shapes cannot be multiplied", e.Message);
    }
}
