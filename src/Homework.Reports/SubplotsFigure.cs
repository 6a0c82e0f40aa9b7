// Subplots figure: several line or scatter figures in one grid, each on its own axes under its own title
// (e.g. loss and accuracy side by side, one panel per λ). A panel's caption is not shown: the figure has one caption.
using System.Text.Json.Serialization;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>Line and scatter panels in a grid sharing colours and legend entries by name; build with <see cref="Figure.Subplots"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record SubplotsFigure : Figure
{
    private const int CellWidth = 460, CellHeight = 340;

    [JsonConstructor]
    internal SubplotsFigure(string title, int columns, IReadOnlyList<Figure> panels) : base(title)
    {
        if (panels.Count == 0)
            throw new ArgumentException($"subplots '{title}' has no panels; pass at least one line or scatter figure");
        if (columns < 1)
            throw new ArgumentException($"subplots '{title}' has {columns} columns; pass at least 1");
        foreach (var p in panels)
            if (p is not (LineFigure or ScatterFigure))
                throw new ArgumentException(
                    $"subplots '{title}': panel '{p.Title}' is a {p.GetType().Name}; only line and scatter figures can be panels (add the others as figures of their own)");
        Columns = Math.Min(columns, panels.Count);
        Panels = panels;
    }

    /// <summary>Panels per row.</summary>
    public int Columns { get; }
    /// <summary>Rows of the grid.</summary>
    [JsonIgnore]
    public int Rows => (Panels.Count + Columns - 1) / Columns;
    /// <summary>The panels, filled row by row; their titles are drawn above them.</summary>
    public IReadOnlyList<Figure> Panels { get; }
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Width => Columns * CellWidth + 200;
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Height => Rows * CellHeight + 140;

    internal override PlotSpec Spec(Palette palette)
    {
        var spec = new PlotSpec();
        var annotations = new List<Annotation>();
        var inLegend = new HashSet<string>();
        for (var i = 0; i < Panels.Count; i++)
        {
            var panel = Panels[i].Spec(palette);
            foreach (var trace in panel.Traces)
            {
                PlotSpec.OnAxes(trace, i);
                // One legend entry per name: "train" in every panel is one curve kind, toggled together (legendgroup).
                if (trace is Scatter { showlegend: true } s && !inLegend.Add(s.name)) s.showlegend = false;
                spec.Traces.Add(trace);
            }
            spec.Axes.AddRange(panel.Axes);
            annotations.Add(ImageGridFigure.PanelTitle(Panels[i].Title, i));
        }
        PlotSpec.Grid(spec.Axes, Columns, xGap: 0.08, yGap: 0.16);
        spec.Layout.annotations = annotations;
        spec.Layout.showlegend = true;
        return spec;
    }
}
