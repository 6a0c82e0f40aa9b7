// Reader for the homeworks' numeric CSV files: an optional header row, then rows of d feature columns and y.
// Not a general CSV parser: no quoting, no text cells; a malformed cell is an error with file and line.
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>A numeric CSV file: column names (from the header, or x_1..x_d, y) and its rows.</summary>
/// <param name="Path">The file it came from (for messages).</param>
/// <param name="Columns">Column names; the last one is the target y.</param>
/// <param name="Rows">One array of <c>Columns.Length</c> values per data row.</param>
public sealed record CsvTable(string Path, string[] Columns, double[][] Rows)
{
    /// <summary>Number of feature columns d (all but the last).</summary>
    public int Features => Columns.Length - 1;

    /// <summary>
    /// Reads <paramref name="path"/>. The first line is a header if any of its cells is not a number.
    /// Throws <see cref="FileNotFoundException"/> (naming the fetch command) if missing, and
    /// <see cref="DatasetException"/> for an empty file, a ragged row or a non-numeric cell (file:line, column).
    /// </summary>
    public static CsvTable Read(string path)
    {
        DataFiles.Require(path);
        string[]? header = null;
        var rows = new List<double[]>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0 || line.Trim().Length == 0) continue;
            var cells = line.Split(',');
            if (lineNo == 1 && cells.Any(c => !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                header = [.. cells.Select(c => c.Trim())];
                continue;
            }
            var width = header?.Length ?? rows.FirstOrDefault()?.Length ?? cells.Length;
            if (cells.Length != width)
                throw new DatasetException($"{path}:{lineNo}: ragged row: {cells.Length} cells but {width} expected ({(header is null ? "as in the first row" : "as in the header")}); the file is corrupt; {Fix}");
            var row = new double[cells.Length];
            for (var j = 0; j < cells.Length; j++)
                if (!double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                    throw new DatasetException($"{path}:{lineNo}: column {j + 1} ('{ColumnNames(header, cells.Length)[j]}') holds '{cells[j]}', not a number; the file is corrupt; {Fix}");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new DatasetException($"{path}: no data rows; {Fix}");
        var columns = header ?? ColumnNames(null, rows[0].Length);
        if (columns.Length < 2) throw new DatasetException($"{path}: {columns.Length} column; at least one feature and y are needed");
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

    private static string[] ColumnNames(string[]? header, int width) => header ?? [.. Enumerable.Range(1, width - 1).Select(i => $"x_{i}"), "y"];

    private const string Fix = "delete it and run " + DataFiles.FetchCommand + " (data/generated is regenerated, fetched sets are refetched)";
}
