// 2-D classification data as figure pieces: rows as points of a class, and a model's predictions as the grid
// classifier Boundary.Traced needs. Shared by the 2-D experiments (simple NN, stability, kernel perceptron); not a model.
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;

namespace Homework.Experiments;

/// <summary>Helpers for experiments on points in the plane.</summary>
internal static class Plane
{
    /// <summary>The rows of <paramref name="x"/> (n, 2) as float64 pairs.</summary>
    public static double[][] Rows(torch.Tensor x)
    {
        using var f = x.to_type(ScalarType.Float64);
        var flat = f.data<double>().ToArray();
        return [.. Enumerable.Range(0, (int)x.size(0)).Select(i => new[] { flat[2 * i], flat[2 * i + 1] })];
    }

    /// <summary>The values of a vector tensor as float64.</summary>
    public static double[] Values(torch.Tensor v)
    {
        using var f = v.to_type(ScalarType.Float64);
        return f.data<double>().ToArray();
    }

    /// <summary>The points of <paramref name="rows"/> whose <paramref name="label"/> equals <paramref name="value"/>, as one scatter class; null when there are none.</summary>
    public static Points? Class(string name, double[][] rows, IReadOnlyList<double> label, double value, MarkerSymbol symbol)
    {
        var keep = Enumerable.Range(0, rows.Length).Where(i => label[i] == value).ToList();
        return keep.Count == 0 ? null : new Points(name, [.. keep.Select(i => rows[i][0])], [.. keep.Select(i => rows[i][1])], symbol);
    }

    /// <summary>The non-empty classes among <paramref name="classes"/> (a class no point falls in has no legend entry).</summary>
    public static Points[] NonEmpty(params Points?[] classes) => [.. classes.OfType<Points>()];

    /// <summary>A grid classifier for <see cref="Boundary.Traced"/> from <paramref name="predict"/>: (m, 2) float64 → (m) labels 0/1.</summary>
    public static Func<double[], double[], bool[]> Classifier(Func<torch.Tensor, torch.Tensor> predict) => (xs, ys) =>
    {
        using var scope = torch.NewDisposeScope();
        var grid = torch.stack([torch.tensor(xs), torch.tensor(ys)], 1); // (m, 2)
        return [.. Values(predict(grid)).Select(v => v > 0.5)];
    };
}
