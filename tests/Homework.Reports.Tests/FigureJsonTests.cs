// Figures are data: every kind written as JSON and read back draws the same Plotly figure, NaN gaps and ranges included.
using System.Text.Json;

namespace Homework.Reports.Tests;

public sealed class FigureJsonTests
{
    public static TheoryData<Figure> Every() =>
    [
        SamplePage.Loss, SamplePage.Classes, SamplePage.Surface with { X = [.. Enumerable.Range(0, 50).Select(i => i * 0.1)], RowsDown = true },
        SamplePage.Weights with { XTitle = "pixel column", Caption = "c" }, SamplePage.Spread, SamplePage.Panels,
        Figure.Line("Gaps and a zoom", "x", "y", new Series("with a gap", [1.0, 2.0, 3.0], [1.0, double.NaN, double.PositiveInfinity]))
            with { YRange = (0.25, 0.75), Markers = true, LogX = true, Caption = "c" },
    ];

    [Theory]
    [MemberData(nameof(Every))]
    public void A_figure_read_back_from_json_draws_the_same_plot(Figure figure)
    {
        var json = JsonSerializer.Serialize(figure);
        var back = JsonSerializer.Deserialize<Figure>(json)!;
        Assert.Equal(figure.GetType(), back.GetType());
        Assert.Equal(figure.Caption, back.Caption);
        Assert.Equal(figure.ToPlotly().ToJsonString(), back.ToPlotly().ToJsonString());
        // The spec is the figure's own fields, not its drawing: the kind names the type, no Plotly layout is stored.
        Assert.StartsWith("{\"kind\":", json);
        Assert.DoesNotContain("\"layout\"", json);
    }
}
