namespace Homework.Reports.Tests;

public sealed class SeriesTests
{
    [Fact]
    public void Indexed_counts_x_from_one_by_default()
    {
        var s = Series.Indexed("train", [0.3, 0.2, 0.1]);
        Assert.Equal([1.0, 2.0, 3.0], s.X);
        Assert.Equal([0.0, 1.0, 2.0], Series.Indexed("train", [0.3, 0.2, 0.1], start: 0).X);
    }

    [Fact]
    public void X_and_y_of_different_lengths_are_refused_with_both_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => new Series("dev", [1.0, 2.0, 3.0], [1.0, 2.0]));
        Assert.Contains("series 'dev' has 3 x values but 2 y values", e.Message);
        Assert.Throws<ArgumentException>(() => new Points("y = 1", [1.0], []));
    }

    [Fact]
    public void Empty_and_unnamed_series_are_refused()
    {
        Assert.Contains("no points", Assert.Throws<ArgumentException>(() => new Series("a", [], [])).Message);
        Assert.Contains("non-empty name", Assert.Throws<ArgumentException>(() => new Series(" ", [1.0], [1.0])).Message);
    }

    [Fact]
    public void FromFlat_reads_row_major()
    {
        var image = GridImage.FromFlat("w", [0.0, 1, 2, 3, 4, 5], rows: 2, columns: 3);
        Assert.Equal(5.0, image.Pixels[1, 2]);
        Assert.Equal(3.0, image.Pixels[1, 0]);
        Assert.Equal(2.0, image.Pixels[0, 2]);
        var e = Assert.Throws<ArgumentException>(() => GridImage.FromFlat("w", new double[784], 28, 27));
        Assert.Contains("784 values cannot be shaped 28×27", e.Message);
    }
}
