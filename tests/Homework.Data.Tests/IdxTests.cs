// Idx on small hand-built files and on corrupted copies (each failure names the file and the problem), and the MNIST /
// Fashion-MNIST pairs on the real files (fetched by ./scripts/setup.sh, which ./test runs first) against published facts.
using System.Buffers.Binary;
using System.IO.Compression;
using Homework.TestSupport;

namespace Homework.Data.Tests;

public class IdxTests
{
    internal static byte[] IdxBytes(int[] dims, byte[] data, byte type = 0x08)
    {
        var b = new byte[4 + 4 * dims.Length + data.Length];
        b[2] = type;
        b[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(b, 4 + 4 * dims.Length);
        return b;
    }

    internal static void WriteGzip(string path, byte[] bytes)
    {
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(bytes);
    }

    [Fact]
    public void Reads_dims_and_data_raw_and_gzip_alike()
    {
        using var dir = new TempDir();
        var data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        File.WriteAllBytes(dir.File("a-idx3-ubyte"), IdxBytes([2, 3, 4], data));
        WriteGzip(dir.File("a-idx3-ubyte.gz"), IdxBytes([2, 3, 4], data));
        foreach (var name in new[] { "a-idx3-ubyte", "a-idx3-ubyte.gz" })
        {
            var f = Idx.Read(dir.File(name), expectedRank: 3);
            Assert.Equal([2, 3, 4], f.Dims);
            Assert.Equal(data, f.Data);
        }
    }

    [Fact]
    public void Missing_file_names_the_fetch_command()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(dir.File("nope-idx1-ubyte")));
        Assert.Contains("./scripts/setup.sh", e.Message);
        Assert.Contains("nope-idx1-ubyte", e.Message);
    }

    [Fact]
    public void Bad_magic_number_is_reported()
    {
        using var dir = new TempDir();
        var b = IdxBytes([3], [1, 2, 3]);
        b[0] = 0x50; // e.g. a "PK" zip or an HTML error page instead of IDX
        File.WriteAllBytes(dir.File("bad"), b);
        var e = Assert.Throws<DatasetException>(() => Idx.Read(dir.File("bad")));
        Assert.Contains("bad IDX magic number 50 00 08 01", e.Message);
        Assert.Contains(dir.File("bad"), e.Message);
        Assert.Contains("./scripts/setup.sh", e.Message);
    }

    [Fact]
    public void Non_byte_element_type_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("f32"), IdxBytes([1], [0, 0, 0, 0], type: 0x0D));
        var e = Assert.Throws<DatasetException>(() => Idx.Read(dir.File("f32")));
        Assert.Contains("element type 0x0d", e.Message);
    }

    [Fact]
    public void Wrong_rank_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("labels"), IdxBytes([3], [1, 2, 3]));
        var e = Assert.Throws<DatasetException>(() => Idx.Read(dir.File("labels"), expectedRank: 3));
        Assert.Contains("IDX rank 1 but 3 expected", e.Message);
    }

    [Fact]
    public void Truncated_file_is_reported_raw_and_gzip()
    {
        using var dir = new TempDir();
        var full = IdxBytes([4, 2, 2], new byte[16]);
        File.WriteAllBytes(dir.File("cut"), full[..^5]);
        WriteGzip(dir.File("cut.gz"), full[..^5]);
        File.WriteAllBytes(dir.File("header"), full[..10]);
        foreach (var name in new[] { "cut", "cut.gz" })
        {
            var e = Assert.Throws<DatasetException>(() => Idx.Read(dir.File(name)));
            Assert.Contains("truncated: the header promises [4, 2, 2] = 16 values but only 11 bytes follow", e.Message);
        }
        Assert.Contains("shorter than its 16-byte IDX header", Assert.Throws<DatasetException>(() => Idx.Read(dir.File("header"))).Message);
    }

    [Fact]
    public void Trailing_bytes_are_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("long"), [.. IdxBytes([2], [1, 2]), 9, 9]);
        Assert.Contains("2 bytes more than", Assert.Throws<DatasetException>(() => Idx.Read(dir.File("long"))).Message);
    }

    [Fact]
    public void Corrupt_gzip_stream_is_reported()
    {
        using var dir = new TempDir();
        WriteGzip(dir.File("x.gz"), IdxBytes([8], new byte[8]));
        var b = File.ReadAllBytes(dir.File("x.gz"));
        for (var i = 10; i < b.Length - 8; i++) b[i] ^= 0xA5; // scramble the deflate body, keep the gzip header
        File.WriteAllBytes(dir.File("x.gz"), b);
        var e = Assert.Throws<DatasetException>(() => Idx.Read(dir.File("x.gz")));
        Assert.Contains(dir.File("x.gz"), e.Message);
    }

    // Per-digit counts of the MNIST training and test sets (LeCun et al.; e.g. 6742 training "1"s).
    private static readonly long[] MnistTrainCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly long[] MnistTestCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    private static long[] Histogram(byte[] labels)
    {
        var h = new long[10];
        foreach (var y in labels) h[y]++;
        return h;
    }

    [Fact]
    public void Mnist_train_has_60000_images_with_the_known_label_counts()
    {
        var (images, labels) = Idx.ReadMnistPair(Fixtures.Data("mnist"), train: true, gz: false);
        Assert.Equal([60000, 28, 28], images.Dims);
        Assert.Equal(MnistTrainCounts, Histogram(labels.Data));
        // The first ten training labels, as every MNIST tutorial prints them.
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, labels.Data[..10]);
        Assert.Equal((byte)0, images.Data.Min());
        Assert.Equal((byte)255, images.Data.Max());
        // The well-known normalisation constant: mean 0.1307 of pixels/255 over the training set.
        Assert.Equal(0.1307, images.Data.Average(p => (double)p) / 255, 4);
    }

    [Fact]
    public void Mnist_test_has_10000_images_with_the_known_label_counts()
    {
        var (images, labels) = Idx.ReadMnistPair(Fixtures.Data("mnist"), train: false, gz: false);
        Assert.Equal([10000, 28, 28], images.Dims);
        Assert.Equal(MnistTestCounts, Histogram(labels.Data));
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, labels.Data[..10]);
    }

    [Fact]
    public void Fashion_mnist_has_6000_and_1000_images_per_class()
    {
        var (trainImages, trainLabels) = Idx.ReadMnistPair(Fixtures.Data("fashion-mnist"), train: true, gz: true);
        var (testImages, testLabels) = Idx.ReadMnistPair(Fixtures.Data("fashion-mnist"), train: false, gz: true);
        Assert.Equal([60000, 28, 28], trainImages.Dims);
        Assert.Equal([10000, 28, 28], testImages.Dims);
        Assert.All(Histogram(trainLabels.Data), c => Assert.Equal(6000, c));
        Assert.All(Histogram(testLabels.Data), c => Assert.Equal(1000, c));
    }

    [Fact]
    public void Image_and_label_count_mismatch_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), IdxBytes([2, 28, 28], new byte[2 * 784]));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), IdxBytes([3], [1, 2, 3]));
        var e = Assert.Throws<DatasetException>(() => Idx.ReadMnistPair(dir.Root, train: true, gz: false));
        Assert.Contains("holds 2 images but", e.Message);
        Assert.Contains("holds 3 labels", e.Message);
    }

    [Fact]
    public void Images_other_than_28x28_are_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), IdxBytes([1, 2, 2], new byte[4]));
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), IdxBytes([1], [7]));
        var e = Assert.Throws<DatasetException>(() => Idx.ReadMnistPair(dir.Root, train: false, gz: false));
        Assert.Contains("images are 2x2, not 28x28", e.Message);
    }

    [Fact]
    public void Labels_given_as_images_are_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), IdxBytes([3], [1, 2, 3]));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), IdxBytes([3], [1, 2, 3]));
        var e = Assert.Throws<DatasetException>(() => Idx.ReadMnistPair(dir.Root, train: true, gz: false));
        Assert.Contains("IDX rank 1 but 3 expected (images)", e.Message);
    }
}
