// The data records figures are built from: named line series, classes of scatter points, grid images.
// Only shapes are checked here; what the numbers mean is the caller's business.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homework.Reports;

/// <summary>One named curve of a line figure (e.g. "train", "dev", "test"): points (X[i], Y[i]).</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record Series
{
    /// <summary>A curve through (x[i], y[i]); <paramref name="x"/> and <paramref name="y"/> have the same length.</summary>
    public Series(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Name = Check.Name(name, "series");
        Check.SameLength($"series '{name}'", x, y);
        X = x;
        Y = y;
    }

    /// <summary>The legend entry.</summary>
    public string Name { get; }
    /// <summary>Horizontal coordinates.</summary>
    public IReadOnlyList<double> X { get; }
    /// <summary>Vertical coordinates; NaN or infinity leaves a gap.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>
    /// The setting this curve belongs to (e.g. one run's train and test curves): curves of one group share a colour and
    /// toggle together in the legend. Null: the curve is its own group, coloured by its name.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>Drawn dashed (e.g. the test curve beside a solid train curve of the same group).</summary>
    public bool Dashed { get; init; }

    /// <summary>A curve over x = start, start+1, ... (epochs counted from 1 by default).</summary>
    public static Series Indexed(string name, IReadOnlyList<double> y, int start = 1) =>
        new(name, Enumerable.Range(start, y.Count).Select(i => (double)i).ToArray(), y);
}

/// <summary>
/// A filled area between two curves over the same x (e.g. min and max over seeds). A band named like a series of its
/// figure takes that series' colour and legend entry; otherwise it has its own.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record Band
{
    /// <summary>The area between (x[i], lower[i]) and (x[i], upper[i]); all three have the same length.</summary>
    public Band(string name, IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        Name = Check.Name(name, "band");
        Check.SameLength($"band '{name}' (lower)", x, lower);
        Check.SameLength($"band '{name}' (upper)", x, upper);
        X = x;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The legend entry, or the name of the series it belongs to.</summary>
    public string Name { get; }
    /// <summary>Horizontal coordinates.</summary>
    public IReadOnlyList<double> X { get; }
    /// <summary>The lower edge.</summary>
    public IReadOnlyList<double> Lower { get; }
    /// <summary>The upper edge.</summary>
    public IReadOnlyList<double> Upper { get; }
}

/// <summary>Marker shapes for the classes of a scatter figure (the homeworks mark classes with × and ∘).</summary>
public enum MarkerSymbol
{
    /// <summary>Filled circle.</summary>
    Circle,
    /// <summary>Hollow circle (∘).</summary>
    CircleOpen,
    /// <summary>Diagonal cross (×).</summary>
    X,
    /// <summary>Upright cross (+).</summary>
    Cross,
    /// <summary>Filled square.</summary>
    Square,
    /// <summary>Filled diamond.</summary>
    Diamond,
    /// <summary>Filled triangle pointing up.</summary>
    TriangleUp,
}

/// <summary>One class of points in a scatter figure, drawn with its own marker and legend entry.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record Points
{
    /// <summary>Points (x[i], y[i]) of one class; <paramref name="x"/> and <paramref name="y"/> have the same length.</summary>
    public Points(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, MarkerSymbol symbol = MarkerSymbol.Circle)
    {
        Name = Check.Name(name, "point class");
        Check.SameLength($"points '{name}'", x, y);
        X = x;
        Y = y;
        Symbol = symbol;
    }

    /// <summary>The legend entry (e.g. "y = 1").</summary>
    public string Name { get; }
    /// <summary>Horizontal coordinates.</summary>
    public IReadOnlyList<double> X { get; }
    /// <summary>Vertical coordinates.</summary>
    public IReadOnlyList<double> Y { get; }
    /// <summary>The marker shape.</summary>
    public MarkerSymbol Symbol { get; }
}

/// <summary>One titled image of an image grid, e.g. the 28×28 weights feeding one hidden unit.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record GridImage
{
    /// <summary>An image with <c>pixels[row, column]</c>; row 0 is drawn at the top.</summary>
    public GridImage(string title, double[,] pixels)
    {
        Title = Check.Name(title, "grid image");
        if (pixels.GetLength(0) == 0 || pixels.GetLength(1) == 0)
            throw new ArgumentException($"grid image '{title}' is empty; pass at least a 1×1 array of pixels", nameof(pixels));
        Pixels = pixels;
    }

    /// <summary>The caption above the image.</summary>
    public string Title { get; }
    /// <summary>Values indexed [row, column].</summary>
    [JsonConverter(typeof(MatrixJson))]
    public double[,] Pixels { get; }

    /// <summary>Reshapes a flat row-major vector (e.g. 784 MNIST pixels) into a <paramref name="rows"/>×<paramref name="columns"/> image.</summary>
    public static GridImage FromFlat(string title, IReadOnlyList<double> flat, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0 || flat.Count != rows * columns)
            throw new ArgumentException(
                $"grid image '{title}': {flat.Count} values cannot be shaped {rows}×{columns}; pass rows*columns values", nameof(flat));
        var pixels = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                pixels[r, c] = flat[r * columns + c];
        return new GridImage(title, pixels);
    }
}

/// <summary>
/// A matrix as JSON rows (<c>[[z00, z01], [z10, z11]]</c>; NaN and infinities by name), since System.Text.Json has no
/// form for two-dimensional arrays.
/// </summary>
public sealed class MatrixJson : JsonConverter<double[,]>
{
    /// <inheritdoc/>
    public override double[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<double[][]>(ref reader, Named) ?? throw new JsonException("a matrix is null; write its rows");
        var columns = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != columns)) throw new JsonException($"a matrix has rows of different lengths; each needs {columns} values");
        var z = new double[rows.Length, columns];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < columns; c++) z[r, c] = rows[r][c];
        return z;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, double[,] value, JsonSerializerOptions options)
    {
        var rows = new double[value.GetLength(0)][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[value.GetLength(1)];
            for (var c = 0; c < rows[r].Length; c++) rows[r][c] = value[r, c];
        }
        JsonSerializer.Serialize(writer, rows, Named);
    }

    private static readonly JsonSerializerOptions Named = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}

/// <summary>A range (min, max) as <c>{"Min": a, "Max": b}</c>: a value tuple's fields are not serialised by default.</summary>
public sealed class RangeJson : JsonConverter<(double Min, double Max)?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override (double Min, double Max)? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Range>(ref reader) is { } r ? (r.Min, r.Max) : null;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, (double Min, double Max)? value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value is { } v ? new Range(v.Min, v.Max) : null);

    private sealed record Range(double Min, double Max);
}

/// <summary>Argument checks whose messages say what is wrong and how to fix it.</summary>
internal static class Check
{
    public static string Name(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"a {what} needs a non-empty name; it is shown in the legend or as a title") : value;

    public static void SameLength(string what, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"{what} has {x.Count} x values but {y.Count} y values; pass one x per y");
        if (x.Count == 0)
            throw new ArgumentException($"{what} has no points; pass at least one (x, y) pair");
    }
}
