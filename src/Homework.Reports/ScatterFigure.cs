// Scatter figure: classes of 2-D points with a marker each, plus optional curves over them such as decision boundaries.
// Not for curves alone (LineFigure).
using System.Text.Json.Serialization;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>Point classes with per-class markers and optional boundary curves; build with <see cref="Figure.Scatter"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ScatterFigure : Figure
{
    [JsonConstructor]
    internal ScatterFigure(string title, string xTitle, string yTitle, IReadOnlyList<Points> classes) : base(title)
    {
        if (classes.Count == 0)
            throw new ArgumentException($"scatter figure '{title}' has no point classes; pass at least one Points");
        XTitle = Check.Name(xTitle, "x axis title");
        YTitle = Check.Name(yTitle, "y axis title");
        Classes = classes;
    }

    /// <summary>The x axis title (e.g. "x₁").</summary>
    public string XTitle { get; }
    /// <summary>The y axis title (e.g. "x₂").</summary>
    public string YTitle { get; }
    /// <summary>The point classes, one legend entry each.</summary>
    public IReadOnlyList<Points> Classes { get; }
    /// <summary>Curves drawn over the points (e.g. decision boundaries), one legend entry each.</summary>
    public IReadOnlyList<Series> Lines { get; init; } = [];
    /// <summary>One unit on x is as long as one unit on y, so boundaries keep their true angles.</summary>
    public bool EqualAxes { get; init; }
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Width => 760;
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Height => 620;

    internal override PlotSpec Spec(Palette palette)
    {
        var spec = new PlotSpec();
        foreach (var c in Classes)
            spec.Traces.Add(new Scatter
            {
                name = c.Name, legendgroup = c.Name, showlegend = true, mode = "markers",
                x = PlotSpec.Finite(c.X), y = PlotSpec.Finite(c.Y),
                marker = new Marker { symbol = PlotSpec.Symbol(c.Symbol), size = 8, color = palette.Of(c.Name), line = new Line { width = 1.5 } },
            });
        foreach (var l in Lines)
            spec.Traces.Add(new Scatter
            {
                name = l.Name, legendgroup = l.Name, showlegend = true, mode = "lines",
                x = PlotSpec.Finite(l.X), y = PlotSpec.Finite(l.Y), line = new Line { width = 2, color = palette.Of(l.Name) },
            });
        spec.Layout.showlegend = true;
        spec.Axes.Add(new AxisPair(PlotSpec.XAxis(XTitle), PlotSpec.YAxis(YTitle), EqualScale: EqualAxes));
        return spec;
    }
}
