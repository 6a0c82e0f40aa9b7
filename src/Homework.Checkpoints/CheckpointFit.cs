// Checks, before anything is loaded, that a model file (.dat) and an SGD state file fit a model and an optimizer:
// keys, dtypes and shapes, read header by header from the file stream (tensor data is skipped, never held, so files
// over 2 GiB are fine). TorchSharp's Module.load and SGD.load_state_dict change tensors entry by entry and can fail
// half-way (or, for a missing momentum buffer, take any shape); with this check first, TrainingState refuses a file
// that does not fit before any weight changes, on both backends. It also lists a file's entries for PyTorchStateDict.
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
                var key = r.Reader.ReadString();
                if (!own.TryGetValue(key, out var target)) throw r.Bad($"has key '{key}', which the model does not have");
                if (!seen.Add(key)) throw r.Bad($"has key '{key}' twice");
                Fits(r, target, $"'{key}'");
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
                var key = r.Reader.ReadString();
                if (!seen.Add(key)) throw r.Bad($"has key '{key}' twice");
                var (dtype, shape, bytes) = Header(r, $"'{key}'");
                entries.Add(new Entry(key, dtype, shape, r.Reader.BaseStream.Position, bytes));
                Skip(r, bytes, $"the data of '{key}'");
            }
        });
        return entries;
    }

    /// <summary>Throws <see cref="CheckpointException"/> unless <paramref name="path"/> is SGD state for <paramref name="optimizer"/>'s parameters.</summary>
    public static void Optimizer(string path, SGD optimizer)
    {
        var parameters = optimizer.parameters().ToList();
        Read(path, r =>
        {
            var name = r.Reader.ReadString();
            if (name != "SGD") throw r.Bad($"is the state of a {name}, not of an SGD");
            if (ULeb(r, "the parameter-group count") != 1) throw r.Bad("has several parameter groups; the optimizer has one");
            var states = ULeb(r, "the state count");
            if (states != parameters.Count) throw r.Bad($"has state for {states} parameters but the optimizer has {parameters.Count}");
            Skip(r, 5 * sizeof(double) + 2, "the hyperparameters");
            for (var i = 0; i < parameters.Count; i++)
            {
                var has = r.Reader.ReadByte();
                if (has > 1) throw r.Bad($"has {has} where the momentum-buffer flag of parameter {i} should be");
                if (has == 1) Fits(r, parameters[i], $"the momentum buffer of parameter {i}");
            }
        });
    }

    private sealed record Source(string Path, BinaryReader Reader)
    {
        public CheckpointException Bad(string problem) =>
            new($"{Path}: {problem} (at byte {Reader.BaseStream.Position}); delete the checkpoint files to start a fresh run");
    }

    private static void Read(string path, Action<Source> check)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
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

    private static long ULeb(Source r, string what)
    {
        long value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 56) throw r.Bad($"has an over-long integer where {what} should be");
            var b = r.Reader.ReadByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
