// Scatter figure: classes of 2-D points with a marker each, plus optional curves such as decision boundaries.
// Not for curves alone (LineFigure).
using System.Text.Json.Nodes;

namespace Homework.Reports;

/// <summary>Point classes with per-class markers and optional boundary curves; build with <see cref="Figure.Scatter"/>.</summary>
public sealed record ScatterFigure : Figure
{
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
    public override int Width => 760;
    /// <inheritdoc/>
    public override int Height => 620;

    private protected override JsonArray Traces()
    {
        var traces = new JsonArray();
        foreach (var c in Classes)
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = c.Name,
                ["x"] = PlotlyJson.Numbers(c.X),
                ["y"] = PlotlyJson.Numbers(c.Y),
                ["marker"] = new JsonObject
                {
                    ["symbol"] = PlotlyJson.Symbol(c.Symbol),
                    ["size"] = 8,
                    ["line"] = new JsonObject { ["width"] = 1.5 },
                },
            });
        foreach (var l in Lines)
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["name"] = l.Name,
                ["x"] = PlotlyJson.Numbers(l.X),
                ["y"] = PlotlyJson.Numbers(l.Y),
                ["line"] = new JsonObject { ["width"] = 2 },
            });
        return traces;
    }

    private protected override JsonObject Layout()
    {
        var layout = PlotlyJson.LegendLayout(XTitle, YTitle);
        if (EqualAxes) layout["yaxis"]!["scaleanchor"] = "x";
        return layout;
    }
}
