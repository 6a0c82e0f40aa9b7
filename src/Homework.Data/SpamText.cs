// CS229 F2020 PS2 Q2(a)'s text processing: get_words (split on whitespace, lower-case), create_dictionary (words in
// at least 5 training messages) and transform_text (an (n, |V|) count matrix), plus markup stripping for the
// SpamAssassin stand-in, whose spam is largely HTML. Not a classifier and not the corpus reader (SpamAssassin.cs).
// The counts are kept as compressed rows: the dense (n, |V|) tensor is made on demand (ToDense), and the shared-word
// Gram matrix the RBF SVM needs is counted from the rows, because a dense X Xᵀ over ~20,000 columns costs ~1 TFLOP.
using System.Net;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>Q2(a)'s tokenizer and the markup stripping of the SpamAssassin variant.</summary>
public static partial class SpamText
{
    /// <summary>
    /// get_words: the message split on whitespace (any Unicode white space, runs count once, as Python's
    /// <c>str.split()</c>) and lower-cased (invariant culture). An empty or all-blank message has no words.
    /// </summary>
    public static string[] GetWords(string message) =>
        message.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);   // invariant lower-casing maps white space to itself

    /// <summary>
    /// The message with HTML comments and tags (<c>&lt;font ...&gt;</c>, <c>&lt;/td&gt;</c>, across line breaks) replaced
    /// by a space and character entities (<c>&amp;nbsp;</c>, <c>&amp;#36;</c>) decoded. A lone '&lt;' that does not open a
    /// tag (e.g. "a &lt; b") is kept.
    /// </summary>
    public static string StripMarkup(string message) =>
        WebUtility.HtmlDecode(Tag().Replace(Comment().Replace(message, " "), " "));

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex("</?[A-Za-z!][^<>]*>")]
    private static partial Regex Tag();
}

/// <summary>create_dictionary's result: the words kept, each with its column in <see cref="WordCounts"/>.</summary>
public sealed class SpamDictionary
{
    private readonly Dictionary<string, int> index;

    private SpamDictionary(string[] words)
    {
        Words = words;
        index = words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The homework's threshold: a word must occur in at least this many training messages.</summary>
    public const int HomeworkMinMessages = 5;

    /// <summary>The words in ordinal order; a word's position is its column.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>|V|.</summary>
    public int Count => Words.Count;

    /// <summary>The column of <paramref name="word"/> (already lower-cased), or -1 when it is not in the dictionary.</summary>
    public int IndexOf(string word) => index.TryGetValue(word, out var i) ? i : -1;

    /// <summary>
    /// create_dictionary: every word of <see cref="SpamText.GetWords"/> that occurs in at least
    /// <paramref name="minMessages"/> of <paramref name="messages"/> (a word repeated within one message counts once).
    /// </summary>
    public static SpamDictionary Create(IEnumerable<string> messages, int minMessages = HomeworkMinMessages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minMessages, 1);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in messages.AsParallel().AsOrdered().Select(m => new HashSet<string>(SpamText.GetWords(m), StringComparer.Ordinal)))
            foreach (var word in words)
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
        return new SpamDictionary(documentFrequency.Where(p => p.Value >= minMessages).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>transform_text: row i counts how often each dictionary word occurs in message i; other words are dropped.</summary>
    public WordCounts Transform(IReadOnlyList<string> messages)
    {
        var rows = new SortedDictionary<int, int>[messages.Count];
        Parallel.For(0, messages.Count, i =>
        {
            var row = new SortedDictionary<int, int>();
            foreach (var word in SpamText.GetWords(messages[i]))
                if (IndexOf(word) is var c and >= 0) row[c] = row.GetValueOrDefault(c) + 1;
            rows[i] = row;
        });
        var rowStart = new int[messages.Count + 1];
        for (var i = 0; i < rows.Length; i++) rowStart[i + 1] = rowStart[i] + rows[i].Count;
        return new WordCounts(Count, rowStart, [.. rows.SelectMany(r => r.Keys)], [.. rows.SelectMany(r => r.Values.Select(v => (float)v))]);
    }
}

/// <summary>
/// An (n, |V|) word-count matrix in compressed rows: row i's nonzero columns are
/// <c>Columns[RowStart[i]..RowStart[i + 1]]</c> (ascending) with their counts in <c>Counts</c>.
/// </summary>
public sealed class WordCounts
{
    /// <summary>The matrix from its compressed rows.</summary>
    public WordCounts(int columnCount, int[] rowStart, int[] columns, float[] counts)
    {
        if (rowStart.Length == 0 || rowStart[0] != 0 || rowStart[^1] != columns.Length || columns.Length != counts.Length)
            throw new ArgumentException("rowStart must start at 0 and end at the number of nonzeros, one count per column index");
        ColumnCount = columnCount;
        this.rowStart = rowStart;
        this.columns = columns;
        this.counts = counts;
    }

    private readonly int[] rowStart, columns;
    private readonly float[] counts;

    /// <summary>n, the number of messages.</summary>
    public int RowCount => rowStart.Length - 1;

    /// <summary>|V|.</summary>
    public int ColumnCount { get; }

    /// <summary>Where each row's entries start (n + 1 offsets).</summary>
    public IReadOnlyList<int> RowStart => rowStart;

    /// <summary>The nonzero entries' columns.</summary>
    public IReadOnlyList<int> Columns => columns;

    /// <summary>The nonzero entries' counts.</summary>
    public IReadOnlyList<float> Counts => counts;

    /// <summary>
    /// The dense (n, |V|) float32 matrix, or (n, k) with only <paramref name="keep"/> (in that order) when given.
    /// </summary>
    public Tensor ToDense(IReadOnlyList<int>? keep = null)
    {
        var map = new int[ColumnCount];
        Array.Fill(map, keep is null ? 0 : -1);
        var width = keep?.Count ?? ColumnCount;
        for (var k = 0; k < width; k++) map[keep?[k] ?? k] = k;
        var dense = new float[(long)RowCount * width];
        for (var i = 0; i < RowCount; i++)
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
                if (map[columns[e]] >= 0) dense[(long)i * width + map[columns[e]]] = counts[e];
        return tensor(dense, [RowCount, width]);
    }

    /// <summary>In how many rows each column is nonzero (|V|).</summary>
    public int[] DocumentFrequency()
    {
        var df = new int[ColumnCount];
        foreach (var c in columns) df[c]++;
        return df;
    }

    /// <summary>How many distinct dictionary words row i has (n): the squared norm of the binarized row.</summary>
    public int[] DistinctWords() => Enumerable.Range(0, RowCount).Select(i => rowStart[i + 1] - rowStart[i]).ToArray();

    /// <summary>
    /// G = B Aᵀ (n, m) float32 for B this matrix and A <paramref name="other"/>, both binarized (count &gt; 0 → 1):
    /// G[i, j] is the number of dictionary words messages i and j share. Counted through an inverted index of
    /// <paramref name="other"/>, so the cost is Σ over words of the two document frequencies' product, not n·m·|V|.
    /// </summary>
    public Tensor BinaryGram(WordCounts other)
    {
        if (other.ColumnCount != ColumnCount) throw new ArgumentException($"both matrices need the same dictionary; got {ColumnCount} and {other.ColumnCount} columns", nameof(other));
        var postings = new List<int>[ColumnCount];
        for (var c = 0; c < ColumnCount; c++) postings[c] = [];
        for (var j = 0; j < other.RowCount; j++)
            for (var e = other.rowStart[j]; e < other.rowStart[j + 1]; e++) postings[other.columns[e]].Add(j);
        var lists = postings.Select(p => p.ToArray()).ToArray();
        var m = other.RowCount;
        var gram = new float[(long)RowCount * m];
        Parallel.For(0, RowCount, () => new int[m], (i, _, shared) =>
        {
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
                foreach (var j in lists[columns[e]]) shared[j]++;
            for (var j = 0; j < m; j++) gram[(long)i * m + j] = shared[j];
            Array.Clear(shared);
            return shared;
        }, _ => { });
        return tensor(gram, [RowCount, m]);
    }
}
