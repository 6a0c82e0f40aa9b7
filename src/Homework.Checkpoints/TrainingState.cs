// Resumable training: a model's .dat plus two sidecars, <name>.optim.dat (SGD state) and <name>.train.json
// (progress, metrics, RNG state, and hashes that tie the three files to one save; its own checksum over the state).
// Loading is all or nothing: every file and value is checked before the first tensor, buffer or generator changes.
// The sidecar's layout is in docs/dat-format.md ("The .train.json sidecar"). Not the .dat reader (the backends' load).
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Checkpoints;

/// <summary>
/// Progress of a training run, saved next to the model so that a resumed run continues exactly as an
/// uninterrupted one: same weights, same momentum buffers, same random numbers.
/// </summary>
public sealed class TrainingState
{
    /// <summary>The sidecar's "Format"; a file without one was written before the sidecar had a checksum.</summary>
    private const string FormatName = "homework training state 2";

    /// <summary>Largest sidecar read: metrics of millions of steps fit; a larger file is not one of ours.</summary>
    private const long MaxSidecarBytes = 256L << 20;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // Reading is strict: every property present once, no unknown names, no null where the type has none.
    private static readonly JsonSerializerOptions StrictJson = new(Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
    };

    /// <summary>Epochs completed.</summary>
    [JsonRequired] public int Epoch { get; set; }

    /// <summary>Optimizer steps completed.</summary>
    [JsonRequired] public long Step { get; set; }

    /// <summary>Metric histories so far (e.g. "train_loss" per epoch).</summary>
    [JsonRequired] public Dictionary<string, List<double>> Metrics { get; set; } = [];

    /// <summary>libtorch's CPU generator state at save time (base64), restored on resume.</summary>
    [JsonRequired] public string RngState { get; set; } = "";

    /// <summary>SHA-256 of the weights file this state belongs to.</summary>
    [JsonRequired] public string WeightsSha256 { get; set; } = "";

    /// <summary>SHA-256 of the optimizer file this state belongs to ("" when saved without an optimizer).</summary>
    [JsonRequired] public string OptimizerSha256 { get; set; } = "";

    /// <summary>What decides the run's result (its options by name), as it was started: a resume must ask for the same.</summary>
    [JsonRequired] public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary><c>mlp.dat</c> to <c>mlp.train.json</c>.</summary>
    public static string TrainPath(string datPath) => Path.ChangeExtension(datPath, null) + ".train.json";

    /// <summary><c>mlp.dat</c> to <c>mlp.optim.dat</c>.</summary>
    public static string OptimizerPath(string datPath) => Path.ChangeExtension(datPath, null) + ".optim.dat";

    /// <summary>
    /// Saves the model to <paramref name="datPath"/>, the optimizer state and this progress (with the current RNG
    /// state) beside it. Each file is replaced atomically; the .train.json goes last and names the others by hash.
    /// </summary>
    public void Save(string datPath, nn.Module model, SGD? optimizer)
    {
        if (Problem(this) is { } problem) throw new InvalidOperationException($"this training state would not load back: {problem}");
        // Through a writer that leaves the stream open: TorchSharp's save(Stream) closes it before AtomicFile flushes it.
        AtomicFile.Write(datPath, s =>
        {
            using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            model.save(writer);
        });
        WeightsSha256 = Hash(datPath);
        OptimizerSha256 = "";
        if (optimizer is not null)
        {
            AtomicFile.Write(OptimizerPath(datPath), s =>
            {
                using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                optimizer.save_state_dict(writer);
            });
            OptimizerSha256 = Hash(OptimizerPath(datPath));
        }
        using (var state = get_rng_state())
            RngState = Convert.ToBase64String(state.data<byte>().ToArray());
        var json = JsonSerializer.SerializeToUtf8Bytes(this, Json);
        AtomicFile.Write(TrainPath(datPath), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("Format", FormatName);
            w.WriteString("Sha256", Convert.ToHexString(SHA256.HashData(json)));
            w.WritePropertyName("State");
            w.WriteRawValue(json, skipInputValidation: true);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Resumes a run saved with <see cref="Save"/>: loads the weights into <paramref name="model"/>, the optimizer
    /// state into <paramref name="optimizer"/>, restores the RNG and returns the progress. Returns null when nothing is at
    /// the <c>.train.json</c> path (a fresh run). Throws <see cref="CheckpointException"/> when a file is damaged, is not
    /// a regular file, or the files do not belong together or do not fit; then the model, the optimizer and the RNG are
    /// unchanged, for everything is checked before anything is loaded.
    /// </summary>
    public static TrainingState? Load(string datPath, nn.Module model, SGD? optimizer)
    {
        if (Read(datPath) is not { } state) return null;
        var trainPath = TrainPath(datPath);
        Verify(datPath, state.WeightsSha256, trainPath, "weights file");
        if (optimizer is not null)
        {
            if (state.OptimizerSha256.Length == 0)
                throw new CheckpointException($"{trainPath}: the run was saved without optimizer state, so it cannot resume with one; {FreshRun}");
            Verify(OptimizerPath(datPath), state.OptimizerSha256, trainPath, "optimizer file");
            CheckpointFit.Optimizer(OptimizerPath(datPath), optimizer);
        }
        CheckpointFit.Model(datPath, model);
        // Everything is checked (the generator state in Read): from here on nothing refuses these files, so nothing
        // changes unless everything does. TorchSharp's loads change tensors entry by entry; they no longer can fail.
        Refusing(OptimizerPath(datPath), () => optimizer?.load_state_dict(OptimizerPath(datPath)));
        Refusing(datPath, () => model.load(datPath));
        using (var t = tensor(Convert.FromBase64String(state.RngState), dtype: ScalarType.Byte))
            set_rng_state(t);
        return state;
    }

    /// <summary>
    /// The progress saved beside <paramref name="datPath"/> (its <c>.train.json</c> only: nothing is loaded), or null when
    /// nothing is at that path. Throws <see cref="CheckpointException"/> when it cannot be read, fails its checksum, was
    /// written by an older version, or holds a value a load would refuse (a negative epoch or step, a null, an invalid
    /// generator state).
    /// </summary>
    public static TrainingState? Read(string datPath)
    {
        var trainPath = TrainPath(datPath);
        if (!CheckpointFile.Exists(trainPath)) return null;
        byte[] bytes;
        using (var stream = CheckpointFile.OpenRead(trainPath, "training state", MaxSidecarBytes))
        {
            bytes = new byte[stream.Length];
            try { stream.ReadExactly(bytes); }
            catch (EndOfStreamException) { throw Bad(trainPath, "shrank while it was being read"); }
        }
        var state = Parse(bytes, trainPath);
        return SavedProblem(state) is { } problem ? throw Bad(trainPath, problem) : state;
    }

    private const string FreshRun = "delete the checkpoint files to start a fresh run";

    private static CheckpointException Bad(string trainPath, string problem) =>
        new($"{trainPath}: {problem}; delete it and the checkpoint files beside it to start a fresh run");

    // {"Format": ..., "Sha256": SHA-256 of the State value's bytes as they stand in the file, "State": {...}}.
    private static TrainingState Parse(byte[] bytes, string trainPath)
    {
        // JsonDocument checks the UTF-8 of a string only when the string is read.
        try { StrictUtf8.GetCharCount(bytes); }
        catch (System.Text.DecoderFallbackException) { throw Bad(trainPath, "is not UTF-8 text"); }
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e) { throw Bad(trainPath, $"is not valid JSON ({CheckpointFile.Short(e.Message)})"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(trainPath, "is not a training state (not a JSON object)");
            if (!root.TryGetProperty("Format", out var format))
                throw root.TryGetProperty("Epoch", out _)
                    ? new CheckpointException($"{trainPath} was written by an older version of homework (it has no checksum); delete it or train from scratch")
                    : Bad(trainPath, "is not a training state (no \"Format\")");
            if (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                throw Bad(trainPath, $"has format {CheckpointFile.Short(format.GetRawText(), 60)}, not \"{FormatName}\": another program or version wrote it");
            if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("Format" or "Sha256" or "State")) is { } extra)
                throw Bad(trainPath, $"has an unknown entry '{CheckpointFile.Short(extra, 60)}'");
            if (!root.TryGetProperty("Sha256", out var sha) || sha.ValueKind != JsonValueKind.String || !root.TryGetProperty("State", out var body))
                throw Bad(trainPath, "lacks its checksum (\"Sha256\") or its state (\"State\")");
            var raw = JsonMarshal.GetRawUtf8Value(body);
            if (!string.Equals(Convert.ToHexString(SHA256.HashData(raw)), sha.GetString(), StringComparison.OrdinalIgnoreCase))
                throw Bad(trainPath, "does not match its checksum: it was changed or damaged after it was saved");
            try
            {
                return JsonSerializer.Deserialize<TrainingState>(raw, StrictJson) ?? throw Bad(trainPath, "has a null state");
            }
            catch (JsonException e)
            {
                throw Bad(trainPath, $"is not a valid training state ({CheckpointFile.Short(e.Message)})");
            }
        }
    }

    // What a load would refuse in the progress, or null (Save fills in the hashes and the generator state).
    private static string? Problem(TrainingState s)
    {
        if (s.Epoch < 0) return $"Epoch is {s.Epoch}; it counts epochs done, so it cannot be negative";
        if (s.Step < 0) return $"Step is {s.Step}; it counts optimizer steps done, so it cannot be negative";
        if (s.Metrics is null || s.Metrics.Any(m => m.Value is null)) return "Metrics (or one of its histories) is null";
        if (s.Settings is null || s.Settings.Any(m => m.Value is null)) return "Settings (or one of its values) is null";
        return null;
    }

    // What a load would refuse in a saved state, or null. The generator state is checked as libtorch's set_rng_state
    // checks it, so that a load never fails there, after the weights have changed.
    private static string? SavedProblem(TrainingState s)
    {
        if (Problem(s) is { } problem) return problem;
        if (s.WeightsSha256 is null || s.OptimizerSha256 is null) return "a file hash is null";
        if (s.RngState is null) return "RngState is null";
        if (!IsSha256(s.WeightsSha256)) return $"WeightsSha256 '{CheckpointFile.Short(s.WeightsSha256, 70)}' is not a SHA-256";
        if (s.OptimizerSha256.Length > 0 && !IsSha256(s.OptimizerSha256)) return $"OptimizerSha256 '{CheckpointFile.Short(s.OptimizerSha256, 70)}' is not a SHA-256";
        byte[] rng;
        try { rng = Convert.FromBase64String(s.RngState); }
        catch (FormatException) { return "RngState is not base64"; }
        return RngProblem(rng);
    }

    private static bool IsSha256(string hex) => hex.Length == 64 && hex.All(char.IsAsciiHexDigit);

    // libtorch's CPU generator state (CPUGeneratorImplState): uint64 initial seed, int32 left, int32 seeded, uint64 next,
    // the Mersenne twister's 624 words, ... set_rng_state accepts it only when the twister is seeded, 1 <= left <= 624
    // and next (as uint32) <= 624: "Invalid mt19937 state" otherwise (PyTorch 1.13.1 refuses exactly these).
    private static string? RngProblem(byte[] rng)
    {
        using (var current = get_rng_state())
            if (rng.Length != current.numel())
                return $"RngState holds {rng.Length} bytes but libtorch's generator state has {current.numel()}";
        var left = BinaryPrimitives.ReadInt32LittleEndian(rng.AsSpan(8));
        var seeded = BinaryPrimitives.ReadInt32LittleEndian(rng.AsSpan(12));
        var next = (uint)BinaryPrimitives.ReadUInt64LittleEndian(rng.AsSpan(16));
        return seeded != 0 && left is > 0 and <= 624 && next <= 624 ? null
            : $"RngState is not a valid generator state (seeded {seeded}, left {left}, next {next}; libtorch needs seeded, left 1-624, next at most 624)";
    }

    // The file must be the one the state was saved with, byte for byte.
    private static void Verify(string path, string sha256, string trainPath, string what)
    {
        string actual;
        using (var stream = CheckpointFile.OpenRead(path, what))
            actual = Convert.ToHexString(SHA256.HashData(stream));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointException($"{trainPath}: the {what} '{path}' is not the one this state was saved with " +
                $"(an interrupted save or a copied file); {FreshRun}");
    }

    // Our binding refuses a bad file with CheckpointException; TorchSharp with ArgumentException and friends.
    private static void Refusing(string path, Action load)
    {
        try { load(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or System.Runtime.InteropServices.ExternalException
                                  && e is not CheckpointException)
        {
            throw new CheckpointException($"{path}: {CheckpointFile.Short(e.Message, 300)}; {FreshRun}");
        }
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
