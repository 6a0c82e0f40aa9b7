// cs229-f20/q3-kernel-perceptron --quick: RBF > dot product > invalid kernel (Q3(c)), the invalid kernel predicting 1 everywhere.
using System.Globalization;
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229F20;

public sealed class Q3KernelPerceptronTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static double Number(RunRecord record, string name) =>
        double.Parse(record.Numbers.Single(n => n.Name == name).Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Quick_run_ranks_rbf_over_dot_product_over_the_invalid_kernel()
    {
        var (record, html, _) = harness.RunQuick("cs229-f20/q3-kernel-perceptron");
        Assert.True(record.Succeeded, record.Error);
        var (dot, rbf, invalid) = (Number(record, "test accuracy, dot product"), Number(record, "test accuracy, RBF, σ = 1"), Number(record, "test accuracy, invalid −1[x = z]"));
        Assert.True(rbf > 0.9, $"RBF {rbf}");
        Assert.InRange(dot, 0.6, rbf - 0.05);
        Assert.True(invalid < 0.5, $"invalid {invalid}");
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Equal(2, record.Comparisons.Count);
        Assert.Contains("kernel: test points by prediction", html);
    }
}
