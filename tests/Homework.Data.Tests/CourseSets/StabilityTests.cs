// stability ds1_a is not linearly separable and ds1_b is (CS229 F2020 PS2 Q1), by the exact hull test.
namespace Homework.Data.Tests.CourseSets;

public class StabilityTests
{
    [Theory]
    [InlineData("ds1_a.csv")]
    [InlineData("ds1_b.csv")]
    public void Hundred_2d_points_with_labels_0_and_1(string file)
    {
        var (x, y) = Generated.Read("stability", file);
        Assert.Equal(100, x.RowCount);
        Assert.Equal(2, x.ColumnCount);
        Assert.All(y, v => Assert.True(v is 0 or 1));
        Assert.InRange(y.Sum(), 20, 80); // both classes well represented
    }

    [Fact]
    public void Dataset_a_is_not_linearly_separable()
    {
        var (x, y) = Generated.Read("stability", "ds1_a.csv");
        Assert.False(Generated.LinearlySeparable(x, y));
    }

    [Fact]
    public void Dataset_b_is_linearly_separable()
    {
        var (x, y) = Generated.Read("stability", "ds1_b.csv");
        Assert.True(Generated.LinearlySeparable(x, y));
    }
}
