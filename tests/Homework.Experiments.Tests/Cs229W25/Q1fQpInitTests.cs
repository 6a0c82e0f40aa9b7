// 000 Q1(f) as a registered experiment: GD's final errors equal numpy's GD on the same data, and the smallest α
// validates best while every α fits the training set; the two twins give one run.
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q1fQpInitTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_matches_numpy_gradient_descent_and_the_smallest_alpha_validates_best()
    {
        var expected = Cs229W25Fixture.Root.GetProperty("q1f");
        var (record, html, _) = harness.RunQuick("cs229-w25/q1f-qp-init", ("--steps", expected.GetProperty("steps").GetInt32()));
        Assert.True(record.Succeeded, record.Error);
        foreach (var run in expected.GetProperty("runs").EnumerateArray())
        {
            var alpha = run.GetProperty("alpha").GetDouble();
            Assert.Equal(run.GetProperty("validation").GetDouble(), Cs229W25Fixture.Number(record, $"final validation error, α = {alpha}"), 1e-4);
        }
        var validation = Q1fAlphas.Select(a => Cs229W25Fixture.Number(record, $"final validation error, α = {a}")).ToArray();
        Assert.True(validation[2] < validation[1] && validation[1] < validation[0], $"validation error should fall with α: {string.Join(", ", validation)}");
        Assert.Equal(Verdict.Agrees, record.Comparisons.Single(c => c.Quantity.StartsWith("which initialisation")).Verdict);
        Assert.Contains("QUICK RUN", html);
    }

    [Fact]
    public void Manual_and_autograd_twins_give_the_same_curves()
    {
        var (manual, _, _) = harness.RunQuick("cs229-w25/q1f-qp-init", ("--steps", 300), ("--impl", Homework.Training.Pairs.Impl.Manual));
        var (autograd, _, _) = harness.RunQuick("cs229-w25/q1f-qp-init", ("--steps", 300), ("--impl", Homework.Training.Pairs.Impl.Autograd));
        foreach (var a in Q1fAlphas)
            Assert.Equal(Cs229W25Fixture.Number(manual, $"final validation error, α = {a}"), Cs229W25Fixture.Number(autograd, $"final validation error, α = {a}"), 1e-4);
    }

    private static readonly double[] Q1fAlphas = Homework.Experiments.Cs229W25.Q1fQpInit.Alphas;
}
