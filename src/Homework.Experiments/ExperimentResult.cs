// What an experiment produced: comparisons with the homework's stated numbers and claims, its own numbers, and the
// figures, tables and answers of its page, in order. Built by the experiment, saved by ExperimentRunner.
using System.Globalization;
using Homework.Reports;

namespace Homework.Experiments;

/// <summary>Whether our number or finding agrees with what the homework states.</summary>
public enum Verdict
{
    /// <summary>Within the stated tolerance, or the claim holds in our numbers.</summary>
    Agrees,
    /// <summary>Outside the tolerance, or the claim does not hold: reported, never hidden.</summary>
    Misses,
}

/// <summary>One row of "the homework states X, we got Y".</summary>
/// <param name="Quantity">What is compared.</param>
/// <param name="Homework">The homework's number or claim, as text.</param>
/// <param name="Ours">Ours, as text.</param>
/// <param name="Tolerance">The tolerance, or how a claim is judged.</param>
/// <param name="Verdict">Agrees or misses.</param>
/// <param name="Note">Why it misses, or what to know when reading it ("" when nothing).</param>
public sealed record Comparison(string Quantity, string Homework, string Ours, string Tolerance, Verdict Verdict, string Note = "");

/// <summary>A named number of the run, with its text form (e.g. "vocabulary size" = "1,721").</summary>
/// <param name="Name">What it is.</param>
/// <param name="Value">As shown.</param>
public sealed record NamedNumber(string Name, string Value);

/// <summary>The result an experiment builds while it runs.</summary>
public sealed class ExperimentResult
{
    private readonly List<Comparison> comparisons = [];
    private readonly List<NamedNumber> numbers = [];
    private readonly List<Action<ReportPage>> blocks = [];

    /// <summary>The comparisons, in the order made.</summary>
    public IReadOnlyList<Comparison> Comparisons => comparisons;

    /// <summary>The named numbers, in the order made.</summary>
    public IReadOnlyList<NamedNumber> Numbers => numbers;

    /// <summary>The figures added, in order.</summary>
    public List<Figure> Figures { get; } = [];

    /// <summary>
    /// Compares <paramref name="ours"/> with the homework's <paramref name="homework"/>: agrees when
    /// |ours − homework| ≤ <paramref name="tolerance"/>. Both are shown with <paramref name="format"/>.
    /// </summary>
    public Comparison Compare(string quantity, double homework, double ours, double tolerance, string format = "F4", string note = "")
    {
        var verdict = double.IsFinite(ours) && Math.Abs(ours - homework) <= tolerance ? Verdict.Agrees : Verdict.Misses;
        var c = new Comparison(quantity, F(homework, format), F(ours, format), "± " + F(tolerance, format), verdict, note);
        comparisons.Add(c);
        return c;
    }

    /// <summary>A qualitative claim of the homework checked against our numbers: <paramref name="holds"/> decides the verdict.</summary>
    public Comparison Claim(string quantity, string homework, string ours, bool holds, string how = "from the numbers", string note = "")
    {
        var c = new Comparison(quantity, homework, ours, how, holds ? Verdict.Agrees : Verdict.Misses, note);
        comparisons.Add(c);
        return c;
    }

    /// <summary>Records a number of the run (shown in the page's numbers table).</summary>
    public void Number(string name, string value) => numbers.Add(new NamedNumber(name, value));

    /// <summary>Records a number of the run formatted with <paramref name="format"/>.</summary>
    public void Number(string name, double value, string format = "F4") => Number(name, F(value, format));

    /// <summary>Adds a figure to the page (it needs a caption).</summary>
    public void Add(Figure figure)
    {
        Figures.Add(figure);
        blocks.Add(page => page.Add(figure));
    }

    /// <summary>Adds a table to the page.</summary>
    public void Table(string heading, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string caption = "")
    {
        var kept = rows.ToList();
        blocks.Add(page => page.AddTable(heading, header, kept, caption));
    }

    /// <summary>Adds text (an answer, an explanation) to the page; each line is a paragraph.</summary>
    public void Text(string heading, string text) => blocks.Add(page => page.AddText(heading, text));

    /// <summary>Adds the blocks to <paramref name="page"/> in the order they were made.</summary>
    internal void AddBlocksTo(ReportPage page)
    {
        foreach (var add in blocks) add(page);
    }

    /// <summary><paramref name="value"/> with <paramref name="format"/>, invariant culture.</summary>
    public static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
