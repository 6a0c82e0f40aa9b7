// The Omniglot loader on tiny pickles of the homework's format (tests/fixtures/data/make_omniglot_fixture.py, every
// protocol numpy writes in-band, a Fortran-ordered array), its refusals, and the Fashion-MNIST stand-in's sizes and
// stratification.
using Homework.TestSupport;

namespace Homework.Data.Tests;

public class OmniglotTests
{
    private static string Tiny(string name) => Fixtures.Path("data", "omniglot-tiny", name);

    // The closed forms the fixture script writes.
    private static double TrainPixel(int i, int k) => (i * 7 + k) % 11 / 10.0;
    private static double TestPixel(int i, int k) => (i * 5 + k * 3) % 256 / 255.0;

    [Theory]
    [InlineData("omniglot_12.pkl")]
    [InlineData("omniglot_12.p2.pkl")]
    [InlineData("omniglot_12.p4.pkl")]
    [InlineData("omniglot_12.p5.pkl")]
    [InlineData("omniglot_12.fortran.pkl")]
    public void Reads_the_homeworks_pickle_format(string file)
    {
        using var split = Omniglot.Load(Tiny(file));
        Assert.Equal(4, split.Side);
        Assert.Equal(3, split.Classes);
        Assert.Equal([5L, 16L], split.Train.Inputs.shape);
        Assert.Equal([4L, 16L], split.Test.Inputs.shape);
        Assert.Equal([5L, 3L], split.Train.Targets.shape);
        var train = split.Train.Inputs.data<float>();
        var test = split.Test.Inputs.data<float>();
        for (var i = 0; i < 5; i++)
            for (var k = 0; k < 16; k++) Assert.Equal((float)TrainPixel(i, k), train[i * 16 + k]);
        // uint8 pixels are divided by 255; float pixels are kept.
        for (var i = 0; i < 4; i++)
            for (var k = 0; k < 16; k++) Assert.Equal((float)TestPixel(i, k), test[i * 16 + k], 6);
        Assert.Equal([0L, 1, 2, 0, 1], split.Train.Labels.data<long>().ToArray());
        Assert.Equal([1L, 2, 0, 1], split.Test.Labels.data<long>().ToArray());
        Assert.Equal([0f, 1, 0], split.Train.Targets.data<float>().ToArray()[3..6]);
        Assert.Contains("pixels as stored (train), / 255 (test)", split.Description);
    }

    [Fact]
    public void A_missing_file_names_where_to_put_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Omniglot.Load(Tiny("absent.pkl")));
        Assert.Contains("omniglot_12.pkl", e.Message);
        Assert.Contains(Path.Combine("omniglot", "omniglot_12.pkl"), e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_pickle_is_refused_with_one_clear_message()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.pkl"), [0x80, 0x04, 0x95, 1, 2]);
        var e = Assert.Throws<DatasetException>(() => Omniglot.Load(dir.File("x.pkl")));
        Assert.Contains("not a readable pickle", e.Message);
        File.WriteAllText(dir.File("y.pkl"), "hello");
        Assert.Throws<DatasetException>(() => Omniglot.Load(dir.File("y.pkl")));
    }

    [Fact]
    public void A_pickle_of_another_shape_or_with_other_globals_is_refused()
    {
        using var dir = new TempDir();
        // pickle.dumps((1, 2), protocol=2): a tuple, but not ((X, Y), (X, Y)).
        File.WriteAllBytes(dir.File("t.pkl"), [0x80, 0x02, (byte)'K', 1, (byte)'K', 2, 0x86, (byte)'q', 0, (byte)'.']);
        Assert.Contains("((trainX, trainY), (testX, testY))", Assert.Throws<DatasetException>(() => Omniglot.Load(dir.File("t.pkl"))).Message);
        // pickle.dumps(os.system, protocol=2): a global this reader never builds.
        File.WriteAllBytes(dir.File("g.pkl"), [0x80, 0x02, .. "cposix\nsystem\n"u8.ToArray(), (byte)'q', 0, (byte)'.']);
        Assert.Contains("posix.system", Assert.Throws<DatasetException>(() => Omniglot.Load(dir.File("g.pkl"))).Message);
    }

    [Fact]
    public void Fashion_stand_in_has_the_homeworks_sizes_stratified_over_ten_classes()
    {
        using var split = Omniglot.FashionStandIn(seed: 0, dir: Fixtures.Data("fashion-mnist"));
        Assert.Equal([6660L, 784L], split.Train.Inputs.shape);
        Assert.Equal([1660L, 784L], split.Test.Inputs.shape);
        Assert.Equal((28, 10), (split.Side, split.Classes));
        Assert.All(split.Train.Labels.data<long>().GroupBy(y => y), g => Assert.Equal(666, g.Count()));
        Assert.All(split.Test.Labels.data<long>().GroupBy(y => y), g => Assert.Equal(166, g.Count()));
        var px = split.Train.Inputs.data<float>().ToArray();
        Assert.Equal(0f, px.Min());
        Assert.Equal(1f, px.Max());
        // No image picked twice (rows compared by their pixel sums and labels would be weak; compare whole rows).
        var rows = Enumerable.Range(0, 6660).Select(i => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(px.AsSpan(i * 784, 784)).ToArray()));
        Assert.True(rows.Distinct().Count() >= 6650, "stand-in rows repeat (Fashion-MNIST itself has a handful of duplicate images)");
        // Seeded: the same seed picks the same images, another seed others.
        using var again = Omniglot.FashionStandIn(seed: 0, trainSize: 100, testSize: 10, dir: Fixtures.Data("fashion-mnist"));
        using var other = Omniglot.FashionStandIn(seed: 1, trainSize: 100, testSize: 10, dir: Fixtures.Data("fashion-mnist"));
        using var same = Omniglot.FashionStandIn(seed: 0, trainSize: 100, testSize: 10, dir: Fixtures.Data("fashion-mnist"));
        Assert.Equal(again.Train.Inputs.data<float>(), same.Train.Inputs.data<float>());
        Assert.NotEqual(again.Train.Inputs.data<float>(), other.Train.Inputs.data<float>());
        Assert.Equal(10, again.Train.Labels.data<long>().Distinct().Count());
    }
}
