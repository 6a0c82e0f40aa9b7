// Assertions every model's test shares: a twin check's three gradients agree, and a manual path never touches autograd.
// Not a pass rule of its own: the comparisons go through TensorAssert with the named Tolerances.
using System.Reflection;
using Homework.GradCheck;
using Homework.TestSupport;

namespace Homework.Manual.Tests;

internal static class TwinAssert
{
    /// <summary>Seeds each model's test runs its float64 check with.</summary>
    public static readonly TheoryData<long> Seeds = new() { 0, 1, 2, 3, 4 };

    /// <summary>Runs <paramref name="check"/> in float64 and asserts manual ≈ autograd and manual ≈ central differences for every gradient.</summary>
    public static void GradientsAgree(ITwinCheck check, long seed)
    {
        using var scope = NewDisposeScope();
        var comparisons = check.Run(float64, seed);
        Assert.NotEmpty(comparisons);
        foreach (var c in comparisons)
        {
            Assert.Equal(float64, c.Manual.dtype);
            TensorAssert.Close($"{c.Model} {c.Parameter} manual vs autograd (seed {seed})", c.Manual, c.Autograd, Tolerance.Float64Gradient);
            Assert.NotNull(c.FiniteDifference);
            TensorAssert.Close($"{c.Model} {c.Parameter} manual vs central difference (seed {seed})", c.Manual, c.FiniteDifference!, Tolerance.FiniteDifference);
        }
    }

    /// <summary>
    /// Fails if any tensor among <paramref name="values"/> requires grad, looking inside tuples and record structs
    /// (caches, gradient sets) one level deep.
    /// </summary>
    public static void NoGrad(params object[] values)
    {
        var count = 0;
        foreach (var (name, t) in values.SelectMany((v, i) => Tensors($"#{i}", v)))
        {
            count++;
            Assert.False(t.requires_grad, $"{name} requires grad: the manual path must not use autograd");
        }
        Assert.True(count > 0, "no tensors found to inspect");
    }

    private static IEnumerable<(string, torch.Tensor)> Tensors(string name, object value)
    {
        if (value is torch.Tensor t) { yield return (name, t); yield break; }
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            if (p.GetValue(value) is torch.Tensor pt) yield return ($"{name}.{p.Name}", pt);
        foreach (var f in value.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
            if (f.GetValue(value) is torch.Tensor ft) yield return ($"{name}.{f.Name}", ft);
    }
}
