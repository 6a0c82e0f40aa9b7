// One cell of a report table: text, and optionally a style class and a link to another page of the report.
// The page escapes the text and checks the link, so a cell can never carry markup.
using System.Net;

namespace Homework.Reports;

/// <summary>A table cell: <paramref name="Text"/>, a CSS class the page styles, and a relative link.</summary>
/// <param name="Text">Shown as text; escaped.</param>
/// <param name="Class"><c>agree</c> (green), <c>miss</c> (red), <c>note</c> (yellow), <c>num</c> (right-aligned) or null.</param>
/// <param name="Href">A relative link inside the reports folder (letters, digits, '/', '.', '-', '_'; ".." only as leading "../" steps).</param>
public readonly record struct TableCell(string Text, string? Class = null, string? Href = null)
{
    /// <summary>A plain text cell.</summary>
    public static implicit operator TableCell(string text) => new(text);

    internal string Html()
    {
        if (Class is not null && !Class.All(char.IsAsciiLetterLower))
            throw new ArgumentException($"table cell class '{Class}' must be lower-case letters", nameof(Class));
        // Leading "../" steps climb from a nested page to its siblings (an experiment page to its derivations); none elsewhere.
        var below = Href ?? "";
        while (below.StartsWith("../", StringComparison.Ordinal)) below = below[3..];
        if (Href is not null && (below.Contains("..") || !below.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_')))
            throw new ArgumentException($"table cell link '{Href}' must be a relative path of letters, digits, '/', '.', '-' and '_' (leading '../' steps allowed)", nameof(Href));
        var text = WebUtility.HtmlEncode(Text);
        var inner = Href is null ? text : $"<a href=\"{Href}\">{text}</a>";
        return Class is null ? $"<td>{inner}</td>" : $"<td class=\"{Class}\">{inner}</td>";
    }
}
