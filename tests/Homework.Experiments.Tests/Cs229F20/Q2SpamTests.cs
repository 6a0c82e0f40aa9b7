// cs229-f20/q2-spam --quick on a subset of the real corpus: every part of Q2 lands in the record and on the page,
// the mail-derived tokens reach the page escaped, and the claims are judged from the run's numbers.
using System.Globalization;
using Homework.Experiments;

namespace Homework.Experiments.Tests.Cs229F20;

public sealed class Q2SpamTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static double Number(RunRecord record, string name) =>
        double.Parse(record.Numbers.Single(n => n.Name == name).Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public void Quick_run_reports_vocabulary_tokens_accuracies_radius_and_learning_rate()
    {
        var (record, html, output) = harness.RunQuick("cs229-f20/q2-spam");
        Assert.True(record.Succeeded, record.Error);
        Assert.True(record.Quick);
        // 800 training messages: a dictionary of thousands of words, not the whole vocabulary and not a handful.
        Assert.InRange(Number(record, "vocabulary size |V| (Q2(a))"), 1000, 20_000);
        Assert.Contains(Number(record, "best SVM radius (Q2(d))"), new[] { 0.01, 0.1, 1, 10 });
        Assert.Contains(Number(record, "best logistic-regression learning rate (Q2(e))"), new[] { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1 });
        // Naive Bayes on 800 messages is far above the 69% of always answering ham; the others above chance.
        Assert.InRange(Number(record, "naive Bayes test accuracy (Q2(b))"), 0.9, 1.0);
        Assert.InRange(Number(record, "SVM test accuracy at the best radius (Q2(d))"), 0.69, 1.0);
        Assert.InRange(Number(record, "logistic regression test accuracy at the best learning rate (Q2(e))"), 0.69, 1.0);
        Assert.Contains("The SMS Spam Collection the homework uses is not obtainable here", html);
        Assert.Contains("Quick run", html);
        Assert.Contains("ML.NET", html);
        Assert.Contains("diverged", html);
        Assert.Contains("|V| = ", output);
    }

    [Fact]
    public void Markup_tokens_reach_the_page_escaped_and_the_claims_come_from_the_numbers()
    {
        var (record, html, output) = harness.RunQuick("cs229-f20/q2-spam", ("--train-size", 600));
        Assert.True(record.Succeeded, record.Error);
        var line = output.Split('\n').First(l => l.StartsWith("naive Bayes, whitespace tokens", StringComparison.Ordinal));
        var tokens = line[(line.IndexOf("top tokens: ", StringComparison.Ordinal) + 12)..].Split(' ').SkipLast(2).ToArray();
        Assert.Equal(5, tokens.Length);
        // SpamAssassin spam is HTML: with the homework's tokenizer markup fragments are among the strongest spam tokens,
        // and each reaches the page encoded, never as markup.
        var markup = tokens.Where(t => t.IndexOfAny(['<', '>', '&', '"']) >= 0).ToArray();
        Assert.NotEmpty(markup);
        foreach (var token in markup)
        {
            Assert.DoesNotContain(token, html, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(token), html, StringComparison.Ordinal);
        }
        var claim = record.Comparisons.Single(c => c.Quantity.StartsWith("Q2(e): learned features beat", StringComparison.Ordinal));
        var accuracies = claim.Ours.Split(' ').Select(w => w.TrimEnd(',')).Where(w => double.TryParse(w, CultureInfo.InvariantCulture, out _))
            .Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, accuracies.Length);
        Assert.Equal(accuracies[0] > accuracies[1] && accuracies[0] > accuracies[2] ? Verdict.Agrees : Verdict.Misses, claim.Verdict);
    }
}
