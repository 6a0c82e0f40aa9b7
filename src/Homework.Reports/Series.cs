// The data records figures are built from: named line series, classes of scatter points, grid images.
// Only shapes are checked here; what the numbers mean is the caller's business.
namespace Homework.Reports;

/// <summary>One named curve of a line figure (e.g. "train", "dev", "test"): points (X[i], Y[i]).</summary>
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

    /// <summary>A curve over x = start, start+1, ... (epochs counted from 1 by default).</summary>
    public static Series Indexed(string name, IReadOnlyList<double> y, int start = 1) =>
        new(name, Enumerable.Range(start, y.Count).Select(i => (double)i).ToArray(), y);
}

/// <summary>
/// A filled area between two curves over the same x (e.g. min and max over seeds). A band named like a series of its
/// figure takes that series' colour and legend entry; otherwise it has its own.
/// </summary>
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
