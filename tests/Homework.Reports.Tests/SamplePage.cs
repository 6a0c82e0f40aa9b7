// One page with every figure kind, built from closed-form data, for the tests that render in chromium.
// Its shapes (trace counts, sizes) are what the rendering tests check against.
using Homework.TestSupport;

namespace Homework.Reports.Tests;

public static class SamplePage
{
    public static string PlotlyJs
    {
        get
        {
            var path = Fixtures.Data("plotly", "plotly.min.js");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; run ./scripts/setup.sh", path);
        }
    }

    public static ReportOptions Options(TextWriter warnings, bool png = true) =>
        new() { PlotlyJs = PlotlyJs, Warnings = warnings, ExportPng = png };

    public static readonly LineFigure Loss = Figure.Line("Loss per epoch", "epoch", "cross-entropy loss",
            Series.Indexed("train", [.. Enumerable.Range(1, 30).Select(e => 2.0 / e)]),
            Series.Indexed("dev", [.. Enumerable.Range(1, 30).Select(e => 2.0 / e + 0.1)]),
            Series.Indexed("test", [.. Enumerable.Range(1, 30).Select(e => 2.0 / Math.Sqrt(e))]))
        with { LogY = true, Caption = "Three decreasing curves on a log axis." };

    public static readonly ScatterFigure Classes = Figure.Scatter("Two classes and a boundary", "x1", "x2",
            new Points("y = 0", [.. Enumerable.Range(0, 20).Select(i => Math.Cos(i * 0.3))], [.. Enumerable.Range(0, 20).Select(i => Math.Sin(i * 0.3))], MarkerSymbol.CircleOpen),
            new Points("y = 1", [.. Enumerable.Range(0, 20).Select(i => 3 + Math.Cos(i * 0.3))], [.. Enumerable.Range(0, 20).Select(i => 3 + Math.Sin(i * 0.3))], MarkerSymbol.X))
        with { Lines = [new Series("boundary", [-1.0, 4.0], [4.0, -1.0])], EqualAxes = true, Caption = "Circles below, crosses above the line x1 + x2 = 3." };

    public static readonly HeatmapFigure Surface = Figure.Heatmap("Bowl", "w1", "w2", "loss", Grid(40, 50, (r, c) => (r - 20) * (r - 20) + (c - 25) * (c - 25)))
        with { Caption = "A quadratic bowl centred in the grid." };

    public static readonly ImageGridFigure Weights = Figure.ImageGrid("Class weights", "weight", 5,
            [.. Enumerable.Range(0, 10).Select(k => new GridImage($"digit {k}", Grid(28, 28, (r, c) => Math.Sin((r + k) * 0.3) * Math.Cos(c * 0.2 * (k + 1)))))])
        with { ColorScale = "RdBu" };

    public static readonly LineFigure Spread = Figure.Line("Dev loss over seeds", "epoch", "loss",
            Series.Indexed("mean", [.. Enumerable.Range(1, 12).Select(e => 1.0 / e)]))
        with
        {
            Bands = [new Band("mean", [.. Enumerable.Range(1, 12).Select(e => (double)e)],
                [.. Enumerable.Range(1, 12).Select(e => 0.8 / e)], [.. Enumerable.Range(1, 12).Select(e => 1.2 / e)])],
            IntegerX = true,
            Caption = "A curve inside a band from 0.8 to 1.2 times it; ticks on whole epochs.",
        };

    public static readonly SubplotsFigure Panels = Figure.Subplots("Loss and data side by side", 2,
            Figure.Line("loss", "epoch", "loss", Series.Indexed("train", [1.0, 0.5, 0.3]), Series.Indexed("dev", [1.1, 0.7, 0.6])) with { LogY = true },
            Figure.Line("accuracy", "epoch", "accuracy", Series.Indexed("train", [0.6, 0.8, 0.9]), Series.Indexed("dev", [0.5, 0.7, 0.8])),
            Classes)
        with { Caption = "Three panels; train and dev have one legend entry each." };

    public static ReportPage Build() => new ReportPage("sample", "Sample: every figure kind")
        .Add(Loss).Add(Classes).Add(Surface).Add(Weights with { Caption = "Ten 28×28 images sharing one colour scale." })
        .Add(Spread).Add(Panels);

    public static double[,] Grid(int rows, int columns, Func<int, int, double> f)
    {
        var z = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                z[r, c] = f(r, c);
        return z;
    }
}
