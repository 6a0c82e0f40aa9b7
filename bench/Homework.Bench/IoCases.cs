// `Homework.Bench io`: what reading the course CSVs and building/exporting report pages costs (no PyTorch peer).
// Cold = the first call in a fresh process (library loading and JIT included); warm = best of the next three.
// Each is wall time / CPU time of this process (user + system, all threads): on a shared machine the CPU time is
// the steadier number; the PNG export runs in chromium child processes and is wall time only.
using System.Diagnostics;
using Homework.Data.CourseSets;
using Homework.Reports;

namespace Homework.Bench;

internal static class IoCases
{
    public static int Run(string reportsRoot)
    {
        Console.WriteLine($"Homework.Bench io: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("course sets: all files of a set loaded to float64 tensors; ms");
        Console.WriteLine($"    {"set",-16} {"files",6} {"rows",7} {"cold wall/cpu",15} {"warm wall/cpu",15}");
        foreach (var set in CourseSets.All)
        {
            long rows = 0;
            var (cold, warm) = ColdWarm(() =>
            {
                rows = 0;
                foreach (var file in set.Files)
                {
                    var (x, y) = CourseSets.Load(set.Name, file);
                    rows += y.shape[0];
                    x.Dispose();
                    y.Dispose();
                }
            });
            Console.WriteLine($"    {set.Name,-16} {set.Files.Length,6} {rows,7} {cold,15} {warm,15}");
        }

        Console.WriteLine("report pages: build = figures to index.html (no PNG); export = Save with one chromium PNG per figure; ms");
        Console.WriteLine($"    {"page",-16} {"figures",7} {"build cold wall/cpu",20} {"build warm wall/cpu",20} {"export wall",12}");
        var chromium = new Chromium();
        foreach (var page in Pages())
        {
            var noPng = new ReportOptions { ExportPng = false };
            var (cold, warm) = ColdWarm(() => page.Save(reportsRoot, noPng));
            var export = Stopwatch.StartNew();
            page.Save(reportsRoot, new ReportOptions { Chromium = chromium });
            Console.WriteLine($"    {page.Experiment,-16} {page.Figures.Count,7} {cold,20} {warm,20} {export.Elapsed.TotalMilliseconds,12:F0}");
        }
        return 0;
    }

    private readonly record struct Cost(double Wall, double Cpu)
    {
        public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Wall:F1}/{Cpu:F1}");
    }

    private static Cost Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        var elapsed = wall.Elapsed.TotalMilliseconds;
        process.Refresh();
        return new Cost(elapsed, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static (Cost cold, Cost warm) ColdWarm(Action action)
    {
        var cold = Time(action);
        var warm = new Cost(double.PositiveInfinity, double.PositiveInfinity);
        for (var i = 0; i < 3; i++)
        {
            var t = Time(action);
            warm = new Cost(Math.Min(warm.Wall, t.Wall), Math.Min(warm.Cpu, t.Cpu));
        }
        return (cold, warm);
    }

    // The experiments' page shapes: MNIST (2 runs × loss and accuracy, 30 epochs), CNN vs MLP (3 epochs), and one
    // figure of every other kind at the size the homeworks draw (200 points + boundary, 100×100 surface, 10 28×28 images).
    private static IEnumerable<ReportPage> Pages()
    {
        static double[] Curve(int n, Func<int, double> f) => [.. Enumerable.Range(1, n).Select(f)];
        var mnist = new ReportPage("bench-mnist", "MNIST page shape");
        foreach (var run in new[] { "unregularized", "L2" })
        {
            mnist.Add(Figure.Line($"Loss per epoch ({run})", "epoch", "loss",
                Series.Indexed("train", Curve(30, e => 1.0 / e)), Series.Indexed("dev", Curve(30, e => 1.1 / e))) with { Caption = "loss" });
            mnist.Add(Figure.Line($"Accuracy per epoch ({run})", "epoch", "accuracy",
                Series.Indexed("train", Curve(30, e => 1 - 1.0 / e)), Series.Indexed("dev", Curve(30, e => 1 - 1.1 / e))) with { Caption = "accuracy" });
        }
        yield return mnist;

        var cnn = new ReportPage("bench-cnn-vs-mlp", "CNN vs MLP page shape");
        cnn.Add(Figure.Line("Dev accuracy per epoch", "epoch", "dev accuracy",
            Series.Indexed("CNN", Curve(3, e => 0.9 + 0.01 * e)), Series.Indexed("MLP", Curve(3, e => 0.85 + 0.01 * e))) with { Caption = "dev" });
        cnn.Add(Figure.Line("Training loss per epoch", "epoch", "loss",
            Series.Indexed("CNN", Curve(3, e => 1.0 / e)), Series.Indexed("MLP", Curve(3, e => 1.2 / e))) with { Caption = "loss" });
        yield return cnn;

        var rng = new Random(0);
        double[] U(int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4)];
        var kinds = new ReportPage("bench-kinds", "Scatter, heatmap and image grid");
        kinds.Add(Figure.Scatter("Points and boundary", "x1", "x2",
                new Points("y = 0", U(100), U(100), MarkerSymbol.CircleOpen), new Points("y = 1", U(100), U(100), MarkerSymbol.X))
            with { Lines = [new Series("boundary", [0.0, 4.0], [4.0, 0.0])], Caption = "scatter" });
        var z = new double[100, 100];
        for (var r = 0; r < 100; r++) for (var c = 0; c < 100; c++) z[r, c] = (r - 50) * (r - 50) + (c - 50) * (c - 50);
        kinds.Add(Figure.Heatmap("Surface", "w1", "w2", "loss", z) with { Caption = "heatmap" });
        kinds.Add(Figure.ImageGrid("Weights", "weight", 5,
            [.. Enumerable.Range(0, 10).Select(k => GridImage.FromFlat($"digit {k}", [.. Enumerable.Range(0, 784).Select(i => Math.Sin(i * 0.01 * (k + 1)))], 28, 28))])
            with { Caption = "image grid" });
        yield return kinds;
    }
}
