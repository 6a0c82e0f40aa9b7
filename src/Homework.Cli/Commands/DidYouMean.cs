// "Did you mean": the closest names to a mistyped command or experiment id, for the one-line errors of Program.cs.
// A unique id suffix (q4-mnist), a case slip (CS229-W25/Q4-MNIST) or a small edit distance (lsit, q4-mnst) finds it.
namespace Homework.Cli.Commands;

/// <summary>Suggestions for an unknown name.</summary>
public static class DidYouMean
{
    /// <summary>The candidates <paramref name="typed"/> most likely meant, best first (at most three; none when nothing is close).</summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates)
    {
        var all = candidates.ToList();
        var exact = all.Where(c => string.Equals(c, typed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 0) return exact;
        var suffix = all.Where(c => c.EndsWith("/" + typed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (suffix.Count > 0) return suffix.Take(3).ToList();
        // Within a quarter of the name's length (at least 2 edits), or of its last path part's for ids.
        var near = all
            .Select(c => (c, d: Math.Min(Distance(typed, c), Distance(typed, c[(c.LastIndexOf('/') + 1)..]))))
            .Where(x => x.d <= Math.Max(2, typed.Length / 4))
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Select(x => x.c).Take(3).ToList();
        return near;
    }

    /// <summary>" (did you mean a, b?)" or "" when there is nothing close.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { Count: > 0 } c ? $"; did you mean {string.Join(" or ", c)}?" : "";

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps (lsit -> list), case-blind.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
