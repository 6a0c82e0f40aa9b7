// CsvTable (ML.NET's TextLoader underneath) on small files written to a temp dir: header detection, values, and the
// errors for bad rows, which ML.NET alone reads as NaN, zero or silently drops.
using Microsoft.ML;
using Microsoft.ML.Data;

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

    [Fact]
    public void A_row_with_cells_past_the_last_column_is_ragged_too()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.csv"), "x_1,y\n1,2\n\n3,4,5\n");
        var e = Assert.Throws<DatasetException>(() => CsvTable.Read(dir.File("w.csv")));
        Assert.Contains($"{dir.File("w.csv")}:4: ragged row: 3 cells but 2 expected (as in the header)", e.Message);
    }

    [Fact]
    public void An_empty_cell_is_not_read_as_zero()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("z.csv"), "1,2,3\n4,,6\n");
        var e = Assert.Throws<DatasetException>(() => CsvTable.Read(dir.File("z.csv")));
        Assert.Contains($"{dir.File("z.csv")}:2: column 2 ('x_2') holds '', not a number", e.Message);
    }

    [Fact]
    public void Shortest_round_trip_decimals_read_back_to_the_same_doubles()
    {
        // Every value as .NET's shortest round-trip text ("R"): ML.NET's parser must give back the very same double.
        using var dir = new TempDir();
        var rng = new Random(7);
        var values = Enumerable.Range(0, 300).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 9))).ToArray();
        File.WriteAllLines(dir.File("r.csv"), ["x_1,x_2,y", .. values.Chunk(3).Select(r => string.Join(",", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))]);
        Assert.Equal(values, CsvTable.Read(dir.File("r.csv")).Rows.SelectMany(r => r));
    }

    [Fact]
    public void DataView_gives_ml_net_a_features_vector_and_a_label()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("v.csv"), "x_1,x_2,x_3,y\n1,2,3,0\n4,5,6,1\n");
        var (view, columns) = CsvTable.DataView(dir.File("v.csv"));
        Assert.Equal(["x_1", "x_2", "x_3", "y"], columns);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Double, 3), view.Schema[CsvTable.FeaturesColumn].Type);
        Assert.Equal(NumberDataViewType.Double, view.Schema[CsvTable.LabelColumn].Type);
        Assert.Equal([0.0, 1.0], view.GetColumn<double>(CsvTable.LabelColumn));
        Assert.Equal([4.0, 5, 6], view.GetColumn<double[]>(CsvTable.FeaturesColumn).Last());
    }
}
