// The homeworks' numeric CSV files (an optional header row, then d feature columns and y) read through ML.NET's
// TextLoader (Microsoft.ML.Data) into an IDataView, and from there into tensors.
// Not a CSV parser: ML.NET parses. What is ours is the header sniffing and, when ML.NET reports a bad or missing value,
// finding the file's line and column for the error message.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>A numeric CSV file: column names (from the header, or x_1..x_d, y) and its rows.</summary>
/// <param name="Path">The file it came from (for messages).</param>
/// <param name="Columns">Column names; the last one is the target y.</param>
/// <param name="Rows">One array of <c>Columns.Length</c> values per data row.</param>
public sealed record CsvTable(string Path, string[] Columns, double[][] Rows)
{
    /// <summary>The ML.NET column holding the d features of a row, as a vector (the name ML.NET trainers expect).</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The ML.NET column holding y (the name ML.NET trainers expect).</summary>
    public const string LabelColumn = "Label";

    // Cells past the header's width; a row with any is ragged.
    private const string OverflowColumn = "Overflow";

    /// <summary>Number of feature columns d (all but the last).</summary>
    public int Features => Columns.Length - 1;

    /// <summary>
    /// <paramref name="path"/> as an ML.NET <see cref="IDataView"/> with a <see cref="FeaturesColumn"/> vector of d doubles
    /// and a double <see cref="LabelColumn"/>, plus the column names. Lazy, as ML.NET views are: a malformed value is
    /// read as NaN; <see cref="Read"/> checks for those.
    /// </summary>
    public static (IDataView View, string[] Columns) DataView(string path, MLContext? ml = null)
    {
        var (view, columns, _) = Open(path, ml);
        return (view, columns);
    }

    private static (IDataView View, string[] Columns, bool Header) Open(string path, MLContext? ml)
    {
        DataFiles.Require(path);
        var (columns, header) = Sniff(path);
        var d = columns.Length - 1;
        var loader = (ml ?? new MLContext(seed: 0)).Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = header,
            AllowQuoting = false,
            AllowSparse = false,
            MissingRealsAsNaNs = true,
            Columns =
            [
                new TextLoader.Column(FeaturesColumn, DataKind.Double, 0, d - 1),
                new TextLoader.Column(LabelColumn, DataKind.Double, d),
                new TextLoader.Column(OverflowColumn, DataKind.String, [new TextLoader.Range(d + 1, null) { AutoEnd = false, VariableEnd = true }]),
            ],
        });
        return (loader.Load(path), columns, header);
    }

    /// <summary>
    /// Reads <paramref name="path"/> through <see cref="DataView"/>. The first line is a header if any of its cells is not a number.
    /// Throws <see cref="FileNotFoundException"/> (naming the fetch command) if missing, and
    /// <see cref="DatasetException"/> for an empty file, a ragged row or a non-numeric cell (file:line, column).
    /// </summary>
    public static CsvTable Read(string path)
    {
        var (view, columns, header) = Open(path, ml: null);
        var d = columns.Length - 1;
        var rows = new List<double[]>();
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var features = cursor.GetGetter<VBuffer<double>>(view.Schema[FeaturesColumn]);
            var label = cursor.GetGetter<double>(view.Schema[LabelColumn]);
            var overflow = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(view.Schema[OverflowColumn]);
            VBuffer<double> x = default;
            VBuffer<ReadOnlyMemory<char>> extra = default;
            double y = 0;
            while (cursor.MoveNext())
            {
                features(ref x);
                label(ref y);
                overflow(ref extra);
                var row = new double[d + 1];
                x.CopyTo(row);
                row[d] = y;
                if (extra.Length > 0 || row.Any(double.IsNaN)) Malformed(path, columns, header, rows.Count);
                rows.Add(row);
            }
        }
        if (rows.Count == 0) throw new DatasetException($"{path}: no data rows; {Fix}");
        return new CsvTable(path, columns, [.. rows]);
    }

    /// <summary>The features as a (N, d) tensor and y as a (N) tensor, in <paramref name="dtype"/> (float64 by default).</summary>
    public (Tensor X, Tensor Y) ToTensors(ScalarType dtype = ScalarType.Float64)
    {
        int n = Rows.Length, d = Features;
        var x = new double[n * d];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            Array.Copy(Rows[i], 0, x, i * d, d);
            y[i] = Rows[i][d];
        }
        return (tensor(x, [n, d], dtype), tensor(y, [n], dtype));
    }

    /// <summary>Reads <paramref name="path"/> and returns (X (N, d), y (N)); see <see cref="Read"/>.</summary>
    public static (Tensor X, Tensor Y) Load(string path, ScalarType dtype = ScalarType.Float64) => Read(path).ToTensors(dtype);

    // The column names and whether line 1 is a header: TextLoader needs both before it reads.
    private static (string[] Columns, bool Header) Sniff(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault(l => l.Length > 0)
            ?? throw new DatasetException($"{path}: empty file; {Fix}");
        var cells = first.Split(',');
        var header = cells.Any(c => !IsNumber(c));
        var columns = header ? [.. cells.Select(c => c.Trim())] : ColumnNames(cells.Length);
        if (columns.Length < 2) throw new DatasetException($"{path}: {columns.Length} column; at least one feature and y are needed");
        return (columns, header);
    }

    // ML.NET read a NaN (an unparsable or missing cell) or cells past the last column in data row `index` (0-based,
    // blank lines skipped as TextLoader skips them): find that line in the file and say what is wrong with it.
    private static void Malformed(string path, string[] columns, bool header, int index)
    {
        var (lineNo, seen) = (0, header ? -2 : -1);
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0 || ++seen < index) continue;
            var cells = line.Split(',');
            if (cells.Length != columns.Length)
                throw new DatasetException($"{path}:{lineNo}: ragged row: {cells.Length} cells but {columns.Length} expected ({(header ? "as in the header" : "as in the first row")}); the file is corrupt; {Fix}");
            for (var j = 0; j < cells.Length; j++)
                if (!IsNumber(cells[j]))
                    throw new DatasetException($"{path}:{lineNo}: column {j + 1} ('{columns[j]}') holds '{cells[j]}', not a number; the file is corrupt; {Fix}");
            throw new DatasetException($"{path}:{lineNo}: a value reads as NaN; the course sets hold none; the file is corrupt; {Fix}");
        }
        throw new DatasetException($"{path}: data row {index + 1} is malformed; the file is corrupt; {Fix}");
    }

    private static bool IsNumber(string cell) => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v);

    private static string[] ColumnNames(int width) => [.. Enumerable.Range(1, width - 1).Select(i => $"x_{i}"), "y"];

    private const string Fix = "delete it and run " + DataFiles.FetchCommand + " (data/generated is regenerated, fetched sets are refetched)";
}
