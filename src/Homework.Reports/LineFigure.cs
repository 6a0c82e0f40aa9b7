// Line figure: named curves over a shared x axis (loss or accuracy per epoch, train/dev/test), optionally with
// filled bands between two curves (a spread over seeds, a confidence interval).
// Not for point clouds (ScatterFigure) or matrices (HeatmapFigure).
using System.Text.Json.Serialization;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>Named curves with a legend; build with <see cref="Figure.Line"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record LineFigure : Figure
{
    [JsonConstructor]
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
    /// <summary>The curves, drawn in order; a curve and a band of the same name share a colour and a legend entry.</summary>
    public IReadOnlyList<Series> Series { get; }
    /// <summary>Filled areas between two curves, drawn under the series.</summary>
    public IReadOnlyList<Band> Bands { get; init; } = [];
    /// <summary>Logarithmic y axis; every finite y value must then be positive.</summary>
    public bool LogY { get; init; }
    /// <summary>Logarithmic x axis (e.g. λ or n over decades); every finite x value must then be positive.</summary>
    public bool LogX { get; init; }
    /// <summary>Draw a marker at each point as well as the line (useful for few points).</summary>
    public bool Markers { get; init; }
    /// <summary>Ticks on whole x values only (epochs, counts): never 1.5 or 2.5; about ten ticks at most. Not with <see cref="LogX"/>.</summary>
    public bool IntegerX { get; init; }
    /// <summary>
    /// The visible y range [Min, Max] in data units, like matplotlib's ylim (e.g. the homework's), used only while every
    /// curve and band stays inside it: a range that would clip data is dropped and the axis fits the data. Null fits the data.
    /// </summary>
    [JsonConverter(typeof(RangeJson))]
    public (double Min, double Max)? YRange { get; init; }

    // Whether every finite y of the curves and bands lies in YRange, so the axis shows that range.
    private bool YRangeFits => YRange is { } r && Series.SelectMany(s => s.Y).Concat(Bands.SelectMany(b => b.Lower.Concat(b.Upper)))
        .Where(double.IsFinite).All(v => v >= r.Min && v <= r.Max);

    /// <summary>The caption, then whether the y axis shows <see cref="YRange"/> or fits the data because the data leaves it.</summary>
    public override string ShownCaption => YRange is not { } r ? Caption
        : FormattableString.Invariant($"{Caption} {(YRangeFits ? $"y shown over [{r.Min:g}, {r.Max:g}]." : $"The y range [{r.Min:g}, {r.Max:g}] is not used: the data leaves it, so the axis fits the data.")}").TrimStart();
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Width => 900;
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Height => 520;

    internal override PlotSpec Spec(Palette palette)
    {
        var spec = new PlotSpec();
        foreach (var b in Bands)
        {
            CheckLog(LogX, "x", $"band '{b.Name}'", b.X);
            CheckLog(LogY, "y", $"band '{b.Name}'", b.Lower);
            CheckLog(LogY, "y", $"band '{b.Name}'", b.Upper);
            var ownEntry = Series.All(s => s.Name != b.Name);
            // plotly fills "tonexty" down to the trace before it: the lower edge goes first, drawn without a line.
            spec.Traces.Add(new Scatter
            {
                name = b.Name, legendgroup = b.Name, showlegend = false, hoverinfo = "skip", mode = "lines",
                x = PlotSpec.Finite(b.X), y = PlotSpec.Finite(b.Lower), line = new Line { width = 0, color = palette.Of(b.Name) },
            });
            spec.Traces.Add(new Scatter
            {
                name = b.Name, legendgroup = b.Name, showlegend = ownEntry, mode = "lines",
                x = PlotSpec.Finite(b.X), y = PlotSpec.Finite(b.Upper), line = new Line { width = 0, color = palette.Of(b.Name) },
                fill = "tonexty", fillcolor = palette.Of(b.Name, 0.2),
            });
        }
        foreach (var s in Series)
        {
            CheckLog(LogX, "x", $"series '{s.Name}'", s.X);
            CheckLog(LogY, "y", $"series '{s.Name}'", s.Y);
            var colour = palette.Of(s.Group ?? s.Name);
            spec.Traces.Add(new Scatter
            {
                name = s.Name, legendgroup = s.Group ?? s.Name, showlegend = true, mode = Markers ? "lines+markers" : "lines",
                x = PlotSpec.Finite(s.X), y = PlotSpec.Finite(s.Y),
                line = new Line { color = colour, dash = s.Dashed ? "dash" : "solid" }, marker = new Marker { color = colour },
            });
        }
        spec.Layout.showlegend = true;
        var x = PlotSpec.XAxis(XTitle);
        if (LogX) x.type = "log";
        if (IntegerX && !LogX)
        {
            // About ten ticks at most, on whole numbers: dtick 1 for 30 epochs would crowd the axis.
            var xs = Series.SelectMany(s => s.X).Concat(Bands.SelectMany(b => b.X)).Where(double.IsFinite).DefaultIfEmpty(1).ToList();
            x.tickmode = "linear";
            x.tick0 = Math.Floor(xs.Min());
            x.dtick = Math.Max(1, Math.Ceiling((xs.Max() - xs.Min()) / 10));
            x.tickformat = "d";
        }
        var y = PlotSpec.YAxis(YTitle);
        if (LogY) y.type = "log";
        if (YRange is { } r)
        {
            if (!(r.Min < r.Max) || (LogY && r.Min <= 0))
                throw new ArgumentException($"line figure '{Title}': YRange ({r.Min}, {r.Max}) must have Min < Max (and Min > 0 on a log axis)");
            // plotly reads a log axis's range in log10 units
            if (YRangeFits) y.range = LogY ? new[] { Math.Log10(r.Min), Math.Log10(r.Max) } : new[] { r.Min, r.Max };
        }
        spec.Axes.Add(new AxisPair(x, y));
        return spec;
    }

    private void CheckLog(bool log, string axis, string what, IReadOnlyList<double> values)
    {
        if (!log) return;
        for (var i = 0; i < values.Count; i++)
            if (double.IsFinite(values[i]) && values[i] <= 0)
                throw new ArgumentException(
                    $"line figure '{Title}': {what} has {axis} = {values[i]} at index {i}, which a log axis cannot show; " +
                    $"drop non-positive values or set Log{axis.ToUpperInvariant()} = false");
    }
}
