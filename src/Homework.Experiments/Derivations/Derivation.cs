// What a derivation is: one hand derivation of one homework question, written in Markdown with LaTeX math in
// Derivations/Text/<homework>/<question>.md (embedded in the program), shown on its own page beside the live numeric
// check that verifies it. The file's front matter names it; its check is registered under the same id
// (DerivationChecks). Not the check (Checks/) and not the page (DerivationRunner).
using System.Reflection;
using Homework.Experiments;

namespace Homework.Experiments.Derivations;

/// <summary>
/// A derivation: <paramref name="Id"/> is <c>&lt;homework&gt;/&lt;question&gt;</c> (also its report folder), the
/// homework's <paramref name="Questions"/>, the <paramref name="Experiments"/> that use its result, and the Markdown body.
/// </summary>
/// <param name="Id">e.g. <c>cs229-w25/q4a-softmax-ce</c>.</param>
/// <param name="Title">A short title for lists and the page heading.</param>
/// <param name="Questions">The homework's numbering, e.g. "Q4(a), eq. (10)".</param>
/// <param name="Experiments">Ids of the experiments whose code rests on this result (their pages link here).</param>
/// <param name="Erratum">One line when the homework's own text or reference answer is wrong here; "" otherwise.</param>
/// <param name="Markdown">The question paraphrased, the derivation step by step, the result.</param>
public sealed record Derivation(string Id, string Title, string Questions, IReadOnlyList<string> Experiments, string Erratum, string Markdown)
{
    /// <summary>The homework this derivation belongs to.</summary>
    public HomeworkInfo Homework => HomeworkInfo.Of(Id) ?? throw new InvalidOperationException($"derivation id '{Id}' does not start with a homework key");

    /// <summary>
    /// Reads one file: a front matter between <c>---</c> lines (<c>id</c>, <c>title</c>, <c>questions</c>, optional
    /// <c>experiments</c> separated by commas and <c>erratum</c>), then the Markdown.
    /// </summary>
    public static Derivation Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var close = lines.Length > 0 && lines[0] == "---" ? Array.IndexOf(lines, "---", 1) : -1;
        if (close < 0) throw new FormatException($"{source}: a derivation starts with a front matter between two '---' lines");
        var fields = new Dictionary<string, string>();
        foreach (var line in lines[1..close])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"{source}: front matter line '{line}' is not 'key: value'");
            fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string Field(string key) => fields.TryGetValue(key, out var v) && v.Length > 0 ? v : throw new FormatException($"{source}: the front matter has no '{key}'");
        return new Derivation(Field("id"), Field("title"), Field("questions"),
            [.. fields.GetValueOrDefault("experiments", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            fields.GetValueOrDefault("erratum", ""), string.Join('\n', lines[(close + 1)..]).Trim() + "\n");
    }
}

/// <summary>Every derivation embedded in this program, in homework order then id.</summary>
public static class DerivationRegistry
{
    private const string Prefix = "derivations/";

    private static readonly Lazy<IReadOnlyList<Derivation>> all = new(() =>
    {
        var assembly = typeof(Derivation).Assembly;
        var found = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return Derivation.Parse(reader.ReadToEnd(), n);
            })
            .OrderBy(d => HomeworkInfo.All.ToList().FindIndex(h => h.Key == d.Homework.Key))
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var duplicate = found.Select(d => d.Id).Concat(ExperimentRegistry.All.Select(e => e.Id)).GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"two derivations or experiments share the id '{duplicate.Key}'");
        return found;
    });

    /// <summary>All derivations, by homework then id.</summary>
    public static IReadOnlyList<Derivation> All => all.Value;

    /// <summary>The derivation with <paramref name="id"/>; null when there is none.</summary>
    public static Derivation? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    /// <summary>The derivations that name <paramref name="experimentId"/> among their experiments.</summary>
    public static IEnumerable<Derivation> For(string experimentId) => All.Where(d => d.Experiments.Contains(experimentId));
}
