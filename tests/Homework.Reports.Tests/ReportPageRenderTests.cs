using System.Text.RegularExpressions;
using Homework.TestSupport;

namespace Homework.Reports.Tests;

// Opens saved pages in headless chromium: the checks are on what plotly.js actually drew (its SVG) and on the
// pixels of the exported PNGs, never on the JSON this library wrote.
public sealed class ReportPageRenderTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-reports-test-");
    private readonly Chromium chromium = new();

    public void Dispose() => root.Delete(recursive: true);

    private static string Section(string dom, string slug)
    {
        var m = Regex.Match(dom, $"<figure id=\"{slug}\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.True(m.Success, $"figure '{slug}' is not in the rendered page");
        return m.Groups[1].Value;
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    private static string[] Texts(string section, string cssClass) =>
        [.. Regex.Matches(section, $"<text class=\"{cssClass}\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];

    [Fact]
    public void Every_figure_is_drawn_with_its_traces_titles_and_legend()
    {
        var index = SamplePage.Build().Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        var dom = RenderedPage.Dom(index);

        var loss = Section(dom, SamplePage.Loss.Slug);
        Assert.Contains("class=\"main-svg\"", loss);
        Assert.Equal(3, Count(loss, "class=\"trace scatter"));
        Assert.Equal(["train", "dev", "test"], Texts(loss, "legendtext"));
        Assert.Equal(["Loss per epoch"], Texts(loss, "gtitle"));
        Assert.Equal(["epoch"], Texts(loss, "xtitle"));
        Assert.Equal(["cross-entropy loss"], Texts(loss, "ytitle"));
        Assert.Contains("Three decreasing curves on a log axis.", loss);

        var classes = Section(dom, SamplePage.Classes.Slug);
        Assert.Contains("class=\"main-svg\"", classes);
        Assert.Equal(3, Count(classes, "class=\"trace scatter"));
        Assert.Equal(["y = 0", "y = 1", "boundary"], Texts(classes, "legendtext"));
        Assert.Equal(40, Count(classes, "class=\"point\""));

        var bowl = Section(dom, SamplePage.Surface.Slug);
        Assert.Contains("class=\"main-svg\"", bowl);
        Assert.Equal(1, Count(bowl, "<g class=\"hm\"><image"));
        Assert.Equal(["w1"], Texts(bowl, "xtitle"));
        Assert.Equal(["w2"], Texts(bowl, "ytitle"));
        Assert.Equal(["loss"], Texts(bowl, "ycb[a-z0-9]*title"));

        var weights = Section(dom, SamplePage.Weights.Slug);
        Assert.Contains("class=\"main-svg\"", weights);
        Assert.Equal(10, Count(weights, "<g class=\"hm\"><image"));
        // Ten panel titles, then the grid's axis titles, each drawn once.
        Assert.Equal([.. Enumerable.Range(0, 10).Select(k => $"digit {k}"), "column", "row"], Texts(weights, "annotation-text"));
        Assert.Equal(["weight"], Texts(weights, "ycb[a-z0-9]*title"));

        var spread = Section(dom, SamplePage.Spread.Slug);
        Assert.Equal(3, Count(spread, "class=\"trace scatter"));
        Assert.Equal(1, Count(spread, "class=\"js-fill\""));
        Assert.Equal(["mean"], Texts(spread, "legendtext"));
        // 12 epochs: whole-number ticks from epoch 1, every 2 (at most 10 intervals), none at fractions.
        Assert.Equal(["1", "3", "5", "7", "9", "11"],
            Regex.Matches(spread, "<g class=\"xtick\"><text [^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value));

        var panels = Section(dom, SamplePage.Panels.Slug);
        Assert.Equal(["loss", "accuracy", SamplePage.Classes.Title], Texts(panels, "annotation-text"));
        Assert.Equal(["train", "dev", "y = 0", "y = 1", "boundary"], Texts(panels, "legendtext"));
        Assert.Equal(["epoch", "epoch", "x1"], Texts(panels, "x[0-9]*title"));
        Assert.Equal(40, Count(panels, "class=\"point\""));
    }

    // Every figure of the saved page has a PNG of the figure's size with something drawn in it (the measures the
    // blank-page control below reads as blank).
    private void AssertExported(ReportPage page)
    {
        foreach (var f in page.Figures)
        {
            var png = PngImage.Read(page.PngPath(root.FullName, f));
            Assert.Equal((f.Width, f.Height), (png.Width, png.Height));
            var ink = png.InkFraction();
            Assert.True(ink is > 0.01 and < 0.95, $"{f.Slug}.png: {ink:P1} of pixels are not white");
            Assert.True(png.GreyVariance() > 100, $"{f.Slug}.png: grey variance {png.GreyVariance():F1}");
            Assert.True(png.DistinctColours() > 20, $"{f.Slug}.png: {png.DistinctColours()} distinct colours");
        }
    }

    [Fact]
    public void Each_figure_is_exported_to_a_png_of_its_size_that_is_not_blank()
    {
        var warnings = new StringWriter();
        var page = SamplePage.Build();
        page.Save(root.FullName, SamplePage.Options(warnings));
        Assert.Equal("", warnings.ToString());
        AssertExported(page);
    }

    [Fact]
    public void Pages_exported_one_after_another_by_one_browser_each_get_their_own_figures()
    {
        // One exporter tab serves every page: each page's PNGs must be its own figures at their own sizes (760×640,
        // 900×520, then 1010×510, 760×620), not blank and not a previous page's, including the first page again.
        var first = new ReportPage("first", "First").Add(SamplePage.Surface).Add(SamplePage.Loss);
        var second = new ReportPage("second", "Second").Add(SamplePage.Weights with { Caption = "Ten images." }).Add(SamplePage.Classes);
        var warnings = new StringWriter();
        foreach (var page in new[] { first, second, first })
        {
            page.Save(root.FullName, SamplePage.Options(warnings));
            AssertExported(page);
        }
        Assert.Equal("", warnings.ToString());
    }

    [Fact]
    public void A_plotly_js_that_is_not_plotly_fails_the_page_and_keeps_the_previous_one()
    {
        // Its own browser (the same chromium under another name): a failed export drops the browser it ran in, which
        // must not be the one the other tests share.
        var link = Path.Combine(root.FullName, "chromium");
        File.CreateSymbolicLink(link, Chromium.DebianPath);
        var good = SamplePage.Options(TextWriter.Null) with { Chromium = new Chromium(link) };
        var page = new ReportPage("sample", "Sample").Add(SamplePage.Loss);
        page.Save(root.FullName, good);
        var folder = page.Folder(root.FullName);
        var before = ReportPageTests.Snapshot(folder);

        // After the good plotly.js is loaded in the exporter, a page asking for another file gets that file.
        var bad = Path.Combine(root.FullName, "bad", ReportPage.PlotlyFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        foreach (var (script, says) in new[] { ("window.notPlotly = 1;", "defines no Plotly"), ("this is not { javascript", "did not load") })
        {
            File.WriteAllText(bad, script);
            var e = Assert.Throws<ChromiumException>(() => page.Save(root.FullName, good with { PlotlyJs = bad }));
            Assert.Contains(says, e.Message);
            Assert.Contains("./scripts/setup.sh", e.Message);
            Assert.Contains("the previous one is kept", e.Message);
            Assert.Equal(before, ReportPageTests.Snapshot(folder));
        }

        // The next page starts a fresh browser and exports again.
        page.Save(root.FullName, good);
        AssertExported(page);
    }

    [Fact]
    public void No_page_references_a_remote_url()
    {
        var index = SamplePage.Build().Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        var html = File.ReadAllText(index);
        Assert.DoesNotMatch(new Regex("(https?|ftp):|//[a-z0-9.-]+\\.[a-z]{2,}/", RegexOptions.IgnoreCase), html);
        Assert.Equal(["plotly.min.js"], Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_blank_page_measures_read_a_white_screenshot_as_blank()
    {
        // The negative control for the test above: the same measures on a page with nothing drawn.
        var html = Path.Combine(root.FullName, "blank.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><body></body></html>");
        const string white = "(() => { const c = document.createElement('canvas'); c.width = 300; c.height = 200; const g = c.getContext('2d'); " +
                             "g.fillStyle = '#fff'; g.fillRect(0, 0, 300, 200); return c.toDataURL('image/png'); })()";
        var pngPath = Path.Combine(root.FullName, "blank.png");
        File.WriteAllBytes(pngPath, Convert.FromBase64String(chromium.Evaluate(new Uri(html).AbsoluteUri, white)["data:image/png;base64,".Length..]));
        var png = PngImage.Read(pngPath);
        Assert.Equal((300, 200), (png.Width, png.Height));
        Assert.Equal(0.0, png.InkFraction());
        Assert.Equal(0.0, png.GreyVariance());
        Assert.Equal(1, png.DistinctColours());
    }

    [Fact]
    public void The_figure_query_shows_that_figure_alone()
    {
        var index = SamplePage.Build().Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        var dom = RenderedPage.Dom(index, "?figure=" + SamplePage.Surface.Slug);
        Assert.Equal(1, Count(dom, "<figure id="));
        Assert.Contains($"<figure id=\"{SamplePage.Surface.Slug}\">", dom);
        Assert.Equal(1, Count(dom, "<g class=\"hm\"><image"));
    }

    [Fact]
    public void A_page_whose_plotly_js_is_gone_says_to_run_setup()
    {
        var index = SamplePage.Build().Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        File.Delete(Path.Combine(Path.GetDirectoryName(index)!, ReportPage.PlotlyFileName));
        var dom = RenderedPage.Dom(index);
        Assert.Contains("plotly.min.js did not load", dom);
        Assert.Contains("./scripts/setup.sh", dom);
        Assert.DoesNotContain("class=\"main-svg\"", dom);
    }

    [Fact]
    public void Markup_in_data_shows_as_text_and_runs_nothing()
    {
        // What a spam mail or a user-typed value could hold, in every place a page shows strings.
        const string evil = "<script>document.title='pwned'</script><img src=x onerror=\"document.body.dataset.pwned=1\">";
        var page = new ReportPage("evil", "Title " + evil)
            .AddText("Heading " + evil, "Body " + evil)
            .AddTable("Table " + evil, ["column " + evil], [[new TableCell("cell " + evil, "note")]], "Caption " + evil)
            .Add(Figure.Line("Loss " + evil, "epoch", "loss", Series.Indexed("series " + evil, [1.0, 0.5])) with { Caption = "Figure " + evil });
        var index = page.Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        var dom = RenderedPage.Dom(index);
        Assert.DoesNotContain("pwned=\"1\"", dom);
        Assert.DoesNotContain("<title>pwned</title>", dom);
        Assert.DoesNotContain("<img src=\"x\"", dom);
        foreach (var where in new[] { "Body ", "Heading ", "cell ", "column ", "Caption ", "Figure " })
            Assert.Contains(where + "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img", dom);
        Assert.Contains("class=\"main-svg\"", dom);
    }
}
