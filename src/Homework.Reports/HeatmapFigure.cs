// Heatmap figure: one matrix as colours with a titled colour bar (a loss surface, a confusion matrix).
// Several small images side by side are an ImageGridFigure instead.
using System.Text.Json.Serialization;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>A matrix <c>Z[row, column]</c> drawn as colours; build with <see cref="Figure.Heatmap"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record HeatmapFigure : Figure
{
    [JsonConstructor]
    internal HeatmapFigure(string title, string xTitle, string yTitle, string valueTitle, double[,] z) : base(title)
    {
        if (z.GetLength(0) == 0 || z.GetLength(1) == 0)
            throw new ArgumentException($"heatmap '{title}' is empty; pass at least a 1×1 matrix");
        XTitle = Check.Name(xTitle, "x axis title");
        YTitle = Check.Name(yTitle, "y axis title");
        ValueTitle = Check.Name(valueTitle, "colour bar title");
        Z = z;
    }

    /// <summary>The x axis title (columns).</summary>
    public string XTitle { get; }
    /// <summary>The y axis title (rows).</summary>
    public string YTitle { get; }
    /// <summary>The colour bar title: what the colours measure.</summary>
    public string ValueTitle { get; }
    /// <summary>Values indexed [row, column]; NaN leaves a cell blank.</summary>
    [JsonConverter(typeof(MatrixJson))]
    public double[,] Z { get; }

    /// <summary>Coordinates of the columns (default 0, 1, ...); as many as Z has columns.</summary>
    public IReadOnlyList<double>? X
    {
        get;
        init => field = value is null || value.Count == Z.GetLength(1) ? value
            : throw new ArgumentException($"heatmap '{Title}': {value.Count} x coordinates for {Z.GetLength(1)} columns; pass one per column");
    }

    /// <summary>Coordinates of the rows (default 0, 1, ...); as many as Z has rows.</summary>
    public IReadOnlyList<double>? Y
    {
        get;
        init => field = value is null || value.Count == Z.GetLength(0) ? value
            : throw new ArgumentException($"heatmap '{Title}': {value.Count} y coordinates for {Z.GetLength(0)} rows; pass one per row");
    }

    /// <summary>A Plotly colour scale name (Viridis, RdBu, Greys, ...).</summary>
    public string ColorScale { get; init; } = "Viridis";
    /// <summary>Row 0 at the top, as in a matrix or an image, instead of at the bottom as in a plot.</summary>
    public bool RowsDown { get; init; }
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Width => 760;
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Height => 640;

    internal override PlotSpec Spec(Palette palette)
    {
        var spec = new PlotSpec();
        var trace = new Heatmap { name = ValueTitle, z = PlotSpec.Rows(Z), colorscale = ColorScale, colorbar = PlotSpec.ColorBar(ValueTitle) };
        if (X is not null) trace.x = PlotSpec.Finite(X);
        if (Y is not null) trace.y = PlotSpec.Finite(Y);
        spec.Traces.Add(trace);
        var y = PlotSpec.YAxis(YTitle);
        if (RowsDown) y.autorange = "reversed";
        spec.Axes.Add(new AxisPair(PlotSpec.XAxis(XTitle), y));
        return spec;
    }
}
