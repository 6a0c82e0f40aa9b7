// A saved run to damage: a model and an SGD with momentum buffers, saved with TrainingState (.dat, .optim.dat,
// .train.json), and the means to damage it. Stamp rewrites the sidecar with the hashes of the files as they now are
// (so a damaged .dat reaches the parsers instead of failing its hash check) and the sidecar's own checksum, written
// here from docs/dat-format.md, not by the code under test. Snapshot is everything a load may change: every tensor,
// the optimizer's state and hyperparameters, libtorch's generator.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homework.Checkpoints;

namespace Homework.Checkpoints.Tests;

internal sealed class SavedRun : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("hw-damage-").FullName;
    public string Dat => Path.Combine(Folder, "mlp.dat");
    public string Optim => TrainingState.OptimizerPath(Dat);
    public string Train => TrainingState.TrainPath(Dat);

    /// <summary>The saved files' bytes.</summary>
    public byte[] DatBytes { get; }
    public byte[] OptimBytes { get; }
    public byte[] TrainBytes { get; }

    /// <summary>The model and optimizer a test loads into (other weights, no momentum yet).</summary>
    public Sequential Net { get; } = NewNet();
    public SGD Opt { get; }

    public SavedRun()
    {
        Opt = NewOpt(Net);
        using (var scope = NewDisposeScope())
        using (var net = NewNet())
        using (var opt = NewOpt(net))
        {
            opt.zero_grad();
            torch.nn.functional.cross_entropy(net.call(randn(5, 4)), randint(0, 3, [5])).backward();
            opt.step();
            new TrainingState { Epoch = 1, Step = 1, Metrics = { ["loss"] = [1.25] }, Settings = { ["lr"] = "0.05" } }.Save(Dat, net, opt);
        }
        (DatBytes, OptimBytes, TrainBytes) = (File.ReadAllBytes(Dat), File.ReadAllBytes(Optim), File.ReadAllBytes(Train));
        savedState = (JsonObject)JsonNode.Parse(TrainBytes)!["State"]!;
    }

    public static Sequential NewNet() => torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3));

    public static SGD NewOpt(Sequential net) => torch.optim.SGD(net.parameters(), learningRate: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 1e-3);

    /// <summary>Puts the saved files back (all three, or the ones named).</summary>
    public void Restore(params string[] paths)
    {
        foreach (var p in paths.Length > 0 ? paths : [Dat, Optim, Train])
        {
            if (Directory.Exists(p)) Directory.Delete(p, recursive: true);
            else File.Delete(p);
            File.WriteAllBytes(p, p == Dat ? DatBytes : p == Optim ? OptimBytes : TrainBytes);
        }
    }

    /// <summary>The saved sidecar's "State" object.</summary>
    public JsonObject State() => (JsonObject)savedState.DeepClone();

    private readonly JsonObject savedState;

    /// <summary>Writes a sidecar around <paramref name="state"/>: the file hashes of what is on disk now (unless <paramref name="hashes"/> is false) and a valid checksum.</summary>
    public void Stamp(JsonObject state, bool hashes = true)
    {
        if (hashes)
        {
            state["WeightsSha256"] = Sha256(File.ReadAllBytes(Dat));
            state["OptimizerSha256"] = Sha256(File.ReadAllBytes(Optim));
        }
        Stamp(Encoding.UTF8.GetBytes(state.ToJsonString()));
    }

    /// <summary>Writes a sidecar whose State is exactly <paramref name="state"/> (any bytes), with their checksum.</summary>
    public void Stamp(byte[] state) => File.WriteAllBytes(Train, Sidecar(state, Sha256(state)));

    /// <summary>The sidecar layout of docs/dat-format.md.</summary>
    public static byte[] Sidecar(byte[] state, string sha256) =>
        [.. Encoding.UTF8.GetBytes($"{{\"Format\": \"homework training state 2\", \"Sha256\": \"{sha256}\", \"State\": "), .. state, .. "}"u8];

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    /// <summary>Every tensor of the model, the optimizer's whole state and the generator, as bytes.</summary>
    public byte[] Snapshot()
    {
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            Net.save(w);
            Opt.save_state_dict(w);
        }
        using var rng = get_rng_state();
        memory.Write(rng.data<byte>().ToArray());
        return memory.ToArray();
    }

    /// <summary>Loads into <see cref="Net"/> and <see cref="Opt"/>; a refusal must be a <see cref="CheckpointException"/> that changed nothing.</summary>
    public CheckpointException? LoadOrRefuse(string mutant)
    {
        var before = Snapshot();
        try
        {
            TrainingState.Load(Dat, Net, Opt);
            return null;
        }
        catch (CheckpointException e)
        {
            if (!before.AsSpan().SequenceEqual(Snapshot())) throw new Xunit.Sdk.XunitException($"{mutant}: refused ({e.Message}) after changing the model, optimizer or generator");
            return e;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{mutant}: {e.GetType().Name} instead of a CheckpointException: {e}");
        }
    }

    /// <summary>Like <see cref="LoadOrRefuse"/>, but the load must be refused.</summary>
    public CheckpointException Refused(string mutant) =>
        LoadOrRefuse(mutant) ?? throw new Xunit.Sdk.XunitException($"{mutant}: loaded, but should have been refused");

    public void Dispose()
    {
        Opt.Dispose();
        Net.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
