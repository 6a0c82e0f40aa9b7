// Images and labels as tensors: an IDX image file + its label file -> float32 images, int64 labels.
// Not a split or a normaliser fitted on data: Splits does that (e.g. CS229's train-set standardisation).
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>How raw pixels 0..255 become floats.</summary>
public enum PixelScale
{
    /// <summary>The bytes as floats, 0..255.</summary>
    Raw,
    /// <summary>p / 255, in [0, 1] (WPI CS541's hint; CS229's input before standardisation).</summary>
    Unit,
    /// <summary>p / 127.5 - 1, in [-1, 1] (TDT4265's pre_process_images).</summary>
    MinusOneToOne,
}

/// <summary>How an image tensor is shaped.</summary>
public enum ImageLayout
{
    /// <summary>(N, H*W): one flat row per image, as every homework's linear models read it.</summary>
    Flat,
    /// <summary>(N, 1, H, W): channel-first, for convolutions.</summary>
    Channels,
}

/// <summary>N images (float32) and their N labels (int64). Owns both tensors.</summary>
/// <param name="Images">(N, H*W) or (N, 1, H, W), float32.</param>
/// <param name="Labels">(N), int64, the class of each image.</param>
public sealed record ImageSet(Tensor Images, Tensor Labels) : IDisposable
{
    /// <summary>Number of images.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Reads an IDX image file and its IDX label file (raw or .gz) and checks that they agree.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message names <see cref="DataFiles.FetchCommand"/>).</exception>
    /// <exception cref="DatasetException">Bad magic, truncated file, or image count != label count.</exception>
    public static ImageSet Load(string imagesPath, string labelsPath, PixelScale scale, ImageLayout layout = ImageLayout.Flat)
    {
        var (images, labels) = ReadPair(imagesPath, labelsPath);
        int n = images.Dims[0], h = images.Dims[1], w = images.Dims[2];
        var pixels = Scale(images.Data, scale);
        long[] shape = layout == ImageLayout.Flat ? [n, (long)h * w] : [n, 1, h, w];
        var y = new long[n];
        for (var i = 0; i < n; i++) y[i] = labels.Data[i];
        return new ImageSet(tensor(pixels, shape), tensor(y, [n]));
    }

    /// <summary>Reads an image file and its label file as IDX and checks ranks and counts (the checks of <see cref="Load"/>).</summary>
    internal static (IdxFile Images, IdxFile Labels) ReadPair(string imagesPath, string labelsPath)
    {
        var images = Idx.Read(imagesPath, expectedRank: 3);
        var labels = Idx.Read(labelsPath, expectedRank: 1);
        if (labels.Dims[0] != images.Dims[0])
            throw new DatasetException($"{imagesPath} holds {images.Dims[0]} images but {labelsPath} holds {labels.Dims[0]} labels; the pair is mismatched or one is corrupt; refetch with: rm -rf {Path.GetDirectoryName(imagesPath)} && {DataFiles.FetchCommand}");
        return (images, labels);
    }

    /// <summary>The IDX image and label paths of MNIST (raw) or Fashion-MNIST (.gz) in <paramref name="dir"/>.</summary>
    internal static (string Images, string Labels) Paths(string dir, bool train, bool gz)
    {
        var prefix = train ? "train" : "t10k";
        var ext = gz ? ".gz" : "";
        return (Path.Combine(dir, $"{prefix}-images-idx3-ubyte{ext}"), Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{ext}"));
    }

    /// <summary>MNIST from <c>data/mnist</c> (raw IDX): the 60,000 training images or the 10,000 test images.</summary>
    public static ImageSet Mnist(bool train, PixelScale scale, ImageLayout layout = ImageLayout.Flat, string? dir = null)
    {
        var (images, labels) = Paths(dir ?? DataFiles.Path("mnist"), train, gz: false);
        return Load(images, labels, scale, layout);
    }

    /// <summary>Fashion-MNIST from <c>data/fashion-mnist</c> (gzip IDX): 60,000 training or 10,000 test images.</summary>
    public static ImageSet FashionMnist(bool train, PixelScale scale, ImageLayout layout = ImageLayout.Flat, string? dir = null)
    {
        var (images, labels) = Paths(dir ?? DataFiles.Path("fashion-mnist"), train, gz: true);
        return Load(images, labels, scale, layout);
    }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    private static float[] Scale(byte[] raw, PixelScale scale)
    {
        var x = new float[raw.Length];
        switch (scale)
        {
            case PixelScale.Raw: for (var i = 0; i < x.Length; i++) x[i] = raw[i]; break;
            case PixelScale.Unit: for (var i = 0; i < x.Length; i++) x[i] = raw[i] / 255f; break;
            case PixelScale.MinusOneToOne: for (var i = 0; i < x.Length; i++) x[i] = raw[i] / 127.5f - 1f; break;
            default: throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown PixelScale");
        }
        return x;
    }
}
