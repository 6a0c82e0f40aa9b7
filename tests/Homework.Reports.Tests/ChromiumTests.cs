namespace Homework.Reports.Tests;

public sealed class ChromiumTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-chromium-test-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void A_missing_browser_names_the_setup_script()
    {
        var chromium = new Chromium(Path.Combine(root.FullName, "chromium"));
        Assert.False(chromium.IsAvailable);
        var e = Assert.Throws<ChromiumException>(() => chromium.Evaluate("about:blank", "1"));
        Assert.Contains("./scripts/setup.sh", e.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_browser_that_hangs_is_stopped_at_the_time_limit()
    {
        var hang = Path.Combine(root.FullName, "hang.sh");
        File.WriteAllText(hang, "#!/bin/sh\nsleep 60\n");
        File.SetUnixFileMode(hang, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var started = DateTime.UtcNow;
        var e = Assert.Throws<ChromiumException>(() => new Chromium(hang, TimeSpan.FromSeconds(1)).Evaluate("about:blank", "1"));
        Assert.Contains("did not start within 1 s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Evaluate_awaits_a_promise_after_the_page_loaded()
    {
        var html = Path.Combine(root.FullName, "p.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><body><script>setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p id=\"late\">' + (6 * 7) + '</p>'), 500);</script></body></html>");
        const string late = "new Promise(r => { const poll = () => { const p = document.getElementById('late'); p ? r(document.body.innerHTML) : setTimeout(poll, 20); }; poll(); })";
        Assert.Contains("<p id=\"late\">42</p>", new Chromium().Evaluate(new Uri(html).AbsoluteUri, late));
    }

    [Fact]
    public void ExportPngs_gives_null_for_a_figure_plotly_cannot_export_and_draws_the_others()
    {
        // A width that is not a number makes Plotly.toImage reject; the figure after it is still drawn, at its size.
        const string figures = """
            [{"slug":"bad","data":[{"y":[1,2]}],"layout":{"width":"wide","height":100}},
             {"slug":"good","data":[{"y":[1,3,2]}],"layout":{"width":300,"height":200}}]
            """;
        var chromium = new Chromium();
        chromium.Prestart(Path.Combine(root.FullName, "no-such-plotly.min.js"));  // a failed prestart is left to the export
        var pngs = chromium.ExportPngs(SamplePage.PlotlyJs, figures);
        Assert.Equal(["bad", "good"], pngs.Keys.Order());
        Assert.Null(pngs["bad"]);
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, pngs["good"]);
        var path = Path.Combine(root.FullName, "good.png");
        File.WriteAllBytes(path, Convert.FromBase64String(pngs["good"]![prefix.Length..]));
        var png = PngImage.Read(path);
        Assert.Equal((300, 200), (png.Width, png.Height));
        Assert.True(png.DistinctColours() > 20, $"{png.DistinctColours()} distinct colours");
    }
}
