// CS229 F2020 PS2 (001) Q3: the kernelised perceptron — Q3(a)'s implicit state, prediction and update, and the three
// "kernels" of Q3(b) (dot product, RBF, the invalid −1[x = z]). Not trained by gradients, so it has no autograd twin
// and no gradient check; not the experiment (Homework.Cli cs229-f20/q3-kernel-perceptron).
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>
/// The perceptron h_θ(x) = g(θᵀφ(x)), g(z) = 1 if z ≥ 0 else 0, updated once per example with
/// θ⁽ⁱ⁺¹⁾ = θ⁽ⁱ⁾ + α (y⁽ⁱ⁺¹⁾ − h_θ⁽ⁱ⁾(x⁽ⁱ⁺¹⁾)) φ(x⁽ⁱ⁺¹⁾), without ever forming φ:
/// θ⁽ⁱ⁾ = Σ_{j ≤ i} β_j φ(x⁽ʲ⁾) is kept as the inputs seen and their coefficients β_j (Q3(a)i; θ⁽⁰⁾ = 0 is the empty
/// state), θᵀφ(x) = Σ_j β_j K(x⁽ʲ⁾, x) (Q3(a)ii), and an update appends x⁽ⁱ⁺¹⁾ with β = α (y − h(x)) (Q3(a)iii).
/// </summary>
public sealed class KernelPerceptron : IDisposable
{
    private readonly List<double> beta = [];
    private torch.Tensor? seen; // (i, d): x⁽¹⁾ … x⁽ⁱ⁾

    /// <summary>The empty state θ⁽⁰⁾ = 0 for <paramref name="kernel"/> (K(A (n, d), B (m, d)) → (n, m)) and step size <paramref name="learningRate"/> α &gt; 0.</summary>
    public KernelPerceptron(Func<torch.Tensor, torch.Tensor, torch.Tensor> kernel, double learningRate = 0.5)
    {
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the perceptron's step size must be > 0");
        Kernel = kernel;
        LearningRate = learningRate;
    }

    /// <summary>K as a matrix function: (n, d) and (m, d) → (n, m).</summary>
    public Func<torch.Tensor, torch.Tensor, torch.Tensor> Kernel { get; }

    /// <summary>α, the step size of the update.</summary>
    public double LearningRate { get; }

    /// <summary>β_j, one per example seen (0 where the example was already classified right).</summary>
    public IReadOnlyList<double> Coefficients => beta;

    /// <summary>K(x, z) = xᵀz (eq. 2).</summary>
    public static torch.Tensor Dot(torch.Tensor a, torch.Tensor b) => a.matmul(b.T);

    /// <summary>K(x, z) = exp(−‖x − z‖² / (2σ²)) (eq. 3).</summary>
    public static Func<torch.Tensor, torch.Tensor, torch.Tensor> Rbf(double sigma) => sigma > 0
        ? (a, b) =>
        {
            using var scope = torch.NewDisposeScope();
            var d2 = (a.unsqueeze(1) - b.unsqueeze(0)).square().sum(2); // (n, m)
            return scope.MoveToOuter((d2 / (-2 * sigma * sigma)).exp());
        }
        : throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the RBF width sigma must be > 0");

    /// <summary>K(x, z) = −1 if x = z (every coordinate equal), else 0 (eq. 4): not a kernel (its matrix is not PSD).</summary>
    public static torch.Tensor Invalid(torch.Tensor a, torch.Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        var differing = (a.unsqueeze(1) - b.unsqueeze(0)).abs().sum(2); // (n, m): 0 exactly when the rows are equal
        return scope.MoveToOuter(-differing.eq(0).to_type(a.dtype));
    }

    /// <summary>θᵀφ(x) = Σ_j β_j K(x⁽ʲ⁾, x) for every row of <paramref name="x"/> (m, d); returns (m), zeros in the empty state.</summary>
    public torch.Tensor Score(torch.Tensor x)
    {
        if (seen is null) return torch.zeros(x.size(0), x.dtype);
        using var scope = torch.NewDisposeScope();
        var k = Kernel(seen, x); // (i, m)
        return scope.MoveToOuter(torch.tensor(beta.ToArray(), dtype: x.dtype).matmul(k));
    }

    /// <summary>h(x) = g(θᵀφ(x)) ∈ {0, 1} for every row of <paramref name="x"/> (m, d); returns (m).</summary>
    public torch.Tensor Predict(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Score(x).ge(0).to_type(x.dtype));
    }

    /// <summary>Q3(a)iii: sees one example <paramref name="x"/> (d) with label <paramref name="y"/> ∈ {0, 1}; returns the β appended.</summary>
    public double Update(torch.Tensor x, double y)
    {
        if (x.ndim != 1) throw new ArgumentException($"x must be one example (d); got shape {x.ShapeText()}", nameof(x));
        using var scope = torch.NewDisposeScope();
        var row = x.unsqueeze(0); // (1, d)
        var b = LearningRate * (y - Predict(row).ToDouble());
        beta.Add(b);
        var next = seen is null ? row.clone() : torch.cat([seen, row], 0);
        seen?.Dispose();
        seen = next.DetachFromDisposeScope();
        return b;
    }

    /// <summary>One pass over <paramref name="x"/> (n, d) and labels <paramref name="y"/> (n), in order, as the homework's perceptron makes.</summary>
    public void Fit(torch.Tensor x, torch.Tensor y)
    {
        using var labelsF64 = y.to_type(ScalarType.Float64);
        var labels = labelsF64.data<double>().ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            using var scope = torch.NewDisposeScope();
            Update(x[i], labels[i]);
        }
    }

    /// <summary>Frees the stored inputs.</summary>
    public void Dispose() => seen?.Dispose();
}
