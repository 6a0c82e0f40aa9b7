#if TORCHSHARP
// PyTorch interchange, on the TorchSharp engine only: a .dat model file to and from PyTorch's own formats, a
// `torch.save`d state dict (.pt, pickle) and safetensors, through TorchSharp.PyBridge. Generic over architectures: a
// file is its tensors by name, so any checkpoint this project writes goes out, and a state dict with the names and
// shapes a model expects comes in (the model's own strict load checks that when it reads the .dat).
// Every input is read whole and checked before anything is written; the output replaces its file by temp file + rename.
// Not a checkpoint loader (Module.load, TrainingState) and not the .dat format's definition (docs/dat-format.md).
using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Homework.Checkpoints;

/// <summary><c>homework export</c> and <c>homework import</c>: .dat to and from .safetensors and .pt.</summary>
public static class PyTorchStateDict
{
    /// <summary>The PyTorch-side file kinds, by extension.</summary>
    public static IReadOnlyList<string> Formats { get; } = [".safetensors", ".pt"];

    /// <summary>Writes the tensors of the model file <paramref name="dat"/> to <paramref name="target"/> (.safetensors or .pt); returns how many.</summary>
    public static int Export(string dat, string target)
    {
        var kind = Kind(target, "--to");
        using var scope = NewDisposeScope();
        var tensors = ReadDat(dat);
        AtomicFile.Write(target, stream =>
        {
            if (kind == ".safetensors") Safetensors.SaveStateDict(stream, tensors, leaveOpen: true);
            else PyTorchPickler.PickleStateDict(stream, new Hashtable(tensors), leaveOpen: true);
        });
        return tensors.Count;
    }

    /// <summary>Writes the state dict in <paramref name="source"/> (.safetensors or .pt, as PyTorch saves them) as the model file <paramref name="dat"/>; returns how many tensors.</summary>
    public static int Import(string source, string dat)
    {
        var kind = Kind(source, "the file to import");
        if (!File.Exists(source)) throw new FileNotFoundException($"{source} does not exist; name a .safetensors or .pt file that PyTorch saved", source);
        if (!dat.EndsWith(".dat", StringComparison.Ordinal)) throw new CheckpointException($"--to '{dat}' must name a .dat file");
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = kind == ".safetensors" ? Safetensors.LoadStateDict(source, null) : StateDict(PyTorchUnpickler.UnpickleStateDict(source), source);
        }
        catch (Exception e) when (e is not CheckpointException and not OutOfMemoryException)
        {
            throw new CheckpointException($"{source} is not a {kind} state dict that can be read ({e.GetType().Name}: {Short(e.Message)}); " +
                "save one in PyTorch with " + (kind == ".pt" ? "torch.save(model.state_dict(), path)" : "safetensors.torch.save_file(model.state_dict(), path)"));
        }
        if (tensors.Count == 0) throw new CheckpointException($"{source} holds no tensors");
        AtomicFile.Write(dat, stream => WriteDat(stream, tensors));
        return tensors.Count;
    }

    private static string Kind(string path, string what)
    {
        var kind = Path.GetExtension(path).ToLowerInvariant();
        return Formats.Contains(kind) ? kind
            : throw new CheckpointException($"{what} '{path}' is neither a .safetensors nor a .pt file (PyTorch's two state-dict formats)");
    }

    private static string Short(string text) => text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "…";

    // A pickled state dict is a dictionary of names to tensors; anything else (a whole pickled model, an optimizer's
    // state) is refused by name.
    private static Dictionary<string, Tensor> StateDict(Hashtable table, string source)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry e in table)
        {
            if (e.Key is not string key || e.Value is not Tensor t)
                throw new CheckpointException($"{source} is not a state dict: its entry '{e.Key}' holds a {e.Value?.GetType().Name ?? "null"}, not a tensor");
            tensors[key] = t;
        }
        return tensors;
    }

    // The whole file is checked (CheckpointFit.Entries) before any tensor is made. Each tensor passes once through a
    // byte[], so one tensor may not exceed 2 GiB here (Module.load streams larger ones).
    private static Dictionary<string, Tensor> ReadDat(string dat)
    {
        if (!File.Exists(dat)) throw new FileNotFoundException($"{dat} does not exist; name a .dat checkpoint (e.g. under checkpoints/)", dat);
        var entries = CheckpointFit.Entries(dat);
        var tensors = new Dictionary<string, Tensor>();
        using var stream = File.OpenRead(dat);
        foreach (var e in entries)
        {
            if (e.DataBytes > Array.MaxLength)
                throw new CheckpointException($"{dat}: '{e.Key}' has {e.DataBytes} bytes; export takes tensors up to 2 GiB");
            var data = new byte[e.DataBytes];
            stream.Position = e.DataOffset;
            stream.ReadExactly(data);
            var t = empty(e.Shape, e.Dtype);
            t.bytes = data;
            tensors[e.Key] = t;
        }
        return tensors;
    }

    // docs/dat-format.md: uleb count, then per entry the key (BinaryWriter's string), uleb dtype, uleb rank, uleb dims,
    // raw little-endian data.
    private static void WriteDat(Stream stream, Dictionary<string, Tensor> tensors)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write7BitEncodedInt64(tensors.Count);
        foreach (var (key, t) in tensors)
        {
            w.Write(key);
            w.Write7BitEncodedInt64((long)t.dtype);
            w.Write7BitEncodedInt64(t.dim());
            foreach (var d in t.shape) w.Write7BitEncodedInt64(d);
            using var c = t.contiguous();
            w.Write(c.bytes);
        }
    }
}
#endif
