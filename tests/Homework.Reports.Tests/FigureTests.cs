namespace Homework.Reports.Tests;

public sealed class FigureTests
{
    [Theory]
    [InlineData("Loss", "loss")]
    [InlineData("Loss vs. epoch (train/dev)", "loss-vs-epoch-train-dev")]
    [InlineData("Q4(b): 784→300→10", "q4-b-784-300-10")]
    [InlineData("  Accuracy  ", "accuracy")]
    public void Slugify_keeps_letters_and_digits_and_joins_the_rest_with_one_dash(string title, string slug) =>
        Assert.Equal(slug, Figure.Slugify(title));

    [Fact]
    public void A_title_without_letters_or_digits_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Figure.Line("→ ←", "x", "y", Series.Indexed("a", [1.0])));
        Assert.Contains("no letters or digits", e.Message);
    }

    [Fact]
    public void Plotly_json_carries_title_and_size()
    {
        var f = Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0, 0.5]));
        var layout = f.ToPlotly()["layout"]!;
        Assert.Equal("Loss", (string?)layout["title"]!["text"]);
        Assert.Equal(f.Width, (int)layout["width"]!);
        Assert.Equal(f.Height, (int)layout["height"]!);
    }
}
