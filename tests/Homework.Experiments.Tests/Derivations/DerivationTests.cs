// Every derivation is registered with its check and its check holds; each kind of check fails when a wrong formula
// is planted in it (the homework's own wrong reference answers among them); the pages render every formula in
// headless chromium and reference nothing remote.
using System.Text.RegularExpressions;
using Homework.Experiments.Derivations;
using Homework.Experiments.Derivations.Checks;
using Homework.Experiments;
using Homework.Experiments.Cmu10417;
using Homework.GradCheck;
using Homework.Reports;
using Homework.Experiments.Tests;
using Homework.TestSupport;

namespace Homework.Experiments.Tests.Derivations;

public sealed class DerivationTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-derivations-");

    public void Dispose() => root.Delete(recursive: true);

    private string Reports => Path.Combine(root.FullName, "reports");

    public static TheoryData<string> Ids => [.. DerivationRegistry.All.Select(d => d.Id)];

    // The issue's coverage list: each question has at least one derivation whose questions name it.
    [Theory]
    [InlineData("cs229-w25", "Q1(a)"), InlineData("cs229-w25", "Q1(b)"), InlineData("cs229-w25", "Q1(d)"), InlineData("cs229-w25", "Q1(e)"),
     InlineData("cs229-w25", "Q2(a)"), InlineData("cs229-w25", "Q3(a)"), InlineData("cs229-w25", "Q4(a)"),
     InlineData("cs229-f20", "Q1(d)"), InlineData("cs229-f20", "Q4(a)"), InlineData("cs229-f20", "Q4(b)"), InlineData("cs229-f20", "Q4(c)"), InlineData("cs229-f20", "Q4(e)"),
     InlineData("cs229-f20", "Q6(a)"), InlineData("cs229-f20", "Q6(b)"), InlineData("cs229-f20", "Q6(c)"), InlineData("cs229-f20", "Q6(d)"),
     InlineData("wpi-ds541", "Q1"), InlineData("wpi-ds541", "Q2 (case l = k)"), InlineData("wpi-ds541", "Q2 (case l ≠ k)"),
     InlineData("cmu-10417", "Problem 1.1"), InlineData("cmu-10417", "Problem 1.2"), InlineData("cmu-10417", "Problem 1.3"),
     InlineData("cmu-10417", "Problem 2.1"), InlineData("cmu-10417", "Problem 2.2"), InlineData("cmu-10417", "Problem 2.3"),
     InlineData("cmu-10417", "Problem 2.4"), InlineData("cmu-10417", "Problem 2.5"), InlineData("cmu-10417", "Problem 2.6"),
     InlineData("cmu-10417", "Part 4.1"), InlineData("cmu-10417", "Part 4.2"), InlineData("cmu-10417", "Part 4.3"), InlineData("cmu-10417", "Part 4.4"),
     InlineData("cmu-10417", "Part 5.1"), InlineData("cmu-10417", "Part 5.2"),
     InlineData("tdt4265", "Task 1a"), InlineData("tdt4265", "Task 1b"), InlineData("tdt4265", "Task 4a")]
    public void The_issues_questions_are_covered(string homework, string question) =>
        Assert.Contains(DerivationRegistry.All, d => d.Homework.Key == homework && d.Questions.Contains(question, StringComparison.Ordinal));

    [Fact]
    public void Every_derivation_has_a_check_and_every_check_a_derivation_and_the_experiments_it_names_exist()
    {
        Assert.True(DerivationRegistry.All.Count >= 35, $"{DerivationRegistry.All.Count} derivations");
        Assert.Equal(DerivationRegistry.All.Select(d => d.Id).Order(), DerivationChecks.All.Keys.Order());
        foreach (var d in DerivationRegistry.All)
        {
            Assert.Matches(@"^[a-z0-9-]+/[a-z0-9.-]+$", d.Id);
            Assert.All(d.Experiments, id => Assert.NotNull(ExperimentRegistry.Find(id)));
            Assert.Contains("## The question", d.Markdown);
            Assert.Contains("## Result", d.Markdown);
            if (d.Erratum.Length > 0) Assert.Contains("## Erratum", d.Markdown);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_check_holds(string id)
    {
        var outcome = DerivationChecks.For(id).Run();
        Assert.True(outcome.Passed, $"{id}: {string.Join("; ", outcome.Lines.Where(l => !l.Passed).Select(l => $"{l.Cells[0]} {l.Cells[1]}: {l.Failure}"))}");
    }

    [Fact]
    public void Errata_are_marked_where_the_homework_is_wrong()
    {
        Assert.Contains("b₁", DerivationRegistry.Find("cmu-10417/p1.2-four-step-neurons")!.Erratum);
        Assert.Contains("p(1−p)", DerivationRegistry.Find("cmu-10417/p4-5.1-dropout-scalar")!.Erratum);
    }

    // Kind 1, gradients: the softmax cross-entropy's manual gradient with the sign of p − y flipped (y − p).
    private sealed class Planted(ITwinCheck inner, Func<torch.Tensor, torch.Tensor> plant) : ITwinCheck
    {
        public string Name => inner.Name;
        public string Source => inner.Source;
        public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed) => [.. inner.Run(dtype, seed).Select(c => c with { Manual = plant(c.Manual) })];
    }

    [Fact]
    public void A_gradient_check_fails_on_a_planted_wrong_formula()
    {
        var right = new GradientCheck("SoftmaxCrossEntropy");
        Assert.True(right.Run().Passed);
        var wrong = new GradientCheck(new Planted(TwinChecks.Find("SoftmaxCrossEntropy"), g => -g));
        var outcome = wrong.Run();
        Assert.False(outcome.Passed);
        Assert.All(outcome.Lines, l => Assert.Equal("FAIL", l.Cells[^1]));
        // A small slip too: p − y off by 1e-6 in every element.
        Assert.False(new GradientCheck(new Planted(TwinChecks.Find("SoftmaxCrossEntropy"), g => g + 1e-6)).Run().Passed);
    }

    // Kind 2, identities: σ′ = σ(1 + σ) instead of σ(1 − σ), against the same autograd reference.
    [Fact]
    public void A_witness_fails_on_a_planted_wrong_formula()
    {
        var check = (WitnessCheck)DerivationChecks.For("cmu-10417/p2.1-sigmoid-derivative");
        var witness = (Witness)check.Witnesses[0];
        var planted = check with
        {
            Witnesses = [witness with { Claimed = () => { var s = linspace(-12, 12, 241, float64).sigmoid(); return (s * (1 + s)).data<double>().ToArray(); } }],
        };
        Assert.True(check.Run().Passed);
        Assert.False(planted.Run().Passed);
    }

    // Kind 3, expectations: the homework's reference answer to 5.1, with −p(1−p)(xw)², against the same Monte Carlo draws.
    [Fact]
    public void A_monte_carlo_estimate_fails_on_the_reference_answers_sign()
    {
        var check = (WitnessCheck)DerivationChecks.For("cmu-10417/p4-5.1-dropout-scalar");
        var estimate = check.Witnesses.OfType<Estimate>().Single();
        const double p = 0.7, x = 1.3, y = 0.7, w = 0.9;
        var referenceAnswer = Math.Pow(y - p * x * w, 2) - p * (1 - p) * Math.Pow(x * w, 2);
        Assert.True(estimate.Line().Passed);
        Assert.False((estimate with { Claimed = () => referenceAnswer }).Line().Passed);
        // Even a small error is caught: 5 % off the variance term.
        var slightly = Math.Pow(y - p * x * w, 2) + 1.05 * p * (1 - p) * Math.Pow(x * w, 2);
        Assert.False((estimate with { Claimed = () => slightly }).Line().Passed);
    }

    // Kind 4, constructions: the homework's b₁ = 0.9 as P1.2's construction, and P1.3's construction without telescoping.
    [Fact]
    public void A_construction_check_fails_on_a_planted_wrong_construction()
    {
        double[] labels = [.. StepNeurons.Points.Select(q => (double)q.Y)];
        Claim Realises(StepNeurons.Construction c) => new("realises the four points",
            () => (StepNeurons.Points.Select(q => c.Output(q.X)).SequenceEqual(labels), ""), "exact");
        Assert.True(Realises(StepNeurons.Corrected).Line().Passed);
        Assert.False(Realises(StepNeurons.Stated).Line().Passed);

        var random = new Random(3);
        var points = Enumerable.Range(0, 20).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var targets = Enumerable.Range(0, 20).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var (u, b, a) = StepInterpolant.Build(points, targets, random);
        Assert.All(points.Select((q, i) => StepInterpolant.Output(u, b, a, q) - targets[i]), e => Assert.InRange(e, -1e-12, 1e-12));
        var untelescoped = a.Select((_, j) => a.Take(j + 1).Sum()).ToArray();   // a_j = y_(j): the sorted labels themselves
        Assert.Contains(points.Select((q, i) => Math.Abs(StepInterpolant.Output(u, b, untelescoped, q) - targets[i])), e => e > 1e-3);
    }

    [Fact]
    public void A_derivation_page_renders_every_formula_and_links_back_to_its_experiment()
    {
        var d = DerivationRegistry.Find("cs229-f20/q6d-batchnorm-input")!;
        var record = DerivationRunner.Write(d, Reports, TextWriter.Null);
        Assert.True(record.Passed);
        var index = Path.Combine(Reports, d.Id, "index.html");
        var html = File.ReadAllText(index);
        var formulas = Regex.Matches(html, "class=\"math\"").Count;
        Assert.True(formulas >= 10, $"{formulas} formulas in the page");

        var dom = RenderedPage.Dom(index);
        Assert.DoesNotContain("katex-error", dom);
        Assert.Equal(formulas, Regex.Matches(dom, "<span class=\"katex\">").Count);
        // What a reader sees: no TeX delimiters left outside KaTeX's hidden source annotations.
        var visible = Regex.Replace(Regex.Replace(dom, "<annotation[^>]*>.*?</annotation>|<script.*?</script>|<style.*?</style>", "", RegexOptions.Singleline), "<[^>]+>", "");
        Assert.DoesNotContain("did not load", visible);
        Assert.DoesNotContain("$", visible);
        Assert.DoesNotContain("\\(", visible);
        Assert.DoesNotContain("\\[", visible);
        Assert.Contains("holds", dom);
    }

    [Fact]
    public void A_derivation_page_and_its_experiments_page_link_each_other()
    {
        DerivationRunner.Write(DerivationRegistry.Find("cmu-10417/p1.2-four-step-neurons")!, Reports, TextWriter.Null);
        using var harness = new ExperimentHarness();
        var (_, html, _) = harness.RunQuick("cmu-10417/p1.2-step-neurons");
        Assert.Contains("<a href=\"../../cmu-10417/p1.2-step-neurons/index.html\">cmu-10417/p1.2-step-neurons</a>",
            File.ReadAllText(Path.Combine(Reports, "cmu-10417/p1.2-four-step-neurons/index.html")));
        // A quick run's page sits one folder deeper (reports/quick/<id>), and its link climbs one step more.
        Assert.Contains("<a href=\"../../../cmu-10417/p1.2-four-step-neurons/index.html\">cmu-10417/p1.2-four-step-neurons</a>", html);
        Assert.True(File.Exists(Path.Combine(harness.Reports, "quick", "cmu-10417/p1.2-step-neurons/index.html")));
    }

}
