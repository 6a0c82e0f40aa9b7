// CS229 PS2 (000) Q4(e) ii-iv: parameter counts of the CNN and the Linear Layer NN in closed form.
// Not the models themselves (Cnn.cs, SigmoidMlp.cs); tests check these formulas against their real counts.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Torch.Models;

/// <summary>The homework's closed forms for the number of parameters, and the count of a real module.</summary>
public static class ParameterCounts
{
    /// <summary>Q4(e) ii: 32 filters of 3×3 with biases, then a linear map from 32·r² to k: 32·9 + 32 + 32r²k + k.</summary>
    public static long Cnn(long r, long k, long filters = 32) => filters * 9 + filters + filters * r * r * k + k;

    /// <summary>Q4(e) iii: W1 (r², m), b1 (m), W2 (m, k), b2 (k): r²m + m + mk + k.</summary>
    public static long Mlp(long r, long m, long k) => r * r * m + m + m * k + k;

    /// <summary>
    /// Q4(e) iv: the largest m with <see cref="Mlp"/>(r, m, k) &lt; <see cref="Cnn"/>(r, k).
    /// Mlp &lt; Cnn ⇔ m(r² + 1 + k) &lt; Cnn − k ⇔ m ≤ ⌊(Cnn − k − 1) / (r² + 1 + k)⌋.
    /// </summary>
    public static long LargestMlpHidden(long r, long k) => (Cnn(r, k) - k - 1) / (r * r + 1 + k);

    /// <summary>The number of scalars in a module's parameters (what PyTorch users sum over <c>parameters()</c>).</summary>
    public static long Count(torch.nn.Module module) => module.parameters().Sum(p => p.numel());
}
