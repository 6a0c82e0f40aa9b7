// Reader for the IDX format of MNIST and Fashion-MNIST (raw or gzip-compressed), unsigned-byte data only.
// Not a tensor converter: each split (Splits, Omniglot.FashionStandIn) scales the bytes its homework's way.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Homework.Data;

/// <summary>One IDX file: its dimensions and its bytes, row-major.</summary>
/// <param name="Dims">Sizes, outermost first (e.g. [60000, 28, 28] for images, [60000] for labels).</param>
/// <param name="Data">The values, row-major; length is the product of <paramref name="Dims"/>.</param>
public readonly record struct IdxFile(int[] Dims, byte[] Data);

/// <summary>Reads IDX files (http://yann.lecun.com/exdb/mnist/): magic 0x00 0x00 0x08 ndim, big-endian int32 sizes, data.</summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    /// <summary>
    /// The 28×28 images and labels of MNIST (raw IDX, <paramref name="gz"/> false) or Fashion-MNIST (gzip IDX) in
    /// <paramref name="dir"/>: the training pair or the test pair, checked to hold one label per 28×28 image.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message names <see cref="DataFiles.FetchCommand"/>).</exception>
    /// <exception cref="DatasetException">A bad file, image count != label count, or images not 28×28.</exception>
    public static (IdxFile Images, IdxFile Labels) ReadMnistPair(string dir, bool train, bool gz)
    {
        var prefix = train ? "train" : "t10k";
        var ext = gz ? ".gz" : "";
        var (imagesPath, labelsPath) = (Path.Combine(dir, $"{prefix}-images-idx3-ubyte{ext}"), Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{ext}"));
        var images = Read(imagesPath, expectedRank: 3);
        var labels = Read(labelsPath, expectedRank: 1);
        var refetch = $"refetch with: rm -rf {dir} && {DataFiles.FetchCommand}";
        if (labels.Dims[0] != images.Dims[0])
            throw new DatasetException($"{imagesPath} holds {images.Dims[0]} images but {labelsPath} holds {labels.Dims[0]} labels; the pair is mismatched or one is corrupt; {refetch}");
        if (images.Dims[1] != 28 || images.Dims[2] != 28)
            throw new DatasetException($"{imagesPath}: images are {images.Dims[1]}x{images.Dims[2]}, not 28x28; wrong file? {refetch}");
        return (images, labels);
    }

    /// <summary>
    /// Reads <paramref name="path"/>; gzip is detected by its magic bytes (1f 8b), not by the name.
    /// Throws <see cref="FileNotFoundException"/> if missing, <see cref="DatasetException"/> on a bad magic
    /// number, an element type other than unsigned byte, an unexpected rank, or a truncated / overlong file.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedRank">The rank the caller needs (3 for images, 1 for labels); null accepts any.</param>
    public static IdxFile Read(string path, int? expectedRank = null)
    {
        DataFiles.Require(path);
        var bytes = ReadAllMaybeGzip(path);
        var refetch = $"refetch with: rm -rf {Path.GetDirectoryName(path)} && {DataFiles.FetchCommand}";
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new DatasetException($"{path}: bad IDX magic number {Hex(bytes, 4)} (expected 00 00 08 <rank>); the file is not IDX or is corrupt; {refetch}");
        if (bytes[2] != UnsignedByte)
            throw new DatasetException($"{path}: IDX element type 0x{bytes[2]:x2} is not supported (only 0x08, unsigned byte, as in MNIST); {refetch}");
        int rank = bytes[3];
        if (expectedRank is { } want && rank != want)
            throw new DatasetException($"{path}: IDX rank {rank} but {want} expected ({(want == 1 ? "labels" : "images")}); wrong file? {refetch}");
        var header = 4 + 4 * rank;
        if (bytes.Length < header)
            throw new DatasetException($"{path}: truncated: {bytes.Length} bytes, shorter than its {header}-byte IDX header; {refetch}");
        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] < 0) throw new DatasetException($"{path}: negative IDX dimension {dims[i]}; the file is corrupt; {refetch}");
            count *= dims[i];
        }
        var have = bytes.Length - header;
        if (have < count)
            throw new DatasetException($"{path}: truncated: the header promises [{string.Join(", ", dims)}] = {count} values but only {have} bytes follow; {refetch}");
        if (have > count)
            throw new DatasetException($"{path}: {have - count} bytes more than the header's [{string.Join(", ", dims)}] = {count} values; the file is corrupt; {refetch}");
        return new IdxFile(dims, bytes[header..]);
    }

    private static byte[] ReadAllMaybeGzip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> sniff = stackalloc byte[2];
        var n = file.Read(sniff);
        file.Position = 0;
        if (n < 2 || sniff[0] != 0x1f || sniff[1] != 0x8b) return File.ReadAllBytes(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        try { gz.CopyTo(ms); }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: corrupt gzip stream ({e.Message}); refetch with: rm -rf {Path.GetDirectoryName(path)} && {DataFiles.FetchCommand}");
        }
        return ms.ToArray();
    }

    private static string Hex(byte[] b, int n) => string.Join(" ", b.Take(n).Select(x => x.ToString("x2")));
}
