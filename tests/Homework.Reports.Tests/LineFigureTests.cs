using System.Text.Json.Nodes;

namespace Homework.Reports.Tests;

public sealed class LineFigureTests
{
    private static double?[] Numbers(JsonNode? a) => [.. a!.AsArray().Select(v => (double?)v)];

    [Fact]
    public void Each_series_is_a_named_line_trace_with_a_legend_and_axis_titles()
    {
        var plot = Figure.Line("Loss", "epoch", "loss",
            Series.Indexed("train", [0.9, 0.5]), Series.Indexed("dev", [1.0, 0.7]), Series.Indexed("test", [1.1, 0.8])).ToPlotly();
        var data = plot["data"]!.AsArray();
        Assert.Equal(["train", "dev", "test"], data.Select(t => (string?)t!["name"]));
        Assert.All(data, t => Assert.Equal("lines", (string?)t!["mode"]));
        Assert.Equal([1.0, 2.0], Numbers(data[1]!["x"]));
        Assert.Equal([1.0, 0.7], Numbers(data[1]!["y"]));
        var layout = plot["layout"]!;
        Assert.Equal("epoch", (string?)layout["xaxis"]!["title"]!["text"]);
        Assert.Equal("loss", (string?)layout["yaxis"]!["title"]!["text"]);
        Assert.True((bool)layout["showlegend"]!);
        Assert.Null(layout["yaxis"]!["type"]);
    }

    [Fact]
    public void LogY_sets_a_log_axis()
    {
        var plot = (Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0, 0.1])) with { LogY = true }).ToPlotly();
        Assert.Equal("log", (string?)plot["layout"]!["yaxis"]!["type"]);
    }

    [Fact]
    public void Log_axes_tick_in_powers_of_ten_written_1e_4_not_in_si_prefixes()
    {
        // plotly's default exponentformat on a log axis is SI ("100µ", "10n", "10f"), which reads as a unit.
        var layout = (Figure.Line("Step", "λ", "step", new Series("s", [1e-4, 1e-2], [1e-15, 1e-8])) with { LogX = true, LogY = true }).ToPlotly()["layout"]!;
        Assert.Equal("e", (string?)layout["xaxis"]!["exponentformat"]);
        Assert.Equal("e", (string?)layout["yaxis"]!["exponentformat"]);
        var linear = Figure.Line("Step", "t", "step", new Series("s", [1.0, 2.0], [1.0, 2.0])).ToPlotly()["layout"]!;
        Assert.Null(linear["yaxis"]!["exponentformat"]);
    }

    [Fact]
    public void A_groups_curves_share_its_colour_and_legend_group_and_a_dashed_curve_is_drawn_dashed()
    {
        Series Curve(string setting, string part, bool dashed) => Series.Indexed($"{setting} — {part}", [1.0, 0.5]) with { Group = setting, Dashed = dashed };
        var data = Figure.Line("Loss", "epoch", "loss", Curve("a", "train", false), Curve("a", "test", true), Curve("b", "train", false), Curve("b", "test", true))
            .ToPlotly()["data"]!.AsArray();
        string Colour(int i) => (string)data[i]!["line"]!["color"]!;
        Assert.Equal(Colour(0), Colour(1));
        Assert.Equal(Colour(2), Colour(3));
        Assert.NotEqual(Colour(0), Colour(2));
        Assert.Equal(["solid", "dash", "solid", "dash"], data.Select(t => (string)t!["line"]!["dash"]!));
        Assert.Equal(["a", "a", "b", "b"], data.Select(t => (string)t!["legendgroup"]!));
    }

    [Fact]
    public void A_y_range_that_would_clip_a_curve_is_dropped_and_the_axis_fits_the_data()
    {
        // TDT4265 4(c): the homework's ylim 0.7-0.95 hid the curves that fall below 0.7.
        var f = Figure.Line("Accuracy", "step", "accuracy", Series.Indexed("λ = 1", [0.6, 0.8]), Series.Indexed("λ = 0", [0.8, 0.9])) with { YRange = (0.7, 0.95) };
        Assert.Null(f.ToPlotly()["layout"]!["yaxis"]!["range"]);
        var banded = Figure.Line("Accuracy", "step", "accuracy", Series.Indexed("λ = 0", [0.8, 0.9]))
            with { YRange = (0.7, 0.95), Bands = [new Band("λ = 0", [1.0, 2.0], [0.75, 0.8], [0.9, 0.96])] };
        Assert.Null(banded.ToPlotly()["layout"]!["yaxis"]!["range"]);
    }

    [Fact]
    public void The_caption_says_whether_the_y_range_was_used()
    {
        var clipped = Figure.Line("Accuracy", "step", "accuracy", Series.Indexed("λ = 1", [0.6, 0.8])) with { YRange = (0.7, 0.95), Caption = "Accuracy." };
        Assert.Equal("Accuracy. The y range [0.7, 0.95] is not used: the data leaves it, so the axis fits the data.", clipped.ShownCaption);
        var inside = Figure.Line("Accuracy", "step", "accuracy", Series.Indexed("λ = 1", [0.8, 0.9])) with { YRange = (0.7, 0.95), Caption = "Accuracy." };
        Assert.Equal("Accuracy. y shown over [0.7, 0.95].", inside.ShownCaption);
        Assert.Equal("Accuracy.", (clipped with { YRange = null }).ShownCaption);
    }

    [Fact]
    public void LogY_with_a_non_positive_value_names_the_series_and_index()
    {
        var f = Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0, 0.0])) with { LogY = true };
        var e = Assert.Throws<ArgumentException>(() => f.ToPlotly());
        Assert.Contains("series 'train' has y = 0 at index 1", e.Message);
        Assert.Contains("LogY = false", e.Message);
    }

    [Fact]
    public void YRange_zooms_the_y_axis_in_data_units_and_log10_units_on_a_log_axis()
    {
        var f = Figure.Line("Loss", "step", "loss", Series.Indexed("train", [0.15, 0.1])) with { YRange = (0, 0.2) };
        Assert.Equal([0.0, 0.2], Numbers(f.ToPlotly()["layout"]!["yaxis"]!["range"]));
        var log = f with { LogY = true, YRange = (0.01, 100) };
        Assert.Equal([-2.0, 2.0], Numbers(log.ToPlotly()["layout"]!["yaxis"]!["range"]));
        Assert.Null(Figure.Line("Loss", "step", "loss", Series.Indexed("train", [0.5])).ToPlotly()["layout"]!["yaxis"]!["range"]);
        Assert.Contains("Min < Max", Assert.Throws<ArgumentException>(() => (f with { YRange = (1, 1) }).ToPlotly()).Message);
    }

    [Fact]
    public void Non_finite_values_become_gaps()
    {
        var plot = Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0, double.NaN, double.PositiveInfinity, 2.0])).ToPlotly();
        Assert.Equal([1.0, null, null, 2.0], Numbers(plot["data"]![0]!["y"]));
    }

    [Fact]
    public void A_figure_needs_series_and_axis_titles()
    {
        Assert.Contains("no series", Assert.Throws<ArgumentException>(() => Figure.Line("Loss", "epoch", "loss")).Message);
        Assert.Contains("axis title", Assert.Throws<ArgumentException>(() => Figure.Line("Loss", "", "loss", Series.Indexed("a", [1.0]))).Message);
    }

    [Fact]
    public void LogX_sets_a_log_x_axis_and_refuses_non_positive_x()
    {
        var f = Figure.Line("Risk", "n", "risk", new Series("ridge", [100.0, 1000.0], [1.0, 0.5])) with { LogX = true };
        Assert.Equal("log", (string?)f.ToPlotly()["layout"]!["xaxis"]!["type"]);
        var bad = Figure.Line("Risk", "λ", "risk", new Series("ridge", [0.0, 1.0], [1.0, 0.5])) with { LogX = true };
        var e = Assert.Throws<ArgumentException>(() => bad.ToPlotly());
        Assert.Contains("series 'ridge' has x = 0 at index 0", e.Message);
        Assert.Contains("LogX = false", e.Message);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(11, 1)]
    [InlineData(30, 3)]
    [InlineData(200, 20)]
    public void IntegerX_puts_whole_number_ticks_from_the_first_x_at_most_ten_intervals_apart(int epochs, int step)
    {
        var f = Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", new double[epochs])) with { IntegerX = true };
        var xaxis = f.ToPlotly()["layout"]!["xaxis"]!;
        Assert.Equal(("linear", "d"), ((string?)xaxis["tickmode"], (string?)xaxis["tickformat"]));
        Assert.Equal(1.0, (double)xaxis["tick0"]!);
        Assert.Equal(step, (double)xaxis["dtick"]!);
    }

    [Fact]
    public void A_band_fills_between_its_edges_under_the_series_and_shares_its_colour_and_legend_entry()
    {
        var f = Figure.Line("Loss", "epoch", "loss", Series.Indexed("dev", [1.0, 0.7]))
            with { Bands = [new Band("dev", [1.0, 2.0], [0.9, 0.6], [1.1, 0.8]), new Band("spread", [1.0, 2.0], [0.1, 0.1], [0.2, 0.2])] };
        var data = f.ToPlotly()["data"]!.AsArray();
        Assert.Equal(["dev", "dev", "spread", "spread", "dev"], data.Select(t => (string?)t!["name"]));
        // Lower edge first, then the upper edge filled down to it.
        Assert.Equal([0.9, 0.6], Numbers(data[0]!["y"]));
        Assert.Null(data[0]!["fill"]);
        Assert.Equal([1.1, 0.8], Numbers(data[1]!["y"]));
        Assert.Equal("tonexty", (string?)data[1]!["fill"]);
        // The "dev" band has the dev curve's legend entry and colour (translucent); "spread" has its own entry.
        Assert.Equal([false, false, false, true, true], data.Select(t => (bool)t!["showlegend"]!));
        Assert.Equal("#1f77b4", (string?)data[4]!["line"]!["color"]);
        Assert.Equal("rgba(31,119,180,0.2)", (string?)data[1]!["fillcolor"]);
        Assert.Equal("rgba(255,127,14,0.2)", (string?)data[3]!["fillcolor"]);
    }

    [Fact]
    public void A_band_with_edges_of_other_lengths_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Band("dev", [1.0, 2.0], [0.9], [1.1, 0.8]));
        Assert.Contains("band 'dev' (lower) has 2 x values but 1 y values", e.Message);
    }
}
