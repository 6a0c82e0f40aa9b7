using System.Text.Json.Nodes;

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
        Assert.Equal(f.Width, (double)layout["width"]!);
        Assert.Equal(f.Height, (double)layout["height"]!);
    }

    [Fact]
    public void Every_title_is_an_object_with_text_as_plotly_js_4_reads_it()
    {
        // XPlot.Plotly writes titles as strings; plotly.js 3+ ignores those, so each must arrive as {"text": ...}.
        var figures = new Figure[]
        {
            Figure.Line("Loss", "epoch", "loss", Series.Indexed("train", [1.0, 0.5])),
            Figure.Heatmap("H", "a", "b", "value", new double[2, 2]),
            Figure.ImageGrid("W", "weight", 2, new GridImage("a", new double[2, 2]), new GridImage("b", new double[2, 2])),
        };
        foreach (var f in figures)
        {
            var titles = new List<JsonNode?>();
            Collect(f.ToPlotly(), titles);
            Assert.NotEmpty(titles);
            Assert.All(titles, t => Assert.IsType<string>((string?)t!["text"]));
        }
    }

    [Fact]
    public void No_xplot_bookkeeping_reaches_plotly()
    {
        var json = Figure.ImageGrid("W", "weight", 2, new GridImage("a", new double[2, 2])).ToPlotly().ToJsonString();
        Assert.DoesNotContain("_isSubplotObj", json);
    }

    private static void Collect(JsonNode? node, List<JsonNode?> titles)
    {
        if (node is JsonObject o)
            foreach (var (key, child) in o)
            {
                if (key == "title") titles.Add(child);
                Collect(child, titles);
            }
        else if (node is JsonArray a)
            foreach (var child in a) Collect(child, titles);
    }
}
