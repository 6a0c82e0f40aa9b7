// CsvTable on small files written to a temp dir: header detection, values, and the errors for bad rows.
namespace Homework.Data.Tests;

public class CsvTests
{
    [Fact]
    public void Header_row_names_the_columns_and_values_round_trip()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.csv"), "x_1,x_2,y\n1.5,-2,0\n3e-3,4,1\n");
        var t = CsvTable.Read(dir.File("a.csv"));
        Assert.Equal(["x_1", "x_2", "y"], t.Columns);
        Assert.Equal(2, t.Features);
        Assert.Equal([1.5, -2, 0], t.Rows[0]);
        Assert.Equal([0.003, 4, 1], t.Rows[1]);
        var (x, y) = t.ToTensors();
        Assert.Equal([2L, 2L], x.shape);
        Assert.Equal([1.5, -2, 0.003, 4], x.data<double>().ToArray());
        Assert.Equal([0.0, 1], y.data<double>().ToArray());
    }

    [Fact]
    public void File_without_header_gets_default_names()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("b.csv"), "1,2,3\n4,5,6\n");
        var t = CsvTable.Read(dir.File("b.csv"));
        Assert.Equal(["x_1", "x_2", "y"], t.Columns);
        Assert.Equal(2, t.Rows.Length);
    }

    [Fact]
    public void Ragged_row_names_file_and_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("r.csv"), "x_1,x_2,y\n1,2,3\n4,5\n");
        var e = Assert.Throws<DatasetException>(() => CsvTable.Read(dir.File("r.csv")));
        Assert.Contains($"{dir.File("r.csv")}:3: ragged row: 2 cells but 3 expected", e.Message);
        Assert.Contains("./scripts/setup.sh", e.Message);
    }

    [Fact]
    public void Non_numeric_cell_names_file_line_and_column()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("n.csv"), "x_1,x_2,y\n1,2,3\n4,abc,6\n");
        var e = Assert.Throws<DatasetException>(() => CsvTable.Read(dir.File("n.csv")));
        Assert.Contains($"{dir.File("n.csv")}:3: column 2 ('x_2') holds 'abc', not a number", e.Message);
    }

    [Fact]
    public void Empty_and_missing_files_are_reported()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("e.csv"), "x_1,y\n");
        Assert.Contains("no data rows", Assert.Throws<DatasetException>(() => CsvTable.Read(dir.File("e.csv"))).Message);
        var missing = Assert.Throws<FileNotFoundException>(() => CsvTable.Read(dir.File("none.csv")));
        Assert.Contains("./scripts/setup.sh", missing.Message);
    }
}
