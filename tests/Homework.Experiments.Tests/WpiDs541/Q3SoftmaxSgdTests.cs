// WPI DS541 HW2 Q3, --quick: the grid covers two values of each hyperparameter, the chosen configuration is the one with
// the lowest validation cross entropy, and the test set is evaluated once, after tuning.
using System.Globalization;
using Homework.Experiments.WpiDs541;

namespace Homework.Experiments.Tests.WpiDs541;

public sealed class Q3SoftmaxSgdTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_tunes_sixteen_configurations_then_tests_once()
    {
        var (record, html, output) = harness.RunQuick("wpi-ds541/q3-softmax-sgd");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal("16", record.Numbers.Single(n => n.Name == "grid configurations").Value);
        var correct = double.Parse(record.Numbers.Single(n => n.Name == "test percent correct").Value, CultureInfo.InvariantCulture);
        Assert.InRange(correct, 60, 100);                     // ten classes: chance is 10%
        Assert.Single(output.Split('\n'), l => l.StartsWith("test:", StringComparison.Ordinal));
        Assert.Contains("Tuning: every configuration on the validation split", html);
    }

    [Fact]
    public void Best_takes_the_lowest_validation_cross_entropy_then_the_highest_accuracy()
    {
        Q3SoftmaxSgd.Tuned[] grid =
        [
            new(100, 0.1, 5, 1e-4, 0.50, 0.84),
            new(500, 0.1, 5, 1e-4, 0.45, 0.83),
            new(100, 0.5, 15, 1e-3, 0.45, 0.85),
        ];
        Assert.Equal(grid[2], Q3SoftmaxSgd.Best(grid));
    }
}
