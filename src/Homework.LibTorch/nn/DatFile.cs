// The .dat checkpoint layout (TorchSharp's; spec in /work/shared/design/dat-format.md): reading and writing.
// Pure byte handling: whether the entries fit a module is decided in Module.Checkpoint.cs.
using Homework.Checkpoints;
using System.Text;
using static TorchSharp.torch;

namespace TorchSharp;

/// <summary>One stored tensor: key, element type, shape and its raw little-endian bytes.</summary>
internal sealed record DatEntry(string Key, ScalarType DType, long[] Shape, byte[] Data)
{
    /// <summary>A new CPU tensor holding a copy of the bytes.</summary>
    public unsafe Tensor ToTensor()
    {
        fixed (byte* p = Data)
        fixed (long* s = Shape)
            return new Tensor(Native.hw_from_blob(p, Data.Length, s, Shape.Length, (int)DType, 0));
    }
}

/// <summary>Reads and writes the .dat layout: uleb count, then per entry key, dtype, ndim, dims, raw bytes.</summary>
internal static class DatFile
{
    /// <summary>libtorch's limit on tensor rank.</summary>
    private const int MaxDims = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the entries in order; tensors are copied out contiguous, on the CPU, in their own dtype.</summary>
    public static unsafe void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException(".dat files are little-endian; this machine is not");
        var list = entries.ToList();
        using var w = new BinaryWriter(stream, StrictUtf8, leaveOpen: true);
        w.Write7BitEncodedInt64(list.Count);
        foreach (var (key, t) in list)
        {
            w.Write(key);
            WriteTensor(w, t, key);
        }
    }

    /// <summary>One tensor as TorchSharp's Tensor.Save writes it: uleb dtype, uleb rank, uleb dims, raw bytes.</summary>
    public static unsafe void WriteTensor(BinaryWriter w, Tensor t, string what)
    {
        var dtype = t.dtype;
        if (!Enum.IsDefined(dtype)) throw new NotSupportedException($"'{what}' has an element type the .dat format cannot store");
        w.Write7BitEncodedInt64((long)dtype);
        var shape = t.shape;
        w.Write7BitEncodedInt64(shape.Length);
        foreach (var d in shape) w.Write7BitEncodedInt64(d);
        // Straight from the native buffer: a managed copy of a large weight would be large-object-heap garbage
        // on every save, which grows a long training run's memory until a full collection.
        using var scope = torch.NewDisposeScope();
        var c = t.detach().cpu().contiguous();
        w.Write(new ReadOnlySpan<byte>((void*)Native.hw_data_ptr(c.Ptr), checked((int)(c.numel() * dtype.ElementSize()))));
        GC.KeepAlive(c);
    }

    /// <summary>
    /// Parses a whole file, checking every length against the bytes that remain, so a damaged file fails
    /// here with a message and never allocates absurd sizes. <paramref name="source"/> names the file in errors.
    /// </summary>
    public static List<DatEntry> Read(ReadOnlySpan<byte> bytes, string source)
    {
        var r = new Reader(bytes, source);
        var count = r.ULeb("the entry count");
        // Every entry takes at least 4 bytes (key length, key, dtype, ndim).
        if (count > r.Remaining / 4)
            r.Fail($"declares {count} entries but only {r.Remaining} bytes follow; the file is not a .dat checkpoint or is damaged");
        var entries = new List<DatEntry>((int)count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var what = $"entry {i}";
            var keyLength = r.ULeb($"the key length of {what}");
            if (keyLength == 0) r.Fail($"{what} has an empty key");
            var key = r.Utf8(keyLength, what);
            if (!keys.Add(key)) r.Fail($"key '{key}' appears twice");
            entries.Add(r.Tensor(key, $"entry {i} ('{key}')"));
        }
        r.End($"its {count} entries");
        return entries;
    }

    /// <summary>A bounds-checked reader of the .dat primitives; every failure is a <see cref="CheckpointException"/> naming the file and byte.</summary>
    internal ref struct Reader(ReadOnlySpan<byte> bytes, string source)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int position;

        public readonly long Remaining => bytes.Length - position;

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public readonly void Fail(string problem) =>
            throw new CheckpointException($"{source}: {problem} (at byte {position} of {bytes.Length}).");

        /// <summary>Unsigned LEB128, at most 10 bytes, no value above long.MaxValue.</summary>
        public long ULeb(string what)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (position >= bytes.Length) Fail($"ends while reading {what}: the file is truncated");
                if (shift == 70) Fail($"has an over-long integer (more than 10 bytes) where {what} should be");
                var b = bytes[position++];
                var group = (ulong)(b & 0x7F);
                if (shift == 63 && group > 1) Fail($"has an integer too large for 64 bits where {what} should be");
                value |= group << shift;
                if ((b & 0x80) == 0) break;
            }
            if (value > long.MaxValue) Fail($"has {what} = {value}, larger than any valid value");
            return (long)value;
        }

        public string Utf8(long length, string what)
        {
            if (length > Remaining) Fail($"declares a {length}-byte key for {what} but only {Remaining} bytes follow: the file is truncated or damaged");
            try
            {
                var s = StrictUtf8.GetString(bytes.Slice(position, (int)length));
                position += (int)length;
                return s;
            }
            catch (DecoderFallbackException)
            {
                Fail($"has a key for {what} that is not valid UTF-8: the file is damaged");
                throw;
            }
        }

        public byte[] Bytes(int n, string what = "a tensor's data")
        {
            if (n > Remaining) Fail($"ends while reading {what}: the file is truncated");
            var result = bytes.Slice(position, n).ToArray();
            position += n;
            return result;
        }

        /// <summary>A .NET BinaryWriter string: 7-bit length, UTF-8 bytes.</summary>
        public string String(string what) => Utf8(ULeb($"the length of {what}"), what);

        public double Double(string what) => BitConverter.ToDouble(Bytes(8, what));

        public long Int64(string what) => BitConverter.ToInt64(Bytes(8, what));

        public bool Bool(string what)
        {
            var b = Bytes(1, what)[0];
            if (b > 1) Fail($"has {b} where {what} (a boolean, 0 or 1) should be");
            return b == 1;
        }

        /// <summary>One tensor record (<see cref="WriteTensor"/>), every length checked against the bytes that remain.</summary>
        public DatEntry Tensor(string key, string what)
        {
            var code = ULeb($"the dtype of {what}");
            if (code > 255 || !Enum.IsDefined((ScalarType)code))
                Fail($"{what} has dtype code {code}, which is not a tensor type this format stores (0-7, 11, 15)");
            var dtype = (ScalarType)code;
            var ndim = ULeb($"the rank of {what}");
            if (ndim > MaxDims) Fail($"{what} declares {ndim} dimensions (at most {MaxDims})");
            var shape = new long[ndim];
            for (var d = 0; d < shape.Length; d++) shape[d] = ULeb($"dimension {d} of {what}");
            // numel stays <= the bytes left (an int), so the product cannot overflow.
            long numel = shape.Contains(0) ? 0 : 1;
            foreach (var d in shape)
            {
                if (numel == 0) break;
                if (d > Remaining / numel)
                    Fail($"{what} of shape {ShapeFormat.Of(shape)} {dtype.TorchName()} needs more bytes than the {Remaining} left: the file is truncated or damaged");
                numel *= d;
            }
            var size = numel * dtype.ElementSize();
            if (size > Remaining)
                Fail($"{what} of shape {ShapeFormat.Of(shape)} {dtype.TorchName()} needs {size} bytes but only {Remaining} are left: the file is truncated");
            return new DatEntry(key, dtype, shape, Bytes((int)size));
        }

        /// <summary>Fails unless every byte was read.</summary>
        public readonly void End(string after)
        {
            if (Remaining != 0) Fail($"has {Remaining} bytes of trailing garbage after {after}");
        }
    }
}
