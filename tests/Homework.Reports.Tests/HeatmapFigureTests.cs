namespace Homework.Reports.Tests;

public sealed class HeatmapFigureTests
{
    [Fact]
    public void Z_is_written_row_by_row_with_a_titled_colour_bar()
    {
        var z = new double[,] { { 0, 1, 2 }, { 10, 11, 12 } };
        var plot = Figure.Heatmap("H", "column", "row", "value", z).ToPlotly();
        var trace = plot["data"]![0]!;
        Assert.Equal("heatmap", (string?)trace["type"]);
        Assert.Equal(2, trace["z"]!.AsArray().Count);
        Assert.Equal(12.0, (double)trace["z"]![1]![2]!);
        Assert.Equal(1.0, (double)trace["z"]![0]![1]!);
        Assert.Equal("value", (string?)trace["colorbar"]!["title"]!["text"]);
        Assert.Equal("column", (string?)plot["layout"]!["xaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Coordinates_must_match_the_matrix()
    {
        var z = new double[2, 3];
        var f = Figure.Heatmap("H", "a", "b", "v", z) with { X = [0.1, 0.2, 0.3], Y = [5.0, 6.0] };
        Assert.Equal(0.3, (double)f.ToPlotly()["data"]![0]!["x"]![2]!);
        var e = Assert.Throws<ArgumentException>(() => Figure.Heatmap("H", "a", "b", "v", z) with { X = [0.1, 0.2] });
        Assert.Contains("2 x coordinates for 3 columns", e.Message);
    }

    [Fact]
    public void RowsDown_reverses_the_y_axis()
    {
        var f = Figure.Heatmap("H", "a", "b", "v", new double[1, 1]) with { RowsDown = true };
        Assert.Equal("reversed", (string?)f.ToPlotly()["layout"]!["yaxis"]!["autorange"]);
    }
}
