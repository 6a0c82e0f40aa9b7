// The bench's closing table: each case measured on all three sides, one row each: TorchSharp (the default engine) |
// ours (debian-libtorch) | PyTorch, and the time ratios to PyTorch's. Not a measurement (Program.cs measures); it gathers what the sections printed.
using System.Globalization;

namespace Homework.Bench;

internal static class Summary
{
    /// <summary>One case; <paramref name="Rate"/>: a higher value is faster (GFLOP/s). Load: the 1-minute load average when it was added.</summary>
    private sealed record Row(string Case, string Unit, double Ours, double? TorchSharp, double PyTorch, bool Rate, string Load);

    private static readonly List<Row> Rows = [];

    /// <summary>Adds a case's three figures (TorchSharp's null when it did not run).</summary>
    public static void Add(string name, string unit, double ours, double? torchSharp, double pytorch, bool rate = false) =>
        Rows.Add(new(name, unit, ours, torchSharp, pytorch, rate, File.ReadAllText("/proc/loadavg").Split(' ')[0]));

    /// <summary>Prints the table and each side's process setting; ratios are of times (a rate's inverse), so below 1 is faster than PyTorch.</summary>
    public static void Print(Setting ours, Setting torchSharp, Setting pytorch)
    {
        Console.WriteLine();
        Console.WriteLine("Three engines: TorchSharp = TorchSharp-cpu 0.107.0 (libtorch 2.10 + oneMKL), the default; ours = debian-libtorch, " +
                          "our binding of Debian's libtorch 1.13.1 + OpenBLAS, the same C# code; PyTorch = Debian's 1.13.1 from Python");
        if (TorchSharpSide.Unavailable is { } why) Console.WriteLine($"    TorchSharp: not run: {why}");
        else Console.WriteLine($"    TorchSharp's extra variables: {TorchSharpSide.Describe()}");
        Console.WriteLine($"    settings: TorchSharp {torchSharp}; ours {ours}; PyTorch {pytorch}");
        Console.WriteLine($"    {"case",-64} {"unit",-8} {"TorchSharp",10} {"ours",9} {"PyTorch",9} {"TS/PT",7} {"ours/PT",8} {"load",5}");
        foreach (var r in Rows)
        {
            double Ratio(double v) => r.Rate ? r.PyTorch / v : v / r.PyTorch;
            var ts = r.TorchSharp is { } t ? Format(t) : "-";
            var tsRatio = r.TorchSharp is { } t2 ? Ratio(t2).ToString("F2", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"    {r.Case,-64} {r.Unit,-8} {ts,10} {Format(r.Ours),9} {Format(r.PyTorch),9} {tsRatio,7} {Ratio(r.Ours),8:F2} {r.Load,5}");
        }
        Console.WriteLine("    (ratios are time ratios to PyTorch's: GFLOP/s inverted; below 1 is faster. load: 1-minute load average as the row was measured)");
    }

    private static string Format(double v) => v.ToString(v >= 100 ? "F1" : v >= 10 ? "F2" : "F3", CultureInfo.InvariantCulture);
}
