// ImageSet on the real MNIST / Fashion-MNIST files (fetched by ./scripts/setup.sh, which ./test runs first)
// against published facts about them, and on small corrupted pairs.
using Homework.TestSupport;

namespace Homework.Data.Tests;

public class ImageSetTests
{
    // Per-digit counts of the MNIST training and test sets (LeCun et al.; e.g. 6742 training "1"s).
    private static readonly long[] MnistTrainCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly long[] MnistTestCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    private static long[] Histogram(torch.Tensor labels)
    {
        var h = new long[10];
        foreach (var y in labels.data<long>().ToArray()) h[y]++;
        return h;
    }

    [Fact]
    public void Mnist_train_has_60000_images_with_the_known_label_counts()
    {
        using var set = ImageSet.Mnist(train: true, PixelScale.Raw, dir: Fixtures.Data("mnist"));
        Assert.Equal([60000L, 784L], set.Images.shape);
        Assert.Equal(ScalarType.Float32, set.Images.dtype);
        Assert.Equal(ScalarType.Int64, set.Labels.dtype);
        Assert.Equal(MnistTrainCounts, Histogram(set.Labels));
        // The first ten training labels, as every MNIST tutorial prints them.
        Assert.Equal([5L, 0, 4, 1, 9, 2, 1, 3, 1, 4], set.Labels.data<long>().ToArray()[..10]);
        var px = set.Images.data<float>().ToArray();
        Assert.Equal(0f, px.Min());
        Assert.Equal(255f, px.Max());
        // The well-known normalisation constants: mean 0.1307, std 0.3081 of pixels/255 over the training set.
        Assert.Equal(0.1307, px.Average(p => (double)p) / 255, 4);
    }

    [Fact]
    public void Mnist_test_has_10000_images_with_the_known_label_counts()
    {
        using var set = ImageSet.Mnist(train: false, PixelScale.Unit, ImageLayout.Channels, dir: Fixtures.Data("mnist"));
        Assert.Equal([10000L, 1L, 28L, 28L], set.Images.shape);
        Assert.Equal(MnistTestCounts, Histogram(set.Labels));
        Assert.Equal([7L, 2, 1, 0, 4, 1, 4, 9, 5, 9], set.Labels.data<long>().ToArray()[..10]);
        var px = set.Images.data<float>().ToArray();
        Assert.Equal(0f, px.Min());
        Assert.Equal(1f, px.Max());
    }

    [Fact]
    public void Fashion_mnist_has_6000_and_1000_images_per_class()
    {
        using var train = ImageSet.FashionMnist(train: true, PixelScale.MinusOneToOne, dir: Fixtures.Data("fashion-mnist"));
        using var test = ImageSet.FashionMnist(train: false, PixelScale.MinusOneToOne, dir: Fixtures.Data("fashion-mnist"));
        Assert.Equal([60000L, 784L], train.Images.shape);
        Assert.Equal([10000L, 784L], test.Images.shape);
        Assert.All(Histogram(train.Labels), c => Assert.Equal(6000, c));
        Assert.All(Histogram(test.Labels), c => Assert.Equal(1000, c));
        var px = train.Images.data<float>().ToArray();
        Assert.Equal(-1f, px.Min());
        Assert.Equal(1f, px.Max());
    }

    [Theory]
    [InlineData(PixelScale.Raw, 0f, 51f, 255f)]
    [InlineData(PixelScale.Unit, 0f, 0.2f, 1f)]
    [InlineData(PixelScale.MinusOneToOne, -1f, -0.6f, 1f)]
    public void Pixel_scales_map_0_51_255(PixelScale scale, float at0, float at51, float at255)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("img"), IdxTests.IdxBytes([1, 1, 3], [0, 51, 255]));
        File.WriteAllBytes(dir.File("lab"), IdxTests.IdxBytes([1], [7]));
        using var set = ImageSet.Load(dir.File("img"), dir.File("lab"), scale);
        TensorAssert.Close("pixels", set.Images.data<float>().ToArray().Select(v => (double)v).ToArray(), [at0, at51, at255], Tolerance.Float32);
        Assert.Equal([7L], set.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Image_and_label_count_mismatch_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("img"), IdxTests.IdxBytes([2, 2, 2], new byte[8]));
        File.WriteAllBytes(dir.File("lab"), IdxTests.IdxBytes([3], [1, 2, 3]));
        var e = Assert.Throws<DatasetException>(() => ImageSet.Load(dir.File("img"), dir.File("lab"), PixelScale.Raw));
        Assert.Contains("holds 2 images but", e.Message);
        Assert.Contains("holds 3 labels", e.Message);
    }

    [Fact]
    public void Labels_given_as_images_are_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("lab"), IdxTests.IdxBytes([3], [1, 2, 3]));
        var e = Assert.Throws<DatasetException>(() => ImageSet.Load(dir.File("lab"), dir.File("lab"), PixelScale.Raw));
        Assert.Contains("IDX rank 1 but 3 expected (images)", e.Message);
    }
}
