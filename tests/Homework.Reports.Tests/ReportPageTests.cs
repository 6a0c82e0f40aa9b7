namespace Homework.Reports.Tests;

public sealed class ReportPageTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-reports-test-");

    public void Dispose() => root.Delete(recursive: true);

    private static LineFigure Loss(string title = "Loss") =>
        Figure.Line(title, "epoch", "loss", Series.Indexed("train", [1.0, 0.5])) with { Caption = "Training loss." };

    [Fact]
    public void Save_writes_index_html_beside_a_copy_of_plotly_js()
    {
        var index = new ReportPage("mnist", "MNIST").Add(Loss()).Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        Assert.Equal(Path.Combine(root.FullName, "mnist", "index.html"), index);
        var copy = Path.Combine(root.FullName, "mnist", ReportPage.PlotlyFileName);
        Assert.Equal(File.ReadAllBytes(SamplePage.PlotlyJs), File.ReadAllBytes(copy));
        var html = File.ReadAllText(index);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", html);
        Assert.DoesNotContain("http", html);
        Assert.Contains("<figcaption>Training loss.</figcaption>", html);
    }

    [Fact]
    public void A_missing_plotly_js_names_the_setup_script()
    {
        var page = new ReportPage("mnist", "MNIST").Add(Loss());
        var options = new ReportOptions { PlotlyJs = Path.Combine(root.FullName, "nowhere", "plotly.min.js"), ExportPng = false };
        var e = Assert.Throws<FileNotFoundException>(() => page.Save(root.FullName, options));
        Assert.Contains("./scripts/setup.sh", e.Message);
        Assert.False(Directory.Exists(Path.Combine(root.FullName, "mnist")));
    }

    [Fact]
    public void Without_chromium_the_page_is_saved_and_one_warning_says_how_to_install_it()
    {
        var warnings = new StringWriter();
        var options = SamplePage.Options(warnings) with { Chromium = new Chromium(Path.Combine(root.FullName, "no-chromium")) };
        var index = new ReportPage("mnist", "MNIST").Add(Loss()).Save(root.FullName, options);
        Assert.True(File.Exists(index));
        Assert.Contains("chromium not found", warnings.ToString());
        Assert.Contains("./scripts/setup.sh", warnings.ToString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(index)!, "*.png"));
    }

    [Fact]
    public void A_failing_browser_leaves_the_previous_page_and_its_files_as_they_were()
    {
        var index = new ReportPage("mnist", "MNIST").Add(Loss("Loss")).Save(root.FullName, SamplePage.Options(TextWriter.Null, png: false));
        var folder = Path.GetDirectoryName(index)!;
        File.WriteAllText(Path.Combine(folder, "loss.png"), "the previous PNG");
        var before = Snapshot(folder);

        var options = SamplePage.Options(TextWriter.Null) with { Chromium = new Chromium("/bin/false") };
        var e = Assert.Throws<ChromiumException>(() => new ReportPage("mnist", "MNIST, again").Add(Loss("Loss")).Add(Loss("Accuracy")).Save(root.FullName, options));

        Assert.Contains("PNGs of report 'mnist' could not be made (chromium ended before it listened", e.Message);
        Assert.Contains("the previous one is kept", e.Message);
        Assert.Equal(before, Snapshot(folder));
        Assert.Equal(["mnist"], Directory.GetFileSystemEntries(root.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void A_published_page_replaces_its_folder_whole_and_staging_of_a_dead_process_is_removed()
    {
        var options = SamplePage.Options(TextWriter.Null, png: false);
        var index = new ReportPage("hw/q1", "First").Add(Loss()).Save(root.FullName, options);
        File.WriteAllText(Path.Combine(root.FullName, "hw", "q1", "stale.png"), "a figure the new page no longer has");
        // What a process killed mid-write leaves: a staging folder named after a process id that no longer runs.
        var abandoned = Directory.CreateDirectory(Path.Combine(root.FullName, "hw", ".q1.staging-999999999-0")).FullName;

        using (var staged = new ReportPage("hw/q1", "Second").Add(Loss()).Stage(root.FullName, options))
        {
            File.WriteAllText(Path.Combine(staged.Folder, "result.json"), "{}");
            Assert.Contains("<title>First</title>", File.ReadAllText(index));
            Assert.False(Directory.Exists(abandoned));
            staged.Publish();
        }

        Assert.Contains("<title>Second</title>", File.ReadAllText(index));
        Assert.Equal(["index.html", ReportPage.PlotlyFileName, "result.json"], Snapshot(Path.GetDirectoryName(index)!).Keys.Order());
        Assert.Equal(["q1"], Directory.GetFileSystemEntries(Path.Combine(root.FullName, "hw")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_staged_page_that_is_not_published_leaves_nothing()
    {
        var options = SamplePage.Options(TextWriter.Null, png: false);
        using (new ReportPage("mnist", "MNIST").Add(Loss()).Stage(root.FullName, options)) { }
        using (new ReportPage(ReportPage.Root, "Index").AddText("", "x").Stage(root.FullName, options)) { }
        Assert.Empty(Directory.GetFileSystemEntries(root.FullName));
    }

    internal static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Figures_need_a_caption_and_distinct_titles()
    {
        var page = new ReportPage("mnist", "MNIST");
        var e = Assert.Throws<ArgumentException>(() => page.Add(Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0]))));
        Assert.Contains("has no caption", e.Message);
        page.Add(Loss("Loss (train)"));
        e = Assert.Throws<ArgumentException>(() => page.Add(Loss("loss: train")));
        Assert.Contains("distinct title", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MNIST")]
    [InlineData("../mnist")]
    [InlineData("a b")]
    public void Experiment_names_must_be_folder_safe(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new ReportPage(name, "T"));
        Assert.Contains("lower-case letters, digits", e.Message);
    }

    [Fact]
    public void An_empty_page_is_not_saved()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ReportPage("mnist", "MNIST").Save(root.FullName, SamplePage.Options(TextWriter.Null)));
        Assert.Contains("is empty", e.Message);
    }

    [Fact]
    public void Text_cannot_break_out_of_the_html_or_the_script()
    {
        var f = Figure.Line("Loss <b>", "epoch", "loss", Series.Indexed("</script><script>alert(1)</script>", [1.0]))
            with { Caption = "a < b & c" };
        var html = new ReportPage("mnist", "<i>MNIST</i>").Add(f).Render().Html;
        Assert.Contains("<h1>&lt;i&gt;MNIST&lt;/i&gt;</h1>", html);
        Assert.Contains("<figcaption>a &lt; b &amp; c</figcaption>", html);
        Assert.DoesNotContain("alert(1)</script>", html);
        Assert.Equal(2, html.Split("</script>").Length - 1);
    }
}
