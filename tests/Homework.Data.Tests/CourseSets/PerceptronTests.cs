// perceptron train/test: the kernelised perceptron of CS229 F2020 PS2 Q3 (one pass, θ⁽⁰⁾ = 0, α = 0.5), written here
// independently from the homework's update rule, works well with the RBF kernel, partly with the dot product, and fails
// with the invalid kernel; Homework.Manual's KernelPerceptron gets exactly the same accuracies.
using Homework.Manual.Models;
using MathNet.Numerics.LinearAlgebra;

namespace Homework.Data.Tests.CourseSets;

public class PerceptronTests
{
    private static double Dot(Vector<double> a, Vector<double> b) => a.DotProduct(b);
    private static double Rbf(Vector<double> a, Vector<double> b) => Math.Exp(-(a - b).DotProduct(a - b) / 2); // σ = 1
    private static double Invalid(Vector<double> a, Vector<double> b) => a.Equals(b) ? -1 : 0;

    // θ = Σ βᵢ φ(xᵢ) is kept as the coefficients βᵢ; h(x) = 1 if Σ βᵢ K(xᵢ, x) ≥ 0 else 0; βᵢ = α (yᵢ − h(xᵢ)).
    private static double Accuracy(Func<Vector<double>, Vector<double>, double> k)
    {
        var (x, y) = Generated.Read("perceptron", "train.csv");
        var (xt, yt) = Generated.Read("perceptron", "test.csv");
        var beta = new double[x.RowCount];
        int H(Vector<double> p, int seen) { var s = 0.0; for (var j = 0; j < seen; j++) s += beta[j] * k(x.Row(j), p); return s >= 0 ? 1 : 0; }
        for (var i = 0; i < x.RowCount; i++) beta[i] = 0.5 * (y[i] - H(x.Row(i), i));
        return Enumerable.Range(0, xt.RowCount).Count(i => H(xt.Row(i), x.RowCount) == yt[i]) / (double)xt.RowCount;
    }

    [Fact]
    public void Rbf_works_well_dot_product_partly_invalid_kernel_fails()
    {
        var (_, yt) = Generated.Read("perceptron", "test.csv");
        var rbf = Accuracy(Rbf);
        var dot = Accuracy(Dot);
        var invalid = Accuracy(Invalid);
        Assert.True(rbf >= 0.9, $"RBF accuracy {rbf:P1}");
        Assert.True(dot >= 0.6 && dot <= rbf - 0.05, $"dot-product accuracy {dot:P1} (RBF {rbf:P1})");
        // The invalid kernel scores every unseen point 0, so it predicts 1 everywhere: accuracy = share of class 1 < 50%.
        Assert.Equal(yt.Sum() / yt.Count, invalid, 12);
        Assert.True(invalid < 0.5, $"invalid-kernel accuracy {invalid:P1}");
    }

    [Fact]
    public void Manual_kernel_perceptron_scores_as_this_independent_one()
    {
        var kernels = new (Func<Vector<double>, Vector<double>, double> reference, Func<torch.Tensor, torch.Tensor, torch.Tensor> model)[]
        {
            (Dot, KernelPerceptron.Dot), (Rbf, KernelPerceptron.Rbf(1)), (Invalid, KernelPerceptron.Invalid),
        };
        using var scope = NewDisposeScope();
        var (x, y) = Homework.Data.CourseSets.CourseSets.Load("perceptron", "train.csv", root: Homework.TestSupport.Fixtures.Data());
        var (xt, yt) = Homework.Data.CourseSets.CourseSets.Load("perceptron", "test.csv", root: Homework.TestSupport.Fixtures.Data());
        foreach (var (reference, k) in kernels)
        {
            using var model = new KernelPerceptron(k, 0.5);
            model.Fit(x, y);
            var accuracy = model.Predict(xt).eq(yt).to_type(ScalarType.Float64).mean().ToDouble();
            Assert.Equal(Accuracy(reference), accuracy, 12);
        }
    }
}
