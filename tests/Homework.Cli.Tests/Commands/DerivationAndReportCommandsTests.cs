// The derivation and report verbs as a user calls them: unknown ids are one line and exit code 2, the pages they
// write are offline, and `homework report` rewrites the index from what is on disk without running anything.
using System.Text.RegularExpressions;
using Homework.Experiments;
using Homework.Experiments.Derivations;
using Homework.Reports;

namespace Homework.Cli.Tests.Commands;

public sealed class DerivationAndReportCommandsTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-commands-");

    public void Dispose() => root.Delete(recursive: true);

    private string Reports => Path.Combine(root.FullName, "reports");

    [Fact]
    public void An_unknown_derivation_or_homework_is_one_line_and_exit_code_2()
    {
        var (code, _, stderr) = BadInputTests.Homework("derivation", "cs229-w25/nope", "--reports", Reports);
        Assert.Equal(2, code);
        Assert.Equal("error: no derivation 'cs229-w25/nope'; `homework list` shows the ids", stderr.Trim());
        (code, _, stderr) = BadInputTests.Homework("derivations", "nope", "--reports", Reports);
        Assert.Equal(2, code);
        Assert.StartsWith("error: no homework 'nope': use one of cs229-w25", stderr.Trim());
        var (listCode, stdout, _) = BadInputTests.Homework("list");
        Assert.Equal(0, listCode);
        Assert.All(DerivationRegistry.All, d => Assert.Contains(d.Id, stdout));
    }

    [Fact]
    public void Every_page_the_derivations_and_gradcheck_write_is_offline()
    {
        var (code, stdout, stderr) = BadInputTests.Homework("derivations", "--reports", Reports);
        Assert.True(code == 0, stderr);
        Assert.Contains($"{DerivationRegistry.All.Count} of {DerivationRegistry.All.Count} derivation checks hold", stdout);
        (code, _, stderr) = BadInputTests.Homework("gradcheck", "--reports", Reports);
        Assert.True(code == 0, stderr);

        var pages = Directory.GetFiles(Reports, "*.html", SearchOption.AllDirectories);
        Assert.True(pages.Length >= DerivationRegistry.All.Count + 2);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            Assert.DoesNotContain("@import", html);
        }
        var css = File.ReadAllText(Path.Combine(Reports, DerivationRegistry.All[0].Id, ReportPage.KatexFolderName, "katex.min.css"));
        foreach (Match font in Regex.Matches(css, @"url\((fonts/[^)]+\.woff2)\)"))
            Assert.True(File.Exists(Path.Combine(Reports, DerivationRegistry.All[0].Id, ReportPage.KatexFolderName, font.Groups[1].Value)), font.Value);

        // The index: a derivations section, one linked row per derivation with its verdict; the gradcheck page links derivations.
        var index = File.ReadAllText(Path.Combine(Reports, "index.html"));
        foreach (var d in DerivationRegistry.All)
            Assert.Contains($"<a href=\"{d.Id}/index.html\">{d.Id}</a>", index);
        Assert.Equal(DerivationRegistry.All.Count, Regex.Matches(index, ">holds: all ").Count);
        var gradcheck = File.ReadAllText(Path.Combine(Reports, "gradcheck", "index.html"));
        Assert.Contains("<a href=\"../cs229-w25/q4a-softmax-ce/index.html\">cs229-w25/q4a-softmax-ce</a>", gradcheck);
        Assert.Contains("<a href=\"../cs229-f20/q6d-batchnorm-input/index.html\">", gradcheck);
    }

    [Fact]
    public void Report_rewrites_the_index_from_the_results_on_disk_without_running_anything()
    {
        var reports = Reports;
        Directory.CreateDirectory(reports);
        var (code, stdout, _) = BadInputTests.Homework("report", "--reports", reports);
        Assert.Equal(0, code);
        Assert.Contains("index.html", stdout);
        var html = File.ReadAllText(Path.Combine(reports, "index.html"));
        Assert.Equal(ExperimentRegistry.All.Count, System.Text.RegularExpressions.Regex.Matches(html, ">no full run yet<").Count);
        Assert.False(Directory.Exists(Path.Combine(root.FullName, "checkpoints")));
    }

    [Fact]
    public void All_says_before_each_experiment_which_it_is_how_far_and_the_time_left()
    {
        var (code, stdout, stderr) = BadInputTests.Homework("all", "wpi-ds541", "--quick", "--jobs", "1", "--reports", Reports, "--checkpoints", Path.Combine(root.FullName, "checkpoints"));
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n').Where(l => l.StartsWith("== homework all: ")).ToList();
        var ids = ExperimentRegistry.All.Where(e => e.Homework.Key == "wpi-ds541").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, lines.Count);
        for (var i = 0; i < ids.Count; i++)
            Assert.StartsWith($"== homework all: {i + 1} of {ids.Count}, {ids[i]}; ", lines[i]);
        // A quick run has no listed times: the first line cannot estimate, the later ones extrapolate the pace so far.
        Assert.DoesNotContain("to go", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"; \d+ s so far, about \d+ s to go$", l));
    }
}
