// The main job as registered experiments, --quick: the page and the record hold the homework's stated numbers
// beside ours with a verdict, and the Q4(e) counts equal the closed forms.
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229W25;

public sealed class Q4MnistTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Quick_run_compares_both_test_accuracies_with_the_homeworks()
    {
        var (record, html, _) = harness.RunQuick("cs229-w25/q4-mnist");
        Assert.True(record.Succeeded, record.Error);
        Assert.True(record.Quick);
        Assert.Equal(["0.9287", "0.9676"], record.Comparisons.Take(2).Select(c => c.Homework));
        // Two epochs on 5,000 images: well above chance (0.1), below the homework's 0.93.
        foreach (var c in record.Comparisons.Take(2))
        {
            Assert.InRange(double.Parse(c.Ours, System.Globalization.CultureInfo.InvariantCulture), 0.2, 0.92);
            Assert.Equal(Verdict.Misses, c.Verdict);
        }
        Assert.Contains("QUICK RUN", html);
        Assert.Contains("0.9287", html);
        Assert.Contains("./homework run cs229-w25/q4-mnist --impl autograd --epochs 2", html);
        // The homework's two pairs of plots, (b) and (c), each on its own, then the combined view; and the derivations behind it.
        foreach (var title in (string[])["Q4(b) loss per epoch, unregularized\"", "Q4(b) accuracy per epoch, unregularized\"",
                     "Q4(c) loss per epoch, L2 ", "Q4(c) accuracy per epoch, L2 ", "Loss per epoch\"", "Accuracy per epoch\""])
            Assert.Contains($"\"title\":{{\"text\":\"{title}", html);
        Assert.Contains("<a href=\"../../../cs229-w25/q4a-softmax-ce/index.html\">", html);   // a quick page: reports/quick/<id>
        Assert.True(File.Exists(Path.Combine(harness.Checkpoints, "cs229-w25", "q4-mnist", "quick-mlp-l2-autograd.dat")));
    }

    [Fact]
    public void Q4e_quick_run_counts_251210_cnn_parameters_and_m_315()
    {
        var (record, _, output) = harness.RunQuick("cs229-w25/q4e-cnn-vs-mlp", ("--train-size", 1000));
        Assert.True(record.Succeeded, record.Error);
        Assert.Contains(new NamedNumber("CNN parameters", "251,210"), record.Numbers);
        Assert.Contains(new NamedNumber("largest m with fewer parameters", "315"), record.Numbers);
        Assert.Equal(Verdict.Agrees, Assert.Single(record.Comparisons).Verdict);
        Assert.Contains("m = 315", output);
    }
}
