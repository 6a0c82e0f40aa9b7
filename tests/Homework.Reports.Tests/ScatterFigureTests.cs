namespace Homework.Reports.Tests;

public sealed class ScatterFigureTests
{
    [Fact]
    public void Classes_are_marker_traces_with_their_symbols_then_lines_follow()
    {
        var f = Figure.Scatter("Data", "x1", "x2",
                new Points("y = 0", [0.0, 1.0], [0.0, 1.0], MarkerSymbol.CircleOpen),
                new Points("y = 1", [2.0], [2.0], MarkerSymbol.X))
            with { Lines = [new Series("boundary", [0.0, 2.0], [2.0, 0.0])] };
        var data = f.ToPlotly()["data"]!.AsArray();
        Assert.Equal(["y = 0", "y = 1", "boundary"], data.Select(t => (string?)t!["name"]));
        Assert.Equal(["markers", "markers", "lines"], data.Select(t => (string?)t!["mode"]));
        Assert.Equal("circle-open", (string?)data[0]!["marker"]!["symbol"]);
        Assert.Equal("x-thin-open", (string?)data[1]!["marker"]!["symbol"]);
        Assert.True((bool)f.ToPlotly()["layout"]!["showlegend"]!);
    }

    [Fact]
    public void Every_marker_symbol_has_a_plotly_name()
    {
        var names = Enum.GetValues<MarkerSymbol>()
            .Select(s => (string?)Figure.Scatter("D", "a", "b", new Points("c", [0.0], [0.0], s)).ToPlotly()["data"]![0]!["marker"]!["symbol"])
            .ToList();
        Assert.Equal(["circle", "circle-open", "x-thin-open", "cross-thin-open", "square", "diamond", "triangle-up"], names);
    }

    [Fact]
    public void EqualAxes_anchors_y_to_x()
    {
        var f = Figure.Scatter("D", "a", "b", new Points("c", [0.0], [0.0])) with { EqualAxes = true };
        Assert.Equal("x", (string?)f.ToPlotly()["layout"]!["yaxis"]!["scaleanchor"]);
    }
}
