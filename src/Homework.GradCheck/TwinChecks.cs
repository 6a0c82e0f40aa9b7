// Finds every ITwinCheck in this assembly, so adding a model means adding one class, no list to edit.
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.GradCheck;

/// <summary>The registry of twin checks.</summary>
public static class TwinChecks
{
    /// <summary>Every check, ordered by name.</summary>
    public static IReadOnlyList<ITwinCheck> All { get; } = typeof(TwinChecks).Assembly.GetTypes()
        .Where(t => typeof(ITwinCheck).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (ITwinCheck)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The check called <paramref name="name"/> (case-insensitive), or an error listing the names.</summary>
    public static ITwinCheck Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no model '{name}'; choose one of: {string.Join(", ", All.Select(c => c.Name))}", nameof(name));

    /// <summary>
    /// Runs <paramref name="check"/> once and judges every gradient with the rules for <paramref name="dtype"/>; whatever
    /// the check throws propagates (`homework check` reports a student's exception with their line).
    /// </summary>
    public static IEnumerable<GradCheckRow> Judged(ITwinCheck check, ScalarType dtype, long seed) =>
        check.Run(dtype, seed).Select(c => GradCheckRow.From(c, dtype));

    /// <summary>
    /// <see cref="Judged"/>, with a libtorch error turned into one failed row, so one broken check never hides the others.
    /// </summary>
    public static IReadOnlyList<GradCheckRow> Rows(ITwinCheck check, ScalarType dtype, long seed)
    {
        using var scope = torch.NewDisposeScope();
        try
        {
            return [.. Judged(check, dtype, seed)];
        }
        catch (ExternalException e) // a libtorch error, on either backend
        {
            return [new GradCheckRow(check.Name, "(check did not run)", [], double.NaN, double.NaN, null, false, e.Message)];
        }
    }
}
