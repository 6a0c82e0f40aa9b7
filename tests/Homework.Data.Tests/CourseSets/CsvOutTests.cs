// CsvOut writes what CsvTable reads back bit for bit, in the homework layout x_1..x_d,y.
using Homework.Data.CourseSets;

namespace Homework.Data.Tests.CourseSets;

public class CsvOutTests
{
    [Fact]
    public void Written_values_read_back_identically()
    {
        using var dir = new TempDir();
        double[][] x = [[CsvOut.Feature(0.1234567), CsvOut.Feature(-1e-7)], [CsvOut.Feature(3.5), CsvOut.Feature(-2.0000005)]];
        double[] y = [Math.PI, -1.0 / 3];
        CsvOut.Write(dir.File("s.csv"), x, y);
        Assert.StartsWith("x_1,x_2,y\n0.123457,", File.ReadAllText(dir.File("s.csv")));
        var t = CsvTable.Read(dir.File("s.csv"));
        Assert.Equal(["x_1", "x_2", "y"], t.Columns);
        Assert.Equal([0.123457, 0, Math.PI], t.Rows[0]);
        Assert.Equal([3.5, -2.0, -1.0 / 3], t.Rows[1]);
    }
}
