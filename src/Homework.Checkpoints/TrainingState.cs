// Resumable training: a model's .dat plus two sidecars, <name>.optim.dat (SGD state) and <name>.train.json
// (progress, metrics, RNG state, and hashes that tie the three files to one save).
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
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; set; }

    /// <summary>Optimizer steps completed.</summary>
    public long Step { get; set; }

    /// <summary>Metric histories so far (e.g. "train_loss" per epoch).</summary>
    public Dictionary<string, List<double>> Metrics { get; set; } = [];

    /// <summary>libtorch's CPU generator state at save time (base64), restored on resume.</summary>
    public string RngState { get; set; } = "";

    /// <summary>SHA-256 of the weights file this state belongs to.</summary>
    public string WeightsSha256 { get; set; } = "";

    /// <summary>SHA-256 of the optimizer file this state belongs to ("" when saved without an optimizer).</summary>
    public string OptimizerSha256 { get; set; } = "";

    /// <summary>What decides the run's result (its options by name), as it was started: a resume must ask for the same.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

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
        AtomicFile.Write(TrainPath(datPath), s => s.Write(json));
    }

    /// <summary>
    /// Resumes a run saved with <see cref="Save"/>: loads the weights into <paramref name="model"/>, the optimizer
    /// state into <paramref name="optimizer"/>, restores the RNG and returns the progress. Returns null when no
    /// <c>.train.json</c> exists (a fresh run). Throws <see cref="CheckpointException"/> when the files do not belong together.
    /// </summary>
    public static TrainingState? Load(string datPath, nn.Module model, SGD? optimizer)
    {
        var trainPath = TrainPath(datPath);
        if (Read(datPath) is not { } state) return null;
        if (!File.Exists(datPath) || Hash(datPath) != state.WeightsSha256)
            throw new CheckpointException($"{trainPath}: the weights file '{datPath}' is missing or is not the one this state was saved with " +
                "(an interrupted save or a copied file); delete the checkpoint files to start a fresh run");
        if (optimizer is not null && (state.OptimizerSha256.Length == 0 || !File.Exists(OptimizerPath(datPath)) || Hash(OptimizerPath(datPath)) != state.OptimizerSha256))
            throw new CheckpointException($"{trainPath}: the optimizer file '{OptimizerPath(datPath)}' is missing or is not the one this state was saved with; " +
                "delete the checkpoint files to start a fresh run");
        byte[] rng;
        try { rng = Convert.FromBase64String(state.RngState); }
        catch (FormatException) { throw new CheckpointException($"{trainPath}: RngState is not base64; delete the file to start a fresh run"); }
        using (var current = get_rng_state())
            if (rng.Length != current.numel())
                throw new CheckpointException($"{trainPath}: RngState holds {rng.Length} bytes but libtorch's generator state has {current.numel()}; delete the file to start a fresh run");
        // Both files must fit before either is loaded: TorchSharp's loads change tensors entry by entry and may stop half-way.
        if (optimizer is not null) CheckpointFit.Optimizer(OptimizerPath(datPath), optimizer);
        CheckpointFit.Model(datPath, model);
        Refusing(OptimizerPath(datPath), () => optimizer?.load_state_dict(OptimizerPath(datPath)));
        Refusing(datPath, () => model.load(datPath));
        using (var t = tensor(rng, dtype: ScalarType.Byte))
            set_rng_state(t);
        return state;
    }

    /// <summary>
    /// The progress saved beside <paramref name="datPath"/> (its <c>.train.json</c> only: nothing is loaded), or null when
    /// there is none. Throws <see cref="CheckpointException"/> when it cannot be read.
    /// </summary>
    public static TrainingState? Read(string datPath)
    {
        var trainPath = TrainPath(datPath);
        if (!File.Exists(trainPath)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrainingState>(File.ReadAllBytes(trainPath), Json)
                ?? throw new CheckpointException($"{trainPath}: empty training state");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{trainPath}: not a valid training state ({e.Message}); delete it to start a fresh run");
        }
    }

    // Our binding refuses a bad file with CheckpointException; TorchSharp with ArgumentException and friends.
    private static void Refusing(string path, Action load)
    {
        try { load(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or System.Runtime.InteropServices.ExternalException
                                  && e is not CheckpointException)
        {
            throw new CheckpointException($"{path}: {e.Message}; delete the checkpoint files to start a fresh run");
        }
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
