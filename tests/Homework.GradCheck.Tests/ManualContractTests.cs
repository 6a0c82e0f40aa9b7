// Binding a check's hand-derived side to a type: the registered checks bind the project's classes through the same
// binding a student's class goes through, and a type without the contract gets a message naming what is missing.
using Homework.GradCheck.Checks;
using TorchSharp;

namespace Homework.GradCheck.Tests;

public class ManualContractTests
{
    // Neither a LinearMap nor a loss: what a student's class looks like before it has the contract.
    public sealed class NoContract;

    public static class HalfALoss
    {
        public static torch.Tensor Forward(torch.Tensor logits, torch.Tensor targets) => logits;
    }

    [Fact]
    public void The_registered_replaceable_checks_differentiate_the_projects_classes_and_rebind_to_the_same_rows()
    {
        var replaceable = TwinChecks.All.OfType<IReplaceableCheck>().ToList();
        Assert.Equal(["BatchNorm", "Cnn", "LeastSquares", "LinearMap", "LogisticRegression", "QuadraticModel", "ReLU", "Ridge", "SigmoidMlp", "SingleLayerMLP",
                      "SoftmaxCrossEntropy", "SoftmaxCrossEntropyLoss", "SoftmaxRegression", "TwoLayerMLP", "TwoThreeOneNetwork"],
            replaceable.Select(c => c.Name));
        Assert.Equal(
            [typeof(Homework.Manual.Models.BatchNorm), typeof(Homework.Manual.Models.Cnn), typeof(Homework.Manual.Models.LeastSquares), typeof(Homework.Manual.Cmu.LinearMap),
             typeof(Homework.Manual.Models.LogisticRegression), typeof(Homework.Manual.Models.QuadraticModel), typeof(Homework.Manual.Cmu.ReLU), typeof(Homework.Manual.Models.Ridge),
             typeof(Homework.Manual.Models.SigmoidMlp), typeof(Homework.Manual.Cmu.SingleLayerMLP), typeof(Homework.Manual.Models.SoftmaxCrossEntropy),
             typeof(Homework.Manual.Cmu.SoftmaxCrossEntropyLoss), typeof(Homework.Manual.Models.SoftmaxRegression), typeof(Homework.Manual.Cmu.TwoLayerMLP),
             typeof(Homework.Manual.Models.TwoThreeOneNetwork)],
            replaceable.Select(c => c.Manual));
        foreach (var check in replaceable)
        {
            using var scope = NewDisposeScope();
            var again = check.With(check.Manual);
            Assert.Equal(check.Name, again.Name);
            var (a, b) = (check.Run(float64, 2), again.Run(float64, 2));
            Assert.Equal(a.Select(r => r.Parameter), b.Select(r => r.Parameter));
            for (var i = 0; i < a.Count; i++) Assert.Equal(a[i].Manual.data<double>().ToArray(), b[i].Manual.data<double>().ToArray());
        }
    }

    [Fact]
    public void Each_seed_of_a_replaceable_check_has_its_own_shape_and_an_odd_batch_is_among_them()
    {
        using var scope = NewDisposeScope();
        var linear = new LinearMapCheck();
        var dx = new[] { 0L, 1, 2 }.Select(s => linear.Run(float64, s).Single(r => r.Parameter == "dx").Manual.shape).ToList();
        Assert.Equal(3, dx.Select(s => string.Join(",", s)).Distinct().Count());
        Assert.Contains(dx, s => s[1] % 2 == 1);                          // dx is (indim, batch)
        Assert.Equal([5L, 4], dx[0]);                                      // seed 0: the README table's shape
    }

    [Fact]
    public void A_type_without_the_contract_is_told_the_member_it_needs()
    {
        var model = Assert.Throws<ContractException>(() => new LinearMapCheck().With(typeof(NoContract)));
        Assert.Equal("class NoContract must implement IManualModel<LinearMap.Cache, LinearMap.Gradients>", model.Message);
        var loss = Assert.Throws<ContractException>(() => new SoftmaxCrossEntropyCheck().With(typeof(HalfALoss)));
        Assert.Equal("class HalfALoss needs a method public static (torch.Tensor, SoftmaxCrossEntropy.Cache) Forward(torch.Tensor logits, torch.Tensor targets)", loss.Message);
    }

    [Fact]
    public void A_missing_instance_method_is_named_with_its_signature()
    {
        var e = Assert.Throws<ContractException>(() => ManualContract.InstanceMethod<TwoThreeOneNetworkCheck.W12Formula>(typeof(Homework.Manual.Models.LeastSquares), "GradW12"));
        Assert.Equal("class LeastSquares needs a method public torch.Tensor GradW12(torch.Tensor X, torch.Tensor y)", e.Message);
    }

    [Fact]
    public void A_missing_constructor_is_named_with_its_parameters()
    {
        var e = Assert.Throws<ContractException>(() => ManualContract.Constructor<LinearMapCheck.Create>(typeof(Homework.Manual.Models.LeastSquares)));
        Assert.Contains("must implement IManualModel<LinearMap.Cache, LinearMap.Gradients>", e.Message);
        var ctor = Assert.Throws<ContractException>(() => ManualContract.Constructor<Func<long, Homework.Manual.Models.LeastSquares>>(typeof(Homework.Manual.Models.LeastSquares)));
        Assert.Equal("class LeastSquares needs a public constructor LeastSquares(long arg)", ctor.Message);
    }
}
