namespace Homework.Reports.Tests;

public sealed class SubplotsFigureTests
{
    private static LineFigure Panel(string title) =>
        Figure.Line(title, "epoch", title, Series.Indexed("train", [1.0, 0.5]), Series.Indexed("dev", [1.1, 0.6]));

    [Fact]
    public void Each_panel_gets_its_own_axes_and_title_and_a_name_one_legend_entry_and_colour()
    {
        var f = Figure.Subplots("Training", 2, Panel("loss"), Panel("accuracy"), Panel("error") with { LogY = true });
        Assert.Equal((2, 2), (f.Columns, f.Rows));
        var plot = f.ToPlotly();
        var data = plot["data"]!.AsArray();
        Assert.Equal(["x", "x", "x2", "x2", "x3", "x3"], data.Select(t => (string?)t!["xaxis"]));
        Assert.Equal(["y", "y", "y2", "y2", "y3", "y3"], data.Select(t => (string?)t!["yaxis"]));
        Assert.Equal([true, true, false, false, false, false], data.Select(t => (bool)t!["showlegend"]!));
        Assert.Equal(3, data.Count(t => (string?)t!["line"]!["color"] == "#1f77b4" && (string?)t["name"] == "train"));
        var layout = plot["layout"]!;
        Assert.Equal(["loss", "accuracy", "error"], layout["annotations"]!.AsArray().Select(a => (string?)a!["text"]));
        Assert.Equal("accuracy", (string?)layout["yaxis2"]!["title"]!["text"]);
        Assert.Equal("log", (string?)layout["yaxis3"]!["type"]);
        Assert.Equal("x3", (string?)layout["yaxis3"]!["anchor"]);
    }

    [Fact]
    public void Only_line_and_scatter_figures_can_be_panels()
    {
        var e = Assert.Throws<ArgumentException>(() => Figure.Subplots("S", 2, Panel("loss"), Figure.Heatmap("H", "a", "b", "v", new double[1, 1])));
        Assert.Contains("panel 'H' is a HeatmapFigure", e.Message);
        Assert.Contains("no panels", Assert.Throws<ArgumentException>(() => Figure.Subplots("S", 2)).Message);
    }
}
