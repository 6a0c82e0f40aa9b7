namespace Homework.Reports.Tests;

public sealed class ImageGridFigureTests
{
    private static GridImage Image(string title, double value) => new(title, new[,] { { value, 0 }, { 0, 0 } });

    [Fact]
    public void Ten_images_in_five_columns_make_two_rows_of_heatmaps_on_their_own_axes()
    {
        var f = Figure.ImageGrid("W", "weight", 5, [.. Enumerable.Range(0, 10).Select(k => Image($"digit {k}", k))]);
        Assert.Equal(2, f.Rows);
        var plot = f.ToPlotly();
        var data = plot["data"]!.AsArray();
        Assert.Equal(10, data.Count);
        Assert.Equal(["x", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"], data.Select(t => (string?)t!["xaxis"]));
        Assert.Equal([true, false, false, false, false, false, false, false, false, false], data.Select(t => (bool)t!["showscale"]!));
        var layout = plot["layout"]!;
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"digit {k}"), layout["annotations"]!.AsArray().Take(10).Select(a => (string?)a!["text"]));
        Assert.Equal("y7 domain", (string?)layout["annotations"]![6]!["yref"]);
        Assert.Equal("weight", (string?)data[0]!["colorbar"]!["title"]!["text"]);
    }

    [Fact]
    public void Ten_images_in_five_columns_sit_in_two_rows_of_five_cells()
    {
        var layout = Figure.ImageGrid("W", "weight", 5, [.. Enumerable.Range(0, 10).Select(k => Image($"digit {k}", k))]).ToPlotly()["layout"]!;
        double[] Domain(string axis) => [.. layout[axis]!["domain"]!.AsArray().Select(v => (double)v!)];
        // Image 7 (0-based 6) is row 1, column 1: x in the second fifth, y in the lower half.
        var (x, y) = (Domain("xaxis7"), Domain("yaxis7"));
        Assert.True(x[0] > 0.2 && x[1] < 0.4, $"x domain {x[0]}..{x[1]}");
        Assert.True(y[0] >= 0 && y[1] < 0.5, $"y domain {y[0]}..{y[1]}");
        Assert.Equal("y7", (string?)layout["xaxis7"]!["anchor"]);
        Assert.Equal("x7", (string?)layout["yaxis7"]!["scaleanchor"]);
    }

    [Fact]
    public void One_colour_range_spans_all_images()
    {
        var data = Figure.ImageGrid("W", "v", 2, Image("a", -3), Image("b", 7)).ToPlotly()["data"]!.AsArray();
        Assert.All(data, t => Assert.Equal((-3.0, 7.0), ((double)t!["zmin"]!, (double)t["zmax"]!)));
    }

    [Fact]
    public void Axis_titles_are_written_once_for_the_grid_and_tick_labels_sit_on_its_outer_edge()
    {
        // 3 images in 2 columns; TDT4265 4(b)'s 2 × 10 grid repeated "pixel column" under every image of its bottom row.
        var grid = Figure.ImageGrid("W", "v", 2, Image("a", 1), Image("b", 2), Image("c", 3)) with { XTitle = "pixel column", YTitle = "pixel row" };
        var layout = grid.ToPlotly()["layout"]!;
        foreach (var axis in (string[])["xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"]) Assert.Null(layout[axis]!["title"]);
        var texts = layout["annotations"]!.AsArray().Select(a => (string)a!["text"]!).ToList();
        Assert.Equal(1, texts.Count(t => t == "pixel column"));
        Assert.Equal(1, texts.Count(t => t == "pixel row"));
        var row = layout["annotations"]!.AsArray().Single(a => (string)a!["text"]! == "pixel row")!;
        Assert.Equal(-90, (double)row["textangle"]!);
        Assert.Equal([false, true, true], new[] { "xaxis", "xaxis2", "xaxis3" }.Select(a => (bool)layout[a]!["showticklabels"]!));
        Assert.Equal([true, false, true], new[] { "yaxis", "yaxis2", "yaxis3" }.Select(a => (bool)layout[a]!["showticklabels"]!));
        Assert.Equal("reversed", (string?)layout["yaxis2"]!["autorange"]);
    }

    [Fact]
    public void An_empty_grid_is_refused()
    {
        Assert.Contains("no images", Assert.Throws<ArgumentException>(() => Figure.ImageGrid("W", "v", 5)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() => Figure.ImageGrid("W", "v", 0, Image("a", 1))).Message);
    }
}
