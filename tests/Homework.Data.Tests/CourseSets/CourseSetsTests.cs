// The generated files in data/generated are exactly what the generators produce (fixed seeds: byte-identical on
// every run), every registered file exists, and an unknown set or file is a clear error.
using Homework.TestSupport;
using Sets = Homework.Data.CourseSets.CourseSets;

namespace Homework.Data.Tests.CourseSets;

public class CourseSetsTests
{
    [Fact]
    public void Data_generated_matches_a_fresh_generation_byte_for_byte()
    {
        using var dir = new TempDir();
        var made = Sets.EnsureGenerated(dir.Root);
        Assert.Equal(Sets.All.Count, made.Count);
        foreach (var set in Sets.All)
            foreach (var file in set.Files)
            {
                var committed = Sets.FilePath(set.Name, file, Fixtures.Data()); // fails naming ./scripts/setup.sh if absent
                Assert.True(File.ReadAllBytes(committed).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Root, "generated", set.Name, file))),
                    $"{committed} differs from a fresh generation: run ./scripts/setup.sh (it regenerates when the generators change)");
            }
        Assert.Empty(Sets.EnsureGenerated(dir.Root)); // second call: everything present, nothing regenerated
    }

    [Fact]
    public void Missing_generated_file_names_the_setup_command()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => Sets.FilePath("stability", "ds1_a.csv", dir.Root));
        Assert.Contains("./scripts/setup.sh", e.Message);
        Assert.Contains("no course set 'nope'", Assert.Throws<ArgumentException>(() => Sets.Get("nope")).Message);
        Assert.Contains("has no file 'x.csv'", Assert.Throws<ArgumentException>(() => Sets.FilePath("stability", "x.csv", dir.Root)).Message);
    }

    [Fact]
    public void A_file_whose_label_column_was_lost_is_a_dataset_error_naming_the_fix()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Root, "generated", "perceptron", "train.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x_1,x_2\n0.5,1.5\n-1,2\n");
        var e = Assert.Throws<DatasetException>(() => Sets.Load("perceptron", "train.csv", root: dir.Root));
        Assert.Contains("its header (x_1,x_2) does not end in the label column y", e.Message);
        Assert.Contains("./scripts/setup.sh", e.Message);
    }

    [Fact]
    public void Load_gives_float64_tensors_of_the_homework_layout()
    {
        var (x, y) = Sets.Load("doubledescent", "train200.csv", root: Fixtures.Data());
        Assert.Equal([200L, 500L], x.shape);
        Assert.Equal([200L], y.shape);
        Assert.Equal(ScalarType.Float64, x.dtype);
    }
}
