// Markdown blocks with math: KaTeX copied beside the page (and plotly.js only where there are figures), raw HTML shown
// as text, every formula typeset by the local KaTeX in headless chromium; relative links may climb with leading "../".
using System.Text.RegularExpressions;
using Homework.TestSupport;

namespace Homework.Reports.Tests;

public sealed class MarkdownPageTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-markdown-test-");

    public void Dispose() => root.Delete(recursive: true);

    private const string Text = """
        ## Derivation
        Inline $\sigma'(x) = \sigma(x)(1 - \sigma(x))$ and a list:

        1. $\frac{\partial L}{\partial o} = p - y$ with <script>alert(1)</script> in the text.

        $$
        \nabla_W J = X^\top (P - Y) + 2\lambda W
        $$
        """;

    [Fact]
    public void A_markdown_page_carries_katex_not_plotly_and_escapes_raw_html()
    {
        var index = new ReportPage("cmu/p2", "Derivation").AddMarkdown(Text).Save(root.FullName, new ReportOptions { ExportPng = false });
        var folder = Path.GetDirectoryName(index)!;
        Assert.False(File.Exists(Path.Combine(folder, ReportPage.PlotlyFileName)));
        Assert.Equal(File.ReadAllBytes(Fixtures.Data("katex", "katex.min.js")), File.ReadAllBytes(Path.Combine(folder, "katex", "katex.min.js")));
        Assert.True(File.Exists(Path.Combine(folder, "katex", "fonts", "KaTeX_Main-Regular.woff2")));
        var html = File.ReadAllText(index);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("plotly.min.js\"", html);
        Assert.Equal(3, Regex.Matches(html, "class=\"math\"").Count);
    }

    [Fact]
    public void Chromium_typesets_every_formula_with_the_local_katex()
    {
        var index = new ReportPage("cmu/p2", "Derivation").AddMarkdown(Text).Save(root.FullName, new ReportOptions { ExportPng = false });
        var dom = RenderedPage.Dom(index);
        Assert.Equal(3, Regex.Matches(dom, "<span class=\"katex\">").Count);           // a display formula is a katex span inside katex-display
        Assert.Single(Regex.Matches(dom, "<span class=\"katex-display\">"));
        Assert.DoesNotContain("katex-error", dom);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom);

        // A formula KaTeX cannot parse is shown as an error, never silently as raw TeX or a blank.
        var bad = new ReportPage("cmu/bad", "Bad").AddMarkdown("Broken $\\frac{1$ here.").Save(root.FullName, new ReportOptions { ExportPng = false });
        Assert.Contains("katex-error", RenderedPage.Dom(bad));
    }

    [Theory]
    [InlineData("../../cs229-w25/q4-mnist/index.html", true)]
    [InlineData("cs229-w25/q4-mnist/index.html", true)]
    [InlineData("a/../../b/index.html", false)]
    [InlineData("../..", false)]
    [InlineData("https://example.com/x", false)]
    public void Links_may_climb_only_with_leading_steps(string href, bool allowed)
    {
        var page = new ReportPage("x/y", "Links").AddTable("t", ["link"], [(IReadOnlyList<TableCell>)[new TableCell("go", Href: href)]]);
        if (allowed) Assert.Contains($"<a href=\"{href}\">go</a>", page.Render().Html);
        else Assert.Throws<ArgumentException>(() => page.Render().Html);
    }
}
