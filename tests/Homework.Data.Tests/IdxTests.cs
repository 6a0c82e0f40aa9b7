// Idx on small hand-built files and on corrupted copies: each failure names the file and the problem.
using System.Buffers.Binary;
using System.IO.Compression;

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
}
