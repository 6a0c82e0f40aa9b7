// Image grid figure: small titled images (e.g. the 10 class weight images of 28×28) as a grid of heatmaps
// sharing one colour scale, so equal colours mean equal values across images. One matrix alone is a HeatmapFigure.
using System.Text.Json.Serialization;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>Titled images in a grid with one shared colour bar; build with <see cref="Figure.ImageGrid"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ImageGridFigure : Figure
{
    private const int CellWidth = 170, CellHeight = 190;

    [JsonConstructor]
    internal ImageGridFigure(string title, string valueTitle, int columns, IReadOnlyList<GridImage> images) : base(title)
    {
        if (images.Count == 0)
            throw new ArgumentException($"image grid '{title}' has no images; pass at least one GridImage");
        if (columns < 1)
            throw new ArgumentException($"image grid '{title}' has {columns} columns; pass at least 1");
        ValueTitle = Check.Name(valueTitle, "colour bar title");
        Columns = Math.Min(columns, images.Count);
        Images = images;
    }

    /// <summary>The colour bar title: what the pixel values are (e.g. "weight").</summary>
    public string ValueTitle { get; }
    /// <summary>Images per row.</summary>
    public int Columns { get; }
    /// <summary>Rows of the grid.</summary>
    [JsonIgnore]
    public int Rows => (Images.Count + Columns - 1) / Columns;
    /// <summary>The images, filled row by row.</summary>
    public IReadOnlyList<GridImage> Images { get; }
    /// <summary>The x axis title, once, under the grid.</summary>
    public string XTitle { get; init; } = "column";
    /// <summary>The y axis title, once, left of the grid.</summary>
    public string YTitle { get; init; } = "row";
    /// <summary>A Plotly colour scale name (Viridis, RdBu, Greys, ...).</summary>
    public string ColorScale { get; init; } = "Viridis";
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Width => Columns * CellWidth + 160;
    /// <inheritdoc/>
    [JsonIgnore]
    public override int Height => Rows * CellHeight + 130;

    internal override PlotSpec Spec(Palette palette)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var image in Images)
            foreach (var v in image.Pixels)
                if (double.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        var spec = new PlotSpec();
        var annotations = new List<Annotation>();
        for (var i = 0; i < Images.Count; i++)
        {
            // One colour range for all images (zmin/zmax) and one colour bar (the first image's), so colours compare across images.
            var trace = new Heatmap { name = Images[i].Title, z = PlotSpec.Rows(Images[i].Pixels), colorscale = ColorScale, showscale = i == 0 };
            if (min <= max) (trace.zmin, trace.zmax) = (min, max);
            if (i == 0) trace.colorbar = PlotSpec.ColorBar(ValueTitle);
            PlotSpec.OnAxes(trace, i);
            spec.Traces.Add(trace);

            // Tick labels only on the outer edge of the grid, and each axis title once for the grid: the images share
            // their axes' meaning.
            var bottom = i + Columns >= Images.Count;
            var left = i % Columns == 0;
            var x = new Xaxis { showticklabels = bottom, ticks = "" };
            var y = new Yaxis { showticklabels = left, ticks = "", autorange = "reversed" };
            spec.Axes.Add(new AxisPair(x, y, EqualScale: true));
            annotations.Add(PanelTitle(Images[i].Title, i));
        }
        PlotSpec.Grid(spec.Axes, Columns);
        // Placed in the margins, past the tick labels: plotly's default margins leave the plot Width − 160 by Height − 180 pixels.
        annotations.Add(new Annotation { text = XTitle, showarrow = false, xref = "paper", yref = "paper", x = 0.5, y = -26.0 / (Height - 180), xanchor = "center", yanchor = "top" });
        annotations.Add(new Annotation { text = YTitle, showarrow = false, xref = "paper", yref = "paper", x = -36.0 / (Width - 160), y = 0.5, xanchor = "right", yanchor = "middle", textangle = -90 });
        spec.Layout.annotations = annotations;
        return spec;
    }

    /// <summary>A title centred above the <paramref name="index"/>-th subplot.</summary>
    internal static Annotation PanelTitle(string text, int index) => new()
    {
        text = text,
        showarrow = false,
        xref = $"x{PlotSpec.AxisId(index)} domain",
        yref = $"y{PlotSpec.AxisId(index)} domain",
        x = 0.5,
        y = 1.0,
        xanchor = "center",
        yanchor = "bottom",
    };
}
