// Assertions the twin tests share: a check's three witnesses agree, and the manual path never touches autograd.
// Not a tolerance definition: those live in Homework.TestSupport.Tolerance.
using System.Collections;
using System.Reflection;
using Homework.GradCheck;
using Homework.TestSupport;

namespace Homework.Manual.Tests;

internal static class TwinAssert
{
    /// <summary>Runs <paramref name="check"/> in float64: manual vs autograd at the gradient-check rule, manual vs central differences.</summary>
    public static void Agree(ITwinCheck check, long seed)
    {
        using var scope = NewDisposeScope();
        var rows = check.Run(ScalarType.Float64, seed);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var label = $"{row.Model} {row.Parameter} (seed {seed})";
            Assert.False(row.Manual.requires_grad, $"{label}: the manual gradient requires grad");
            Assert.Equal(ScalarType.Float64, row.Manual.dtype);
            TensorAssert.Close($"{label}: manual vs autograd", row.Manual, row.Autograd, Tolerance.Float64Gradient);
            Assert.NotNull(row.FiniteDifference);
            TensorAssert.Close($"{label}: manual vs central differences", row.Manual, row.FiniteDifference!, Tolerance.FiniteDifference);
        }
    }

    /// <summary>
    /// Fails if any tensor reachable from <paramref name="things"/> (tensors, caches, gradient records, models' public
    /// properties, nested records and lists of them) requires grad.
    /// </summary>
    public static void NoGrad(params object?[] things)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var tensors = 0;
        foreach (var thing in things) Walk(thing, "", seen, ref tensors);
        Assert.True(tensors > 0, "no tensors were reachable: the no-grad assertion checked nothing");
    }

    private static void Walk(object? node, string path, HashSet<object> seen, ref int tensors)
    {
        switch (node)
        {
            case null: return;
            case torch.Tensor t:
                tensors++;
                Assert.False(t.requires_grad, $"{path}: a tensor on the manual path requires grad");
                return;
            case string or Enum: return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list) Walk(item, $"{path}[{i++}]", seen, ref tensors);
                return;
        }
        var type = node.GetType();
        if (type.IsPrimitive || type.Namespace?.StartsWith("Homework", StringComparison.Ordinal) != true) return;
        if (!type.IsValueType && !seen.Add(node)) return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                Walk(p.GetValue(node), $"{path}.{p.Name}", seen, ref tensors);
    }
}
