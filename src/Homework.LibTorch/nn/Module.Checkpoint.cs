// torch.nn.Module persistence: save / load of .dat files (DatFile.cs) and load_state_dict.
// Everything is validated before the first weight changes, so a failed load leaves the module as it was. Files are
// streamed: headers are checked first, then each tensor's data is read from the file straight into the module's tensor.
using Homework.Checkpoints;
using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Writes <see cref="state_dict"/> to <paramref name="path"/> in TorchSharp's .dat layout. The file is written
            /// beside the target and renamed over it, so an interrupted save keeps the previous checkpoint.
            /// </summary>
            public Module save(string path)
            {
                var state = state_dict();
                AtomicFile.Write(path, s => DatFile.Write(s, state));
                return this;
            }

            /// <summary>Writes <see cref="state_dict"/> to <paramref name="writer"/>'s stream in TorchSharp's .dat layout.</summary>
            public Module save(BinaryWriter writer)
            {
                writer.Flush();
                DatFile.Write(writer.BaseStream, state_dict());
                return this;
            }

            /// <summary>
            /// Loads a .dat file written by <see cref="save(string)"/> or by TorchSharp. Strict: the file must hold exactly this
            /// module's keys, with the same dtypes and shapes. Non-strict: unknown keys are skipped and missing ones kept.
            /// Throws <see cref="CheckpointException"/> (module unchanged) when the file is damaged or does not fit.
            /// </summary>
            public Module load(string path, bool strict = true)
            {
                if (!File.Exists(path))
                    throw new FileNotFoundException($"no checkpoint at '{path}': check the path, or train the model first to create it", path);
                // Open until the data is copied. A save replaces the file by renaming a new one over it, so this handle keeps
                // reading the file whose headers were checked.
                using var file = DatFile.Reader.Open(path, path);
                var entries = DatFile.Read(file);
                Load(entries.Select(e => new Incoming(e.Key, e.DType, e.Shape, e.CopyTo)).ToList(), strict, $"checkpoint '{path}'");
                return this;
            }

            /// <summary>
            /// Copies <paramref name="source"/>'s tensors into this module's parameters and buffers by name, with the same
            /// checks as <see cref="load"/>. Returns the module keys the source lacked and the source keys the module lacks.
            /// </summary>
            public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(Dictionary<string, Tensor> source, bool strict = true) =>
                Load(source.Select(kv => new Incoming(kv.Key, kv.Value.dtype, kv.Value.shape, target => target.copy_(kv.Value))).ToList(), strict, "state dict");

            private readonly record struct Incoming(string Key, ScalarType DType, long[] Shape, Action<Tensor> CopyTo);

            private (IList<string> missing, IList<string> unexpected) Load(List<Incoming> incoming, bool strict, string source)
            {
                var own = state_dict();
                var missing = own.Keys.Except(incoming.Select(e => e.Key)).ToList();
                var unexpected = incoming.Select(e => e.Key).Where(k => !own.ContainsKey(k)).ToList();
                if (strict)
                {
                    if (incoming.Count != own.Count)
                        throw new CheckpointException($"{source}: Mismatched state_dict sizes: expected {own.Count}, but found {incoming.Count}" +
                            Describe(missing, unexpected) + ". Load it into the architecture it was saved from, or pass strict: false.");
                    if (unexpected.Count > 0)
                        throw new CheckpointException($"{source}: unexpected key '{unexpected[0]}', which this {GetName()} does not have" +
                            Describe(missing, unexpected) + ". Load it into the architecture it was saved from, or pass strict: false.");
                }
                var matched = incoming.Where(e => own.ContainsKey(e.Key)).ToList();
                foreach (var e in matched)
                {
                    var target = own[e.Key];
                    if (e.DType != target.dtype)
                        throw new CheckpointException($"{source}: key '{e.Key}' is {e.DType.TorchName()} in the source but {target.dtype.TorchName()} in the module. " +
                            $"Convert the module first (module.to({e.DType.TorchName()})) or save the checkpoint in {target.dtype.TorchName()}.");
                    var shape = target.shape;
                    if (!e.Shape.SequenceEqual(shape))
                        throw new CheckpointException($"{source}: key '{e.Key}' has shape {ShapeFormat.Of(e.Shape)} in the source but {ShapeFormat.Of(shape)} in the module. " +
                            "The checkpoint comes from a different architecture: build the model with the sizes it was saved with.");
                }
                // Every check passed, and a file was checked to hold every byte of every tensor: copy each source into its
                // tensor, with no second copy of the weights in memory.
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                foreach (var e in matched) e.CopyTo(own[e.Key]);
                return (missing, unexpected);
            }

            private static string Describe(List<string> missing, List<string> unexpected) =>
                (missing.Count > 0 ? $"; missing from the source: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}" : "") +
                (unexpected.Count > 0 ? $"; not in the module: {string.Join(", ", unexpected.Take(5))}{(unexpected.Count > 5 ? ", ..." : "")}" : "");
        }
    }
}
