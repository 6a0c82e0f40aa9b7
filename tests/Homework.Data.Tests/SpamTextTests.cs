// Q2(a)'s text processing on small hand-made corpora: whitespace splitting and case folding, the 5-message
// threshold (a repeat within one message counts once), empty and oddly encoded messages, the count matrix, the
// shared-word Gram matrix against a dense product, and markup stripping.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data.Tests;

public class SpamTextTests
{
    [Fact]
    public void Get_words_splits_on_any_white_space_and_lower_cases()
    {
        Assert.Equal(["free", "money!", "now", "<b>click</b>"], SpamText.GetWords("  FREE\tMoney!\r\n\nnow\u00a0<B>Click</B> "));
        Assert.Empty(SpamText.GetWords(""));
        Assert.Empty(SpamText.GetWords(" \n\t "));
    }

    [Fact]
    public void Broken_text_is_tokenized_not_refused()
    {
        // A lone surrogate, a replacement character and a NUL: what a mail with a broken encoding decodes to.
        Assert.Equal(["a\ud800b", "\ufffd", "c\0d"], SpamText.GetWords("A\ud800B \ufffd C\0D"));
    }

    [Fact]
    public void Dictionary_keeps_words_in_at_least_five_messages_counting_a_repeat_once()
    {
        string[] corpus =
        [
            "spam spam spam spam spam spam", // "spam" six times but in one message only
            "Ham five", "ham five", "HAM five", "ham Five", "ham five",  // "ham" and "five" in exactly 5 messages
            "four four", "four", "four", "four",                        // "four" in 4 messages
            "", " ",                                                      // empty messages count towards nothing
        ];
        var dictionary = SpamDictionary.Create(corpus);
        Assert.Equal(["five", "ham"], dictionary.Words);
        Assert.Equal(["five", "four", "ham"], SpamDictionary.Create(corpus, minMessages: 4).Words);
        Assert.Equal(["five", "four", "ham", "spam"], SpamDictionary.Create(corpus, minMessages: 1).Words);
        Assert.Equal(1, dictionary.IndexOf("ham"));
        Assert.Equal(-1, dictionary.IndexOf("HAM"));
        Assert.Equal(-1, dictionary.IndexOf("four"));
    }

    [Fact]
    public void Transform_counts_dictionary_words_per_message_and_gives_empty_messages_a_zero_row()
    {
        var dictionary = SpamDictionary.Create(["a b", "b c"], minMessages: 1);   // a, b, c
        var counts = dictionary.Transform(["B b A unknown", "", "c C c c"]);
        Assert.Equal(3, counts.RowCount);
        Assert.Equal(3, counts.ColumnCount);
        using var dense = counts.ToDense();
        Assert.Equal(new long[] { 3, 3 }, dense.shape);
        Assert.Equal([1f, 2f, 0f, 0f, 0f, 0f, 0f, 0f, 4f], dense.data<float>().ToArray());
        using var selected = counts.ToDense([2, 0]);
        Assert.Equal([0f, 1f, 0f, 0f, 4f, 0f], selected.data<float>().ToArray());
        Assert.Equal([1, 1, 1], counts.DocumentFrequency());
        Assert.Equal([2, 0, 1], counts.DistinctWords());
    }

    [Fact]
    public void Binary_gram_counts_shared_words_as_the_binarized_product_does()
    {
        var dictionary = SpamDictionary.Create(["a b c d e"], minMessages: 1);
        var left = dictionary.Transform(["a a b", "c d e", "", "a b c d e e"]);
        var right = dictionary.Transform(["b b b", "a e", "x y"]);
        using var scope = torch.NewDisposeScope();
        var expected = left.ToDense().gt(0).to(ScalarType.Float32).matmul(right.ToDense().gt(0).to(ScalarType.Float32).T);
        Assert.Equal(expected.data<float>().ToArray(), left.BinaryGram(right).data<float>().ToArray());
        Assert.Equal([1f, 1f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 1f, 2f, 0f], left.BinaryGram(right).data<float>().ToArray());
    }

    [Fact]
    public void Strip_markup_removes_tags_and_comments_and_decodes_entities_but_keeps_a_lone_less_than()
    {
        // Each tag and the comment become one space; &nbsp; is U+00A0, which GetWords splits on.
        Assert.Equal("  Buy    now\u00a0$5 ", SpamText.StripMarkup("<blockquote><font\nsize=3D\"2\">Buy</font> <!-- x\n<b> --> now&nbsp;&#36;5<br>"));
        Assert.Equal("a < b and c > d", SpamText.StripMarkup("a < b and c > d"));
        Assert.Equal(["buy", "now", "$5"], SpamText.GetWords(SpamText.StripMarkup("<P>Buy&nbsp;NOW&nbsp;&#36;5</P>")));
    }
}
