// What an experiment produced: comparisons with the homework's stated numbers and claims, its own numbers, and the
// figures, tables and answers of its page, in order — all data (figures as their spec), so the run's result.json
// holds everything its page is drawn from. Built by the experiment, saved by ExperimentRunner.
using System.Globalization;
using System.Text.Json.Serialization;
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

/// <summary>One block of an experiment's page after its comparisons and numbers: a figure, a table or text.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[JsonDerivedType(typeof(FigureBlock), "figure")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(TextBlock), "text")]
public abstract record ResultBlock
{
    /// <summary>Appends this block to <paramref name="page"/>.</summary>
    public abstract void AddTo(ReportPage page);
}

/// <summary>A captioned figure, kept as its spec.</summary>
/// <param name="Figure">The figure.</param>
public sealed record FigureBlock(Figure Figure) : ResultBlock
{
    /// <inheritdoc/>
    public override void AddTo(ReportPage page) => page.Add(Figure);
}

/// <summary>A table of text cells.</summary>
/// <param name="Heading">Its heading ("" for none).</param>
/// <param name="Header">Column headers.</param>
/// <param name="Rows">Rows of cells, as many as headers each.</param>
/// <param name="Caption">A note under it ("" for none).</param>
public sealed record TableBlock(string Heading, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string Caption) : ResultBlock
{
    /// <inheritdoc/>
    public override void AddTo(ReportPage page) => page.AddTable(Heading, Header, Rows, Caption);
}

/// <summary>Paragraphs of text (one a line) under a heading ("" for none).</summary>
/// <param name="Heading">Its heading.</param>
/// <param name="Text">The text.</param>
public sealed record TextBlock(string Heading, string Text) : ResultBlock
{
    /// <inheritdoc/>
    public override void AddTo(ReportPage page) => page.AddText(Heading, Text);
}

/// <summary>The result an experiment builds while it runs.</summary>
public sealed class ExperimentResult
{
    private readonly List<Comparison> comparisons = [];
    private readonly List<NamedNumber> numbers = [];
    private readonly List<ResultBlock> blocks = [];

    /// <summary>The comparisons, in the order made.</summary>
    public IReadOnlyList<Comparison> Comparisons => comparisons;

    /// <summary>The named numbers, in the order made.</summary>
    public IReadOnlyList<NamedNumber> Numbers => numbers;

    /// <summary>The figures, tables and text of the page, in the order added.</summary>
    public IReadOnlyList<ResultBlock> Blocks => blocks;

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
    public void Add(Figure figure) => blocks.Add(new FigureBlock(figure));

    /// <summary>Adds a table to the page.</summary>
    public void Table(string heading, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string caption = "") =>
        blocks.Add(new TableBlock(heading, [.. header], [.. rows.Select(r => (IReadOnlyList<string>)[.. r])], caption));

    /// <summary>Adds text (an answer, an explanation) to the page; each line is a paragraph.</summary>
    public void Text(string heading, string text) => blocks.Add(new TextBlock(heading, text));

    /// <summary><paramref name="value"/> with <paramref name="format"/>, invariant culture.</summary>
    public static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
