// cs229-w25/q3-simple-nn --quick: the step network is 100% accurate with allowed weights (Q3(b)); linear hidden layers
// stay below 100% and the classes are not separable (Q3(c)); the Q3(a) formula equals autograd.
using System.Globalization;
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q3SimpleNnTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_step_network_is_perfect_and_linear_hidden_layers_are_not()
    {
        var (record, html, _) = harness.RunQuick("cs229-w25/q3-simple-nn");
        Assert.True(record.Succeeded, record.Error);
        Assert.All(record.Comparisons, c => Assert.Equal(Verdict.Agrees, c.Verdict));
        Assert.Equal("1.0000", record.Comparisons.Single(c => c.Quantity == "Q3(b) step network, training accuracy").Ours);
        var bound = double.Parse(record.Numbers.Single(n => n.Name.StartsWith("Q3(c) best accuracy of any line", StringComparison.Ordinal)).Value, CultureInfo.InvariantCulture);
        Assert.InRange(bound, 0.5, 0.99);
        Assert.Contains("not separable", record.Comparisons.Single(c => c.Quantity.StartsWith("Q3(c) the classes", StringComparison.Ordinal)).Ours);
        Assert.Contains("step_weights: the step network", html);
    }

    [Fact]
    public void The_report_index_and_the_page_name_the_weight_in_plain_text_not_raw_latex()
    {
        var (record, html) = harness.RunFull("cs229-w25/q3-simple-nn");
        Assert.True(record.Succeeded, record.Error);
        // The index lists a full run's comparisons: their quantities are shown as text, which KaTeX never sees.
        var index = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(harness.Reports, "index.html")));
        Assert.Contains("Q3(a) the w⁽¹⁾₁,₂ update formula equals autograd", index);
        foreach (var text in (string[])[html, index])
            Assert.DoesNotMatch(@"\^\{|_\{|\\frac", text);
    }
}
