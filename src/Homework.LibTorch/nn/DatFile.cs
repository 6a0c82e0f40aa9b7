// The .dat checkpoint layout (TorchSharp's; spec in docs/dat-format.md): reading and writing, streamed. Tensor data
// goes between the file and a tensor's own memory in chunks, never through a managed byte[], so neither a tensor nor a
// file is limited to 2 GiB. Pure byte handling: whether the entries fit a module is decided in Module.Checkpoint.cs.
using Homework.Checkpoints;
using System.Text;
using static TorchSharp.torch;

namespace TorchSharp;

/// <summary>One stored tensor: key, element type, shape, and where its raw little-endian bytes lie in <paramref name="Source"/>.</summary>
internal sealed record DatEntry(string Key, ScalarType DType, long[] Shape, DatFile.Reader Source, long Offset)
{
    /// <summary>A new CPU tensor holding the stored values, read from the file straight into its memory.</summary>
    public Tensor ToTensor()
    {
        var t = empty(Shape, DType);
        try { CopyTo(t); }
        catch { t.Dispose(); throw; }
        return t;
    }

    /// <summary>Reads the stored values into <paramref name="target"/>, which has this entry's dtype and shape.</summary>
    public void CopyTo(Tensor target) => Source.ReadData(this, target);
}

/// <summary>Reads and writes the .dat layout: uleb count, then per entry key, dtype, ndim, dims, raw bytes.</summary>
internal static class DatFile
{
    /// <summary>libtorch's limit on tensor rank.</summary>
    private const int MaxDims = 64;

    /// <summary>Longest key or name accepted; a longer one is a damaged length, not a name.</summary>
    private const int MaxKeyBytes = 1 << 20;

    /// <summary>Tensor bytes per read or write call: a span over native memory is int-sized, so larger tensors go in several.</summary>
    internal const int ChunkBytes = 1 << 26;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the entries in order; tensors are copied out contiguous, on the CPU, in their own dtype.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> entries)
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
        // Straight from the native buffer (no copy when the tensor is already contiguous on the CPU): a managed copy of
        // a large weight would be large-object-heap garbage on every save, and could not exceed 2 GiB.
        using var scope = torch.NewDisposeScope();
        var c = t.detach().cpu().contiguous();
        var data = (byte*)Native.hw_data_ptr(c.Ptr);
        var size = c.numel() * dtype.ElementSize();
        for (long done = 0; done < size;)
        {
            var n = (int)Math.Min(ChunkBytes, size - done);
            w.Write(new ReadOnlySpan<byte>(data + done, n));
            done += n;
        }
        GC.KeepAlive(c);
    }

    /// <summary>
    /// Parses every header of a .dat file, seeking past the tensor data after checking that the file holds all of it,
    /// so a damaged file fails here with a message, before any tensor is touched, and never allocates absurd sizes.
    /// The entries read their data from <paramref name="r"/> later (<see cref="DatEntry.CopyTo"/>), while it is open.
    /// </summary>
    public static List<DatEntry> Read(Reader r)
    {
        var count = r.ULeb("the entry count");
        // Every entry takes at least 4 bytes (key length, key, dtype, ndim).
        if (count > r.Remaining / 4)
            r.Fail($"declares {count} entries but only {r.Remaining} bytes follow; the file is not a .dat checkpoint or is damaged");
        var entries = new List<DatEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var what = $"entry {i}";
            var keyLength = r.StringLength($"the key length of {what}");
            if (keyLength == 0) r.Fail($"{what} has an empty key");
            var key = r.Utf8(keyLength, what);
            if (!keys.Add(key)) r.Fail($"key '{key}' appears twice");
            entries.Add(r.Tensor(key, $"entry {i} ('{key}')"));
        }
        r.End($"its {count} entries");
        return entries;
    }

    /// <summary>
    /// A bounds-checked reader of the .dat primitives over a seekable stream; every failure is a
    /// <see cref="CheckpointException"/> naming the file and byte. Tensor data is skipped while reading headers and
    /// copied later, chunk by chunk, from the recorded offsets.
    /// </summary>
    internal sealed class Reader(Stream stream, string source) : IDisposable
    {
        private readonly long length = stream.Length;
        private long position = stream.Position;

        /// <summary>Opens <paramref name="path"/> for reading; <paramref name="source"/> names it in errors.</summary>
        public static Reader Open(string path, string source) =>
            new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16), source);

        public long Remaining => length - position;

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Fail(string problem) =>
            throw new CheckpointException($"{source}: {problem} (at byte {position} of {length}).");

        /// <summary>Unsigned LEB128, at most 10 bytes, no value above long.MaxValue.</summary>
        public long ULeb(string what)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (position >= length) Fail($"ends while reading {what}: the file is truncated");
                if (shift == 70) Fail($"has an over-long integer (more than 10 bytes) where {what} should be");
                var b = Next(what);
                var group = (ulong)(b & 0x7F);
                if (shift == 63 && group > 1) Fail($"has an integer too large for 64 bits where {what} should be");
                value |= group << shift;
                if ((b & 0x80) == 0) break;
            }
            if (value > long.MaxValue) Fail($"has {what} = {value}, larger than any valid value");
            return (long)value;
        }

        public string Utf8(long bytes, string what)
        {
            if (bytes > Remaining) Fail($"declares a {bytes}-byte key for {what} but only {Remaining} bytes follow: the file is truncated or damaged");
            if (bytes > MaxKeyBytes) Fail($"declares a {bytes}-byte key for {what} (at most {MaxKeyBytes}): the file is damaged");
            var buffer = new byte[bytes];
            Fill(buffer, what);
            try
            {
                return StrictUtf8.GetString(buffer);
            }
            catch (DecoderFallbackException)
            {
                Fail($"has a key for {what} that is not valid UTF-8: the file is damaged");
                throw;
            }
        }

        /// <summary>A .NET BinaryWriter string: 7-bit length, UTF-8 bytes.</summary>
        public string String(string what) => Utf8(StringLength($"the length of {what}"), what);

        /// <summary>
        /// A string's length as BinaryWriter writes it and BinaryReader.ReadString (TorchSharp's loader) reads it: a
        /// LEB128 of at most 5 bytes (an Int32), where other integers may take 10.
        /// </summary>
        public long StringLength(string what)
        {
            var start = position;
            var length = ULeb(what);
            if (position - start > 5) Fail($"has an over-long integer (more than 5 bytes) where {what} should be");
            return length;
        }

        public double Double(string what)
        {
            Span<byte> b = stackalloc byte[8];
            Fill(b, what);
            return BitConverter.ToDouble(b);
        }

        public long Int64(string what)
        {
            Span<byte> b = stackalloc byte[8];
            Fill(b, what);
            return BitConverter.ToInt64(b);
        }

        public bool Bool(string what)
        {
            if (position >= length) Fail($"ends while reading {what}: the file is truncated");
            var b = Next(what);
            if (b > 1) Fail($"has {b} where {what} (a boolean, 0 or 1) should be");
            return b == 1;
        }

        /// <summary>
        /// One tensor record's header (<see cref="WriteTensor"/>), every length checked against the bytes that remain;
        /// its data is skipped and read later by <see cref="ReadData"/>.
        /// </summary>
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
            // numel stays <= the bytes left, so the product cannot overflow.
            long numel = shape.Contains(0) ? 0 : 1;
            foreach (var d in shape)
            {
                if (numel == 0) break;
                if (d > Remaining / numel)
                    Fail($"{what} of shape {ShapeFormat.Of(shape)} {dtype.TorchName()} needs more bytes than the {Remaining} left: the file is truncated or damaged");
                numel *= d;
            }
            var elementSize = dtype.ElementSize();
            if (numel > Remaining / elementSize)
                Fail($"{what} of shape {ShapeFormat.Of(shape)} {dtype.TorchName()} needs {(Int128)numel * elementSize} bytes but only {Remaining} are left: the file is truncated");
            var entry = new DatEntry(key, dtype, shape, this, position);
            position += numel * elementSize;
            stream.Seek(position, SeekOrigin.Begin);
            return entry;
        }

        /// <summary>Fails unless every byte was read.</summary>
        public void End(string after)
        {
            if (Remaining != 0) Fail($"has {Remaining} bytes of trailing garbage after {after}");
        }

        /// <summary>
        /// Copies <paramref name="entry"/>'s data from the file into <paramref name="target"/> (its dtype and shape), chunk by
        /// chunk, straight into the tensor's memory when it is contiguous on the CPU, else through one CPU tensor.
        /// </summary>
        public unsafe void ReadData(DatEntry entry, Tensor target)
        {
            using var scope = NewDisposeScope();
            var direct = target.device.type == DeviceType.CPU && target.is_contiguous();
            var buffer = direct ? target : empty(entry.Shape, entry.DType);
            var data = (byte*)Native.hw_data_ptr(buffer.Ptr);
            var size = buffer.numel() * entry.DType.ElementSize();
            position = entry.Offset;
            stream.Seek(position, SeekOrigin.Begin);
            for (long done = 0; done < size;)
            {
                var n = (int)Math.Min(ChunkBytes, size - done);
                Fill(new Span<byte>(data + done, n), $"the data of '{entry.Key}'");
                done += n;
            }
            GC.KeepAlive(buffer);
            if (!direct)
                using (no_grad())
                    target.copy_(buffer);
        }

        public void Dispose() => stream.Dispose();

        private byte Next(string what)
        {
            var b = stream.ReadByte();
            // The length was checked: a missing byte means the file shrank while being read.
            if (b < 0) Fail($"ended while reading {what}: the file was truncated while it was being read");
            position++;
            return (byte)b;
        }

        private void Fill(Span<byte> destination, string what)
        {
            if (destination.Length > Remaining) Fail($"ends while reading {what}: the file is truncated");
            try { stream.ReadExactly(destination); }
            catch (EndOfStreamException) { Fail($"ended while reading {what}: the file was truncated while it was being read"); }
            position += destination.Length;
        }
    }
}
