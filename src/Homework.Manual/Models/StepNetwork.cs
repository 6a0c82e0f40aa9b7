// CS229 PS2 (000) Q3(b)–(c) / (001) Q5(b)–(c): the 2-3-1 network with a step output and step or linear hidden units,
// and the Q3(b) weights from the homework's allowed set. Not trainable (the step has no useful gradient), so it has no
// autograd twin; the sigmoid network of Q3(a) is TwoThreeOneNetwork.
using Homework.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Manual.Models;

/// <summary>What the three hidden units apply to w^{[1]}_{0,j} + Σ_i w^{[1]}_{i,j} x_i.</summary>
public enum HiddenActivation
{
    /// <summary>f(z) = 1 if z &gt; 0 else 0 (Q3(b)).</summary>
    Step,
    /// <summary>f(z) = z (Q3(c)).</summary>
    Linear,
}

/// <summary>
/// h_j = f(w^{[1]}_{0,j} + Σ_i w^{[1]}_{i,j} x_i), o = step(w^{[2]}_0 + Σ_j w^{[2]}_j h_j), step(z) = 1[z &gt; 0]; the layout of
/// <see cref="TwoThreeOneNetwork"/>: W1[i−1, j−1] = w^{[1]}_{i,j} (2, 3), b1 (3), w2 (3), b2 (1), float64.
/// </summary>
public sealed class StepNetwork : IDisposable
{
    /// <summary>The network with copies of the given weights, shapes (2, 3), (3), (3), (1).</summary>
    public StepNetwork(HiddenActivation hidden, torch.Tensor W1, torch.Tensor b1, torch.Tensor w2, torch.Tensor b2)
    {
        Hidden = hidden;
        this.W1 = Copy(W1, [2, 3], nameof(W1));
        this.b1 = Copy(b1, [3], nameof(b1));
        this.w2 = Copy(w2, [3], nameof(w2));
        this.b2 = Copy(b2, [1], nameof(b2));
    }

    /// <summary>The hint's allowed weight values (Q3(b) hint 2).</summary>
    public static IReadOnlyList<double> AllowedWeights { get; } = [-1, -0.5, 0, 1, 3, 4];

    /// <summary>
    /// Q3(b) (<c>optimal_step_weights</c>): one hidden unit per side of the triangle x₁ &gt; 0.5, x₂ &gt; 0.5, x₁ + x₂ &lt; 4,
    /// each firing on the triangle's side of its line: h₁ = f(−0.5 + x₁), h₂ = f(−0.5 + x₂), h₃ = f(4 − x₁ − x₂).
    /// Class 0 is inside, where all three fire, so o = f(3 − h₁ − h₂ − h₃) is 0 there and 1 elsewhere. Every weight is in
    /// <see cref="AllowedWeights"/>.
    /// </summary>
    public static StepNetwork OptimalStepWeights() => new(HiddenActivation.Step,
        torch.tensor(new double[] { 1, 0, -1, 0, 1, -1 }, [2, 3]), // columns: h₁, h₂, h₃; rows: x₁, x₂
        torch.tensor(new double[] { -0.5, -0.5, 4 }),
        torch.tensor(new double[] { -1, -1, -1 }),
        torch.tensor(new double[] { 3 }));

    /// <summary>Step or linear hidden units.</summary>
    public HiddenActivation Hidden { get; }

    /// <summary>w^{[1]}_{i,j} at [i−1, j−1], (2, 3).</summary>
    public torch.Tensor W1 { get; }

    /// <summary>The hidden intercepts w^{[1]}_{0,j}, (3).</summary>
    public torch.Tensor b1 { get; }

    /// <summary>w^{[2]}_j at [j−1], (3).</summary>
    public torch.Tensor w2 { get; }

    /// <summary>The output intercept w^{[2]}_0, (1).</summary>
    public torch.Tensor b2 { get; }

    /// <summary>All 13 weights: W1 row-major, b1, w2, b2.</summary>
    public IReadOnlyList<double> Weights => [.. W1.data<double>().ToArray(), .. b1.data<double>().ToArray(), .. w2.data<double>().ToArray(), .. b2.data<double>().ToArray()];

    /// <summary>h for every row of <paramref name="X"/> (n, 2); returns (n, 3).</summary>
    public torch.Tensor HiddenUnits(torch.Tensor X)
    {
        using var scope = torch.NewDisposeScope();
        var z = X.matmul(W1) + b1; // (n, 3)
        return scope.MoveToOuter(Hidden == HiddenActivation.Step ? Step(z) : z);
    }

    /// <summary>o ∈ {0, 1} for every row of <paramref name="X"/> (n, 2); returns (n).</summary>
    public torch.Tensor Predict(torch.Tensor X)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Step(HiddenUnits(X).matmul(w2) + b2));
    }

    /// <summary>Hidden unit <paramref name="j"/>'s line w^{[1]}_{0,j} + w^{[1]}_{1,j} x₁ + w^{[1]}_{2,j} x₂ = 0, as (w0, w1, w2).</summary>
    public (double w0, double w1, double w2) HiddenLine(int j) => (b1[j].ToDouble(), W1[0][j].ToDouble(), W1[1][j].ToDouble());

    private static torch.Tensor Step(torch.Tensor z) => z.gt(0).to_type(z.dtype);

    private static torch.Tensor Copy(torch.Tensor t, long[] shape, string name)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new ArgumentException($"{name} must have shape {Shapes.Format(shape)}; got {t.ShapeText()}", name);
        return t.detach().to_type(ScalarType.Float64).clone().DetachFromDisposeScope();
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        W1.Dispose(); b1.Dispose(); w2.Dispose(); b2.Dispose();
    }
}
