// Checks, before anything is loaded, that a model file (.dat) and an SGD state file fit a model and an optimizer:
// keys, dtypes and shapes, read header by header from the file stream (tensor data is skipped, never held, so files
// over 2 GiB are fine), and that the state's hyperparameters are ones the optimizer could have been built with.
// TorchSharp's Module.load and SGD.load_state_dict change tensors entry by entry and can fail half-way (or, for a
// missing momentum buffer, take any shape; and its SGD adopts any learning rate a file holds); with this check first,
// TrainingState refuses a file that does not fit before any weight changes, on both backends. It reads what
// docs/dat-format.md allows and what both backends' loaders read: LEB128 integers of up to 10 bytes, keys and names as
// .NET's BinaryReader.ReadString reads them. It also lists a file's entries for PyTorchStateDict.
// Not a loader: the backend's own load does that.
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Checkpoints;

internal static class CheckpointFit
{
    // Bytes per element of the dtype codes the format stores (TorchSharp's ScalarType numbering).
    private static readonly Dictionary<long, int> ElementSize = new()
    {
        [0] = 1, [1] = 1, [2] = 2, [3] = 4, [4] = 8, [5] = 2, [6] = 4, [7] = 8, [11] = 1, [15] = 2,
    };

    /// <summary>Longest key or optimizer name accepted (docs/dat-format.md); a longer one is a damaged length, not a name.</summary>
    private const int MaxKeyBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="CheckpointException"/> unless <paramref name="path"/> holds exactly <paramref name="model"/>'s state_dict keys, dtypes and shapes.</summary>
    public static void Model(string path, nn.Module model)
    {
        var own = model.state_dict();
        Read(path, r =>
        {
            var count = ULeb(r, "the entry count");
            if (count != own.Count) throw r.Bad($"holds {count} tensors but the model has {own.Count}: it was saved from another architecture");
            var seen = new HashSet<string>();
            for (var i = 0; i < count; i++)
            {
                var key = Text(r, $"the key of entry {i}");
                if (!own.TryGetValue(key, out var target)) throw r.Bad($"has key {Quote(key)}, which the model does not have");
                if (!seen.Add(key)) throw r.Bad($"has key {Quote(key)} twice");
                Fits(r, target, Quote(key));
            }
        });
    }

    /// <summary>One tensor of a model file: its key, dtype, shape and where its data starts.</summary>
    public readonly record struct Entry(string Key, ScalarType Dtype, long[] Shape, long DataOffset, long DataBytes);

    /// <summary>Every entry of the model file <paramref name="path"/>, checked whole (dtype codes, unique keys, the data present, no trailing bytes); a <see cref="CheckpointException"/> otherwise.</summary>
    public static List<Entry> Entries(string path)
    {
        var entries = new List<Entry>();
        Read(path, r =>
        {
            var count = ULeb(r, "the entry count");
            var seen = new HashSet<string>();
            for (var i = 0; i < count; i++)
            {
                var key = Text(r, $"the key of entry {i}");
                if (!seen.Add(key)) throw r.Bad($"has key {Quote(key)} twice");
                var (dtype, shape, bytes) = Header(r, Quote(key));
                entries.Add(new Entry(key, dtype, shape, r.Reader.BaseStream.Position, bytes));
                Skip(r, bytes, $"the data of {Quote(key)}");
            }
        });
        return entries;
    }

    /// <summary>
    /// Throws <see cref="CheckpointException"/> unless <paramref name="path"/> is SGD state for <paramref name="optimizer"/>'s
    /// parameters, with learning rates an SGD accepts and the optimizer's own momentum, dampening, weight decay and Nesterov flag.
    /// </summary>
    public static void Optimizer(string path, SGD optimizer)
    {
        var parameters = optimizer.parameters().ToList();
        Read(path, r =>
        {
            var name = Text(r, "the optimizer type name");
            if (name != "SGD") throw r.Bad($"is the state of a {Quote(name)}, not of an SGD");
            var groups = ULeb(r, "the parameter-group count");
            if (groups != 1) throw r.Bad($"has {groups} parameter groups; the optimizer has one");
            var states = ULeb(r, "the state count");
            if (states != parameters.Count) throw r.Bad($"has state for {states} parameters but the optimizer has {parameters.Count}");
            foreach (var what in (string[])["the initial learning rate", "the learning rate"])
            {
                var rate = r.Reader.ReadDouble();
                if (!double.IsFinite(rate) || rate < 0) throw r.Bad($"has {what} {rate}; an SGD's learning rate is a finite number >= 0");
            }
            var (momentum, dampening, weightDecay, nesterov) = Options(optimizer);
            Same(r, "momentum", r.Reader.ReadDouble(), momentum);
            Same(r, "dampening", r.Reader.ReadDouble(), dampening);
            Same(r, "weight_decay", r.Reader.ReadDouble(), weightDecay);
            if (Flag(r, "the nesterov flag") != nesterov) throw r.Bad($"has nesterov {!nesterov} but the optimizer has {nesterov}: resume with the hyperparameters the run was started with");
            if (Flag(r, "the maximize flag")) throw r.Bad("has maximize true; this SGD only minimizes");
            for (var i = 0; i < parameters.Count; i++)
                if (Flag(r, $"the momentum-buffer flag of parameter {i}")) Fits(r, parameters[i], $"the momentum buffer of parameter {i}");
        });
    }

    // The optimizer's own hyperparameters: a file with others would be adopted by TorchSharp's load and refused by ours.
    private static (double momentum, double dampening, double weightDecay, bool nesterov) Options(SGD optimizer)
    {
#if TORCHSHARP
        var o = (SGD.Options)((ParamGroup)optimizer.ParamGroups.Single()).Options;
        return (o.momentum ?? 0, o.dampening ?? 0, o.weight_decay ?? 0, o.nesterov ?? false);
#else
        return (optimizer.momentum, optimizer.dampening, optimizer.weight_decay, optimizer.nesterov);
#endif
    }

    private static void Same(Source r, string name, double stored, double value)
    {
        // == rather than Equals: a NaN in the file never matches.
        if (!(stored == value)) throw r.Bad($"has {name} {stored} but the optimizer has {value}: resume with the hyperparameters the run was started with");
    }

    private static bool Flag(Source r, string what)
    {
        var b = r.Reader.ReadByte();
        return b <= 1 ? b == 1 : throw r.Bad($"has {b} where {what} (0 or 1) should be");
    }

    private sealed record Source(string Path, BinaryReader Reader)
    {
        public CheckpointException Bad(string problem) =>
            new($"{Path}: {problem} (at byte {Reader.BaseStream.Position}); delete the checkpoint files to start a fresh run");
    }

    // A key as the message quotes it: never the whole of a damaged megabyte-long one.
    private static string Quote(string key) => $"'{CheckpointFile.Short(key, 80)}'";

    private static void Read(string path, Action<Source> check)
    {
        using var stream = CheckpointFile.OpenRead(path, "checkpoint file");
        using var reader = new BinaryReader(stream, StrictUtf8);
        var r = new Source(path, reader);
        try { check(r); }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException or OverflowException)
        {
            throw r.Bad("ends early or is damaged: the file is truncated");
        }
        if (stream.Position != stream.Length) throw r.Bad($"has {stream.Length - stream.Position} bytes of trailing garbage");
    }

    // One tensor record's header (uleb dtype, rank, dims): the dtype, the shape and the size of the raw data after it.
    private static (ScalarType dtype, long[] shape, long bytes) Header(Source r, string what)
    {
        var code = ULeb(r, $"the dtype of {what}");
        if (!ElementSize.TryGetValue(code, out var size)) throw r.Bad($"{what} has dtype code {code}, which is not a tensor type");
        var rank = ULeb(r, $"the rank of {what}");
        if (rank > 64) throw r.Bad($"{what} declares {rank} dimensions");
        var shape = new long[rank];
        for (var d = 0; d < rank; d++) shape[d] = ULeb(r, $"dimension {d} of {what}");
        return ((ScalarType)code, shape, shape.Aggregate((long)size, (n, d) => checked(n * d)));
    }

    // One tensor record: its dtype and shape must be the target's; the data is skipped.
    private static void Fits(Source r, Tensor target, string what)
    {
        var (dtype, shape, bytes) = Header(r, what);
        if (dtype != target.dtype || !shape.SequenceEqual(target.shape))
            throw r.Bad($"{what} is {dtype} [{string.Join(", ", shape)}] in the file but {target.dtype} [{string.Join(", ", target.shape)}] here: " +
                "the checkpoint comes from another architecture or dtype");
        Skip(r, bytes, $"the data of {what}");
    }

    private static void Skip(Source r, long bytes, string what)
    {
        var stream = r.Reader.BaseStream;
        if (bytes > stream.Length - stream.Position) throw r.Bad($"ends inside {what}: the file is truncated");
        stream.Seek(bytes, SeekOrigin.Current);
    }

    // Unsigned LEB128 of at most 10 bytes (padding with 0x80 groups is allowed), no value above long.MaxValue.
    private static long ULeb(Source r, string what)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift == 70) throw r.Bad($"has an over-long integer (more than 10 bytes) where {what} should be");
            var b = r.Reader.ReadByte();
            var group = (ulong)(b & 0x7F);
            if (shift == 63 && group > 1) throw r.Bad($"has an integer too large for 64 bits where {what} should be");
            value |= group << shift;
            if ((b & 0x80) == 0) break;
        }
        return value <= long.MaxValue ? (long)value : throw r.Bad($"has {what} = {value}, larger than any valid value");
    }

    // A key or name as BinaryWriter.Write(string) stores it and BinaryReader.ReadString (TorchSharp's loader) reads it:
    // a 7-bit encoded Int32 length of at most 5 bytes, then strict UTF-8.
    private static string Text(Source r, string what)
    {
        int length;
        try { length = r.Reader.Read7BitEncodedInt(); }
        catch (FormatException) { throw r.Bad($"has an over-long length (more than 5 bytes) where the length of {what} should be"); }
        if (length < 0) throw r.Bad($"has a negative length ({length}) for {what}");
        if (length > MaxKeyBytes) throw r.Bad($"declares a {length}-byte {what} (at most {MaxKeyBytes}): the file is damaged");
        var stream = r.Reader.BaseStream;
        if (length > stream.Length - stream.Position) throw r.Bad($"declares a {length}-byte {what} but only {stream.Length - stream.Position} bytes follow: the file is truncated");
        var bytes = r.Reader.ReadBytes(length);
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw r.Bad($"has {what} that is not valid UTF-8: the file is damaged"); }
    }
}
