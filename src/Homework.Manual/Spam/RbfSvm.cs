// CS229 F2020 PS2 Q2(d): the RBF-kernel SVM of the course's starter (svm.py), on libtorch tensors: stochastic
// sub-gradient steps on the regularised hinge loss over the coefficients α of f(x) = Σ_j α_j K(x_j, x), inputs
// binarized, the averaged α used to predict. Not a QP solver and not the Gram computation (callers pass Gram
// matrices of binarized rows, e.g. Homework.Data.WordCounts.BinaryGram). No gradients to check: no autograd twin.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Spam;

/// <summary>
/// One trained RBF SVM: K(a, b) = exp(−‖a − b‖² / (2 r²)) on binarized inputs, prediction 1 where Σ_j ᾱ_j K(x_j, x) &gt; 0.
/// </summary>
public sealed class RbfSvm : IDisposable
{
    private readonly torch.Tensor trainNorms;

    private RbfSvm(double radius, torch.Tensor alphaAverage, torch.Tensor trainNorms)
    {
        Radius = radius;
        AlphaAverage = alphaAverage;
        this.trainNorms = trainNorms;
    }

    /// <summary>The kernel radius r.</summary>
    public double Radius { get; }

    /// <summary>ᾱ (M), the starter's alpha_avg: the sum of every iterate divided by (T + 1)·M.</summary>
    public torch.Tensor AlphaAverage { get; }

    /// <summary>
    /// K (rows, cols) = exp(−(‖a‖² + ‖b‖² − 2 G) / (2 r²)) from the Gram matrix <paramref name="gram"/> = A Bᵀ and the
    /// squared norms of A's rows (<paramref name="rowNorms"/>) and B's rows (<paramref name="columnNorms"/>).
    /// </summary>
    public static torch.Tensor Kernel(torch.Tensor gram, torch.Tensor rowNorms, torch.Tensor columnNorms, double radius)
    {
        using var scope = torch.NewDisposeScope();
        var squaredDistance = rowNorms.unsqueeze(1) + columnNorms.unsqueeze(0) - 2 * gram;    // (rows, cols)
        return scope.MoveToOuter((squaredDistance / (-2 * radius * radius)).exp());
    }

    /// <summary>
    /// Trains one SVM per radius in <paramref name="radii"/> on the Gram matrix <paramref name="gram"/> (M, M) of the
    /// binarized training rows and their 0/1 labels <paramref name="labels"/> (M), all radii on the same draws of
    /// System.Random(<paramref name="seed"/>). The starter's algorithm, with y = 2·label − 1, L = 1/(64 M), T = loops·M:
    /// for t = 0 … T−1, i uniform in [0, M):
    ///   grad = M L K[:, i] α_i − [y_i K[i, :]·α &lt; 1] y_i K[:, i];  α ← α − grad / √(t + 1);  Σα ← Σα + α,
    /// then ᾱ = Σα / ((T + 1) M). The first term is the gradient of (λ/2) αᵀKα's stochastic estimate, the second the
    /// hinge loss's sub-gradient at example i.
    /// </summary>
    public static IReadOnlyList<RbfSvm> Train(torch.Tensor gram, torch.Tensor labels, IReadOnlyList<double> radii, int seed, int loops = 10)
    {
        var m = gram.size(0);
        if (gram.ndim != 2 || gram.size(1) != m) throw new ArgumentException($"gram must be square (M, M); got {gram.ShapeText()}", nameof(gram));
        if (!labels.shape.SequenceEqual([m])) throw new ArgumentException($"labels must be ({m}); got {labels.ShapeText()}", nameof(labels));
        if (radii.Count == 0 || radii.Any(r => !(r > 0))) throw new ArgumentException("radii must be positive numbers", nameof(radii));
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        var dtype = gram.dtype;
        using var diagonal = torch.arange(0, m * m, m + 1, ScalarType.Int64);
        using var norms = gram.reshape(-1).index_select(0, diagonal);                           // (M): ‖x_i‖² = G_ii
        var y = labels.data<long>().Select(l => 2.0 * l - 1).ToArray();
        torch.Tensor stacked;
        using (var kernels = torch.NewDisposeScope())
            stacked = kernels.MoveToOuter(torch.stack(radii.Select(r => Kernel(gram, norms, norms, r)).ToArray()));
        using var k = stacked;                                                                      // (R, M, M), symmetric in the last two
        using var alpha = torch.zeros(radii.Count, m, dtype);                                    // (R, M)
        using var alphaSum = torch.zeros(radii.Count, m, dtype);                                 // (R, M)
        var rng = new Random(seed);
        var total = (long)loops * m;
        const int chunk = 1000;
        for (long start = 0; start < total; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            for (var t = start; t < Math.Min(start + chunk, total); t++)
            {
                var i = (long)(rng.NextDouble() * m);
                var ki = k.select(1, i);                                         // (R, M) = K[:, i] = K[i, :]
                var margin = (ki * alpha).sum(1) * y[i];                         // (R)
                var hinge = margin.lt(1).to(dtype);                              // (R): 1 where the margin is violated
                var coefficient = alpha.select(1, i) / 64.0 - hinge * y[i];              // (R): M L α_i − [margin < 1] y_i, M L = 1/64
                alpha.sub_(ki * (coefficient / Math.Sqrt(t + 1)).unsqueeze(1));
                alphaSum.add_(alpha);
            }
        }
        using var done = torch.NewDisposeScope();
        var average = alphaSum / ((double)(total + 1) * m);                                        // (R, M)
        return radii.Select((r, j) => new RbfSvm(r, done.MoveToOuter(average[j].clone()), done.MoveToOuter(norms.clone()))).ToArray();
    }

    /// <summary>
    /// Predicted labels (N), int64, for queries whose Gram matrix with the binarized training rows is
    /// <paramref name="crossGram"/> (N, M) and whose own binarized squared norms are <paramref name="queryNorms"/> (N).
    /// </summary>
    public torch.Tensor Predict(torch.Tensor crossGram, torch.Tensor queryNorms)
    {
        using var scope = torch.NewDisposeScope();
        var scores = Kernel(crossGram, queryNorms, trainNorms, Radius).matmul(AlphaAverage);   // (N)
        return scope.MoveToOuter(scores.gt(0).to(ScalarType.Int64));
    }

    /// <summary>Frees ᾱ and the training norms.</summary>
    public void Dispose()
    {
        AlphaAverage.Dispose();
        trainNorms.Dispose();
    }
}
