// Small builders for the pieces of Plotly JSON every figure kind repeats: number arrays, axes, legends.
// Plotly's JSON schema is the reference (https://plotly.com/javascript/reference/); nothing here draws.
using System.Text.Json.Nodes;

namespace Homework.Reports;

internal static class PlotlyJson
{
    /// <summary>Numbers as a JSON array; NaN and infinities become null, which Plotly draws as a gap.</summary>
    public static JsonArray Numbers(IReadOnlyList<double> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(double.IsFinite(v) ? JsonValue.Create(v) : null);
        return a;
    }

    /// <summary>A matrix as an array of rows, Plotly's layout for heatmap <c>z</c>.</summary>
    public static JsonArray Rows(double[,] z)
    {
        var rows = new JsonArray();
        for (var r = 0; r < z.GetLength(0); r++)
        {
            var row = new JsonArray();
            for (var c = 0; c < z.GetLength(1); c++) row.Add(double.IsFinite(z[r, c]) ? JsonValue.Create(z[r, c]) : null);
            rows.Add(row);
        }
        return rows;
    }

    public static JsonObject Axis(string title) =>
        new() { ["title"] = new JsonObject { ["text"] = Check.Name(title, "axis title") }, ["automargin"] = true };

    /// <summary>Legend shown even for a single trace (Plotly hides a one-entry legend by default).</summary>
    public static JsonObject LegendLayout(string xTitle, string yTitle) => new()
    {
        ["xaxis"] = Axis(xTitle),
        ["yaxis"] = Axis(yTitle),
        ["showlegend"] = true,
    };

    public static JsonObject ColorBar(string valueTitle) =>
        new() { ["title"] = new JsonObject { ["text"] = Check.Name(valueTitle, "colour bar title") } };

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
}
