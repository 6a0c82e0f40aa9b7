// A figure as XPlot.Plotly objects (typed traces, layout, axes) and their serialisation to the JSON plotly.js reads.
// The one hand-written part is here: what XPlot.Plotly 4.1.0's schema (written for plotly.js 1.x) cannot say to the
// plotly.js 4 we ship. Not a plotting engine: plotly.js draws.
using System.Globalization;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using XPlot.Plotly;

namespace Homework.Reports;

/// <summary>One pair of axes of a figure, placed as <c>xaxis</c>/<c>yaxis</c> (first) or <c>xaxisN</c>/<c>yaxisN</c>.</summary>
/// <param name="X">The x axis.</param>
/// <param name="Y">The y axis.</param>
/// <param name="EqualScale">One unit on y as long as one on x (plotly.js <c>scaleanchor</c>).</param>
internal sealed record AxisPair(Xaxis X, Yaxis Y, bool EqualScale = false);

/// <summary>XPlot.Plotly traces, layout and axes of one figure; <see cref="ToJson"/> turns them into plotly.js's figure JSON.</summary>
internal sealed class PlotSpec
{
    public List<Trace> Traces { get; } = [];

    /// <summary>Title, size, legend, annotations: everything but the axes.</summary>
    public Layout.Layout Layout { get; } = new();

    /// <summary>Axes in subplot order: the i-th pair is referenced by traces as <see cref="AxisId"/>(i).</summary>
    public List<AxisPair> Axes { get; } = [];

    /// <summary>"" for the first subplot, "2", "3", ... after it, as plotly names axes (x, x2, x3 ...).</summary>
    public static string AxisId(int index) => index == 0 ? "" : (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Points a scatter or heatmap trace at the <paramref name="index"/>-th pair of axes.</summary>
    public static void OnAxes(Trace trace, int index)
    {
        var (x, y) = ("x" + AxisId(index), "y" + AxisId(index));
        switch (trace)
        {
            case Scatter s: (s.xaxis, s.yaxis) = (x, y); break;
            case Heatmap h: (h.xaxis, h.yaxis) = (x, y); break;
            default: throw new ArgumentException($"trace type {trace.GetType().Name} cannot be placed on subplot axes");
        }
    }

    /// <summary>
    /// The figure as <c>{"data": [...], "layout": {...}}</c>. XPlot.Plotly serialises every trace, the layout and every
    /// axis; then the parts its schema lacks are written by name (see <see cref="Upgrade"/>).
    /// </summary>
    public JsonObject ToJson()
    {
        var data = Parse(Traces).AsArray();
        var layout = Parse(Layout).AsObject();
        for (var i = 0; i < Axes.Count; i++)
        {
            var (x, y) = (Parse(Axes[i].X).AsObject(), Parse(Axes[i].Y).AsObject());
            // automargin (plotly.js 1.36) keeps long tick labels and titles inside the figure.
            x["automargin"] = true;
            y["automargin"] = true;
            // A log axis's ticks read as numbers, 1e-4, not as the SI prefixes plotly uses by default (100µ, 10n, 10f),
            // which read as units; XPlot's axes have no exponentformat.
            foreach (var axis in (JsonObject[])[x, y])
                if ((string?)axis["type"] == "log") axis["exponentformat"] = "e";
            // scaleanchor (plotly.js 1.17) is missing from XPlot's Yaxis.
            if (Axes[i].EqualScale) y["scaleanchor"] = "x" + AxisId(i);
            // XPlot's Layout has properties for two subplots only (xaxis, xaxis2); axes past them are placed by name.
            layout["xaxis" + AxisId(i)] = x;
            layout["yaxis" + AxisId(i)] = y;
        }
        var figure = new JsonObject { ["data"] = data, ["layout"] = layout };
        Upgrade(figure);
        return figure;
    }

    private static JsonNode Parse(object value) => JsonNode.Parse(JsonConvert.SerializeObject(value))!;

    /// <summary>
    /// XPlot.Plotly writes every title as a string, which plotly.js 3 and later ignore: they read <c>title.text</c>.
    /// It also writes its own bookkeeping flag <c>_isSubplotObj</c> into every axis, which plotly.js does not know.
    /// </summary>
    private static void Upgrade(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("_isSubplotObj");
                if (o["title"] is JsonValue v && v.TryGetValue<string>(out var text)) o["title"] = new JsonObject { ["text"] = text };
                foreach (var (_, child) in o.ToList()) Upgrade(child);
                break;
            case JsonArray a:
                foreach (var child in a) Upgrade(child);
                break;
        }
    }

    /// <summary>Numbers for a trace; NaN and infinities become null, which plotly.js draws as a gap.</summary>
    public static double?[] Finite(IReadOnlyList<double> values)
    {
        var a = new double?[values.Count];
        for (var i = 0; i < a.Length; i++) a[i] = double.IsFinite(values[i]) ? values[i] : null;
        return a;
    }

    /// <summary>A matrix as an array of rows (plotly's heatmap <c>z</c>), non-finite cells null (blank).</summary>
    public static double?[][] Rows(double[,] z)
    {
        var rows = new double?[z.GetLength(0)][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double?[z.GetLength(1)];
            for (var c = 0; c < rows[r].Length; c++) rows[r][c] = double.IsFinite(z[r, c]) ? z[r, c] : null;
        }
        return rows;
    }

    public static Xaxis XAxis(string title) => new() { title = Check.Name(title, "axis title") };

    public static Yaxis YAxis(string title) => new() { title = Check.Name(title, "axis title") };

    public static Colorbar ColorBar(string valueTitle) => new() { title = Check.Name(valueTitle, "colour bar title") };

    public static string Symbol(MarkerSymbol s) => s switch
    {
        MarkerSymbol.Circle => "circle",
        MarkerSymbol.CircleOpen => "circle-open",
        MarkerSymbol.X => "x-thin-open",
        MarkerSymbol.Cross => "cross-thin-open",
        MarkerSymbol.Square => "square",
        MarkerSymbol.Diamond => "diamond",
        MarkerSymbol.TriangleUp => "triangle-up",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "unknown marker symbol; use one of the MarkerSymbol values"),
    };

    /// <summary>
    /// Places the subplots of <paramref name="axes"/> in a grid of <paramref name="columns"/> columns, filled row by row:
    /// each pair's axes get their domain (fraction of the figure) and anchor each other.
    /// </summary>
    public static void Grid(IReadOnlyList<AxisPair> axes, int columns, double xGap = 0.04, double yGap = 0.08)
    {
        var rows = (axes.Count + columns - 1) / columns;
        for (var i = 0; i < axes.Count; i++)
        {
            var (r, c) = (i / columns, i % columns);
            axes[i].X.domain = new[] { (double)c / columns + xGap / 2, (c + 1.0) / columns - xGap / 2 };
            axes[i].Y.domain = new[] { 1 - (r + 1.0) / rows + yGap / 2, 1 - (double)r / rows - yGap / 2 };
            axes[i].X.anchor = "y" + AxisId(i);
            axes[i].Y.anchor = "x" + AxisId(i);
        }
    }
}

/// <summary>
/// Colours by legend name, in order of first use, from plotly's default palette: one name keeps one colour across
/// the panels of a figure and its band.
/// </summary>
internal sealed class Palette
{
    private static readonly string[] Colours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private readonly List<string> names = [];

    /// <summary>The colour of <paramref name="name"/> as <c>#rrggbb</c>.</summary>
    public string Of(string name) => Colours[Index(name) % Colours.Length];

    /// <summary>The colour of <paramref name="name"/> as <c>rgba(r,g,b,alpha)</c>, for filled areas.</summary>
    public string Of(string name, double alpha)
    {
        var hex = Of(name);
        int Channel(int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({Channel(1)},{Channel(3)},{Channel(5)},{alpha})");
    }

    private int Index(string name)
    {
        var i = names.IndexOf(name);
        if (i >= 0) return i;
        names.Add(name);
        return names.Count - 1;
    }
}
