// Line figure: named curves over a shared x axis (loss or accuracy per epoch, train/dev/test).
// Not for point clouds (ScatterFigure) or matrices (HeatmapFigure).
using System.Text.Json.Nodes;

namespace Homework.Reports;

/// <summary>Named curves with a legend; build with <see cref="Figure.Line"/>.</summary>
public sealed record LineFigure : Figure
{
    internal LineFigure(string title, string xTitle, string yTitle, IReadOnlyList<Series> series) : base(title)
    {
        if (series.Count == 0)
            throw new ArgumentException($"line figure '{title}' has no series; pass at least one Series");
        XTitle = Check.Name(xTitle, "x axis title");
        YTitle = Check.Name(yTitle, "y axis title");
        Series = series;
    }

    /// <summary>The x axis title (e.g. "epoch").</summary>
    public string XTitle { get; }
    /// <summary>The y axis title (e.g. "loss").</summary>
    public string YTitle { get; }
    /// <summary>The curves, drawn in order with Plotly's default colours.</summary>
    public IReadOnlyList<Series> Series { get; }
    /// <summary>Logarithmic y axis; every finite y value must then be positive.</summary>
    public bool LogY { get; init; }
    /// <summary>Logarithmic x axis (e.g. gradient steps over decades); every finite x value must then be positive.</summary>
    public bool LogX { get; init; }
    /// <summary>Draw a marker at each point as well as the line (useful for few points).</summary>
    public bool Markers { get; init; }
    /// <summary>Ticks on whole x values only (epochs, counts): never 1.5 or 2.5.</summary>
    public bool IntegerX { get; init; }
    /// <inheritdoc/>
    public override int Width => 900;
    /// <inheritdoc/>
    public override int Height => 520;

    private protected override JsonArray Traces()
    {
        var traces = new JsonArray();
        foreach (var s in Series)
        {
            if (LogX && s.X.Any(x => double.IsFinite(x) && x <= 0))
                throw new ArgumentException($"line figure '{Title}': series '{s.Name}' has x ≤ 0, which a log axis cannot show; drop those points or set LogX = false");
            if (LogY)
                for (var i = 0; i < s.Y.Count; i++)
                    if (double.IsFinite(s.Y[i]) && s.Y[i] <= 0)
                        throw new ArgumentException(
                            $"line figure '{Title}': series '{s.Name}' has y = {s.Y[i]} at index {i}, which a log axis cannot show; " +
                            "drop non-positive values or set LogY = false");
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = Markers ? "lines+markers" : "lines",
                ["name"] = s.Name,
                ["x"] = PlotlyJson.Numbers(s.X),
                ["y"] = PlotlyJson.Numbers(s.Y),
            });
        }
        return traces;
    }

    private protected override JsonObject Layout()
    {
        var layout = PlotlyJson.LegendLayout(XTitle, YTitle);
        if (LogY) layout["yaxis"]!["type"] = "log";
        if (LogX) layout["xaxis"]!["type"] = "log";
        if (IntegerX)
        {
            // About ten ticks at most, on whole numbers: dtick 1 for 30 epochs would crowd the axis.
            var xs = Series.SelectMany(s => s.X).Where(double.IsFinite).DefaultIfEmpty(1).ToList();
            layout["xaxis"]!["tickmode"] = "linear";
            layout["xaxis"]!["tick0"] = Math.Floor(xs.Min());
            layout["xaxis"]!["dtick"] = Math.Max(1, Math.Ceiling((xs.Max() - xs.Min()) / 10));
        }
        return layout;
    }
}
