// A figure of a report page: a title, a caption and the XPlot.Plotly traces and layout that draw it.
// Not a plotting engine: plotly.js draws; this only builds the figure description it reads.
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Homework.Reports;

/// <summary>
/// A titled, captioned figure. Build one with <see cref="Line"/>, <see cref="Scatter"/>, <see cref="Heatmap"/>
/// or <see cref="ImageGrid"/>, then set options with <c>with { Caption = "...", LogY = true }</c>.
/// A figure is data: it serialises with System.Text.Json (the <c>kind</c> property names its type) and reads back equal,
/// so a run's result keeps its figures as their spec and its page can be rebuilt from it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LineFigure), "line")]
[JsonDerivedType(typeof(ScatterFigure), "scatter")]
[JsonDerivedType(typeof(HeatmapFigure), "heatmap")]
[JsonDerivedType(typeof(ImageGridFigure), "image-grid")]
[JsonDerivedType(typeof(SubplotsFigure), "subplots")]
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public abstract record Figure
{
    private protected Figure(string title)
    {
        Title = Check.Name(title, "figure");
        Slug = Slugify(title);
    }

    /// <summary>The title drawn above the plot, also the source of <see cref="Slug"/>.</summary>
    public string Title { get; }

    /// <summary>One or two sentences under the plot saying what it shows.</summary>
    public string Caption { get; init; } = "";

    /// <summary>What the page prints under the plot: the caption, and anything the drawing decided that a reader must know.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual string ShownCaption => Caption;

    /// <summary>The file-name form of the title: the PNG is <c>reports/&lt;experiment&gt;/&lt;Slug&gt;.png</c>.</summary>
    [JsonIgnore]
    public string Slug { get; }

    /// <summary>Plot width in CSS pixels (also the PNG width).</summary>
    [JsonIgnore]
    public abstract int Width { get; }

    /// <summary>Plot height in CSS pixels (also the PNG height).</summary>
    [JsonIgnore]
    public abstract int Height { get; }

    /// <summary>The Plotly figure: <c>{"data": [traces], "layout": {...}}</c>, as passed to <c>Plotly.newPlot</c>.</summary>
    public JsonObject ToPlotly()
    {
        var spec = Spec(new Palette());
        spec.Layout.title = Title;
        spec.Layout.width = Width;
        spec.Layout.height = Height;
        return spec.ToJson();
    }

    /// <summary>
    /// The traces (one per series, class or image), axes, legend and annotations as XPlot.Plotly objects; the title and
    /// size are added by <see cref="ToPlotly"/>. Colours come from <paramref name="palette"/>, shared by a figure's panels.
    /// </summary>
    internal abstract PlotSpec Spec(Palette palette);

    /// <summary>Curves against a shared x axis, one legend entry each (e.g. train / dev / test loss per epoch).</summary>
    public static LineFigure Line(string title, string xTitle, string yTitle, params Series[] series) =>
        new(title, xTitle, yTitle, series);

    /// <summary>Point classes with their own markers, optionally with boundary curves (<see cref="ScatterFigure.Lines"/>).</summary>
    public static ScatterFigure Scatter(string title, string xTitle, string yTitle, params Points[] classes) =>
        new(title, xTitle, yTitle, classes);

    /// <summary>A matrix as colours, <c>z[row, column]</c>, with a colour bar titled <paramref name="valueTitle"/>.</summary>
    public static HeatmapFigure Heatmap(string title, string xTitle, string yTitle, string valueTitle, double[,] z) =>
        new(title, xTitle, yTitle, valueTitle, z);

    /// <summary>Titled images in a grid of <paramref name="columns"/> columns sharing one colour scale.</summary>
    public static ImageGridFigure ImageGrid(string title, string valueTitle, int columns, params GridImage[] images) =>
        new(title, valueTitle, columns, images);

    /// <summary>
    /// Line and scatter figures side by side, <paramref name="columns"/> per row, each on its own axes under its own title;
    /// a name (e.g. "train") keeps one colour and one legend entry across the panels.
    /// </summary>
    public static SubplotsFigure Subplots(string title, int columns, params Figure[] panels) =>
        new(title, columns, panels);

    /// <summary>Lower-case letters and digits of <paramref name="title"/>, other runs of characters as one '-'.</summary>
    public static string Slugify(string title)
    {
        var sb = new StringBuilder();
        foreach (var ch in title.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9')) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().TrimEnd('-');
        return slug.Length > 0 ? slug
            : throw new ArgumentException($"figure title '{title}' has no letters or digits to name its PNG file; use a title with some");
    }
}
