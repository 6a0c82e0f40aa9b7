// A minimal PNG decoder for the tests: 8-bit RGB/RGBA/grey, non-interlaced, as chromium writes screenshots.
// Independent of the code under test; it exists so a test can look at the pixels of an exported figure.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Homework.Reports.Tests;

public sealed record PngImage(int Width, int Height, byte[] Rgb)
{
    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!bytes.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException($"{path} is not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
                if (bitDepth != 8 || interlace != 0) throw new InvalidDataException($"{path}: bit depth {bitDepth}, interlace {interlace} unsupported");
                channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"{path}: colour type {colorType} unsupported") };
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        z.ReadExactly(raw);
        var pixels = Unfilter(raw, width, height, channels);
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
            for (var c = 0; c < 3; c++)
                rgb[3 * i + c] = pixels[i * channels + (channels < 3 ? 0 : c)];
        return new PngImage(width, height, rgb);
    }

    // PNG filters (spec section 9): each row starts with a filter byte; bpp = bytes per pixel.
    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var output = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? output[y * stride + x - bpp] : 0;
                int b = y > 0 ? output[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? output[(y - 1) * stride + x - bpp] : 0;
                int v = raw[y * (stride + 1) + 1 + x];
                output[y * stride + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + (a + b) / 2,
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter type {filter}"),
                });
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Fraction of pixels that are not (near) white.</summary>
    public double InkFraction()
    {
        var ink = 0;
        for (var i = 0; i < Width * Height; i++)
            if (Rgb[3 * i] < 235 || Rgb[3 * i + 1] < 235 || Rgb[3 * i + 2] < 235) ink++;
        return (double)ink / (Width * Height);
    }

    /// <summary>Variance of the grey level (mean of R, G, B) over all pixels.</summary>
    public double GreyVariance()
    {
        double sum = 0, sumSq = 0;
        var n = Width * Height;
        for (var i = 0; i < n; i++)
        {
            var g = (Rgb[3 * i] + Rgb[3 * i + 1] + Rgb[3 * i + 2]) / 3.0;
            sum += g;
            sumSq += g * g;
        }
        var mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /// <summary>Number of distinct colours.</summary>
    public int DistinctColours()
    {
        var set = new HashSet<int>();
        for (var i = 0; i < Width * Height; i++) set.Add(Rgb[3 * i] << 16 | Rgb[3 * i + 1] << 8 | Rgb[3 * i + 2]);
        return set.Count;
    }
}
