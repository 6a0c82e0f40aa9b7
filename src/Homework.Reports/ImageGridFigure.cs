// Image grid figure: small titled images (e.g. the 10 class weight images of 28×28) as a grid of heatmaps
// sharing one colour scale, so equal colours mean equal values across images. One matrix alone is a HeatmapFigure.
using System.Text.Json.Nodes;

namespace Homework.Reports;

/// <summary>Titled images in a grid with one shared colour bar; build with <see cref="Figure.ImageGrid"/>.</summary>
public sealed record ImageGridFigure : Figure
{
    private const int CellWidth = 170, CellHeight = 190;

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
    public int Rows => (Images.Count + Columns - 1) / Columns;
    /// <summary>The images, filled row by row.</summary>
    public IReadOnlyList<GridImage> Images { get; }
    /// <summary>The x axis title under the bottom row of images.</summary>
    public string XTitle { get; init; } = "column";
    /// <summary>The y axis title left of the first column of images.</summary>
    public string YTitle { get; init; } = "row";
    /// <summary>A Plotly colour scale name (Viridis, RdBu, Greys, ...).</summary>
    public string ColorScale { get; init; } = "Viridis";
    /// <inheritdoc/>
    public override int Width => Columns * CellWidth + 160;
    /// <inheritdoc/>
    public override int Height => Rows * CellHeight + 130;

    private static string Suffix(int i) => i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private protected override JsonArray Traces()
    {
        var traces = new JsonArray();
        for (var i = 0; i < Images.Count; i++)
            traces.Add(new JsonObject
            {
                ["type"] = "heatmap",
                ["name"] = Images[i].Title,
                ["z"] = PlotlyJson.Rows(Images[i].Pixels),
                ["coloraxis"] = "coloraxis",
                ["xaxis"] = "x" + Suffix(i),
                ["yaxis"] = "y" + Suffix(i),
            });
        return traces;
    }

    private protected override JsonObject Layout()
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var image in Images)
            foreach (var v in image.Pixels)
                if (double.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        var layout = new JsonObject
        {
            ["grid"] = new JsonObject { ["rows"] = Rows, ["columns"] = Columns, ["pattern"] = "independent" },
            ["coloraxis"] = new JsonObject
            {
                ["colorscale"] = ColorScale,
                ["colorbar"] = PlotlyJson.ColorBar(ValueTitle),
            },
        };
        if (min <= max) (layout["coloraxis"]!["cmin"], layout["coloraxis"]!["cmax"]) = (min, max);
        var annotations = new JsonArray();
        for (var i = 0; i < Images.Count; i++)
        {
            // Axis titles and tick labels only on the outer edge of the grid: the images share their axes' meaning.
            var bottom = i + Columns >= Images.Count;
            var left = i % Columns == 0;
            var xaxis = new JsonObject { ["showticklabels"] = bottom, ["ticks"] = "" };
            var yaxis = new JsonObject { ["showticklabels"] = left, ["ticks"] = "", ["autorange"] = "reversed", ["scaleanchor"] = "x" + Suffix(i) };
            if (bottom) xaxis["title"] = new JsonObject { ["text"] = XTitle };
            if (left) yaxis["title"] = new JsonObject { ["text"] = YTitle };
            layout["xaxis" + Suffix(i)] = xaxis;
            layout["yaxis" + Suffix(i)] = yaxis;
            annotations.Add(new JsonObject
            {
                ["text"] = Images[i].Title,
                ["showarrow"] = false,
                ["xref"] = $"x{Suffix(i)} domain",
                ["yref"] = $"y{Suffix(i)} domain",
                ["x"] = 0.5,
                ["y"] = 1.0,
                ["xanchor"] = "center",
                ["yanchor"] = "bottom",
            });
        }
        layout["annotations"] = annotations;
        return layout;
    }
}
