// The warm-up on the stand-in: both reshapes are drawn, and the numbers say row-major (upright garments are
// mirror-symmetric left to right, so the row-major mean image is more symmetric that way than top to bottom).
using System.Globalization;

namespace Homework.Experiments.Tests.Cmu10417;

public sealed class WarmUpTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Warm_up_draws_both_reshapes_and_answers_row_major()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/warm-up");
        Assert.True(record.Succeeded, record.Error);
        double N(string name) => double.Parse(record.Numbers.Single(n => n.Name == name).Value, CultureInfo.InvariantCulture);
        Assert.True(N("mean image, row-major: left–right asymmetry") < N("mean image, row-major: top–bottom asymmetry"));
        Assert.Contains("Examples reshaped row-major", html);
        Assert.Contains("The same examples reshaped column-major", html);
        Assert.Contains("Ankle boot", html);
        Assert.Contains("Row-major.", html);
    }
}
