// torch.optim.SGD: stochastic gradient descent with PyTorch's exact update rule (momentum,
// dampening, weight decay, Nesterov). Momentum buffers can be saved and restored for exact resumes.
using Homework.Checkpoints;
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// PyTorch's SGD. For each parameter p with gradient g:
        /// g += weight_decay·p; b = g on the first step, else b = momentum·b + (1 - dampening)·g;
        /// g = g + momentum·b (Nesterov) or g = b; p -= lr·g.
        /// </summary>
        public sealed class SGD : IDisposable
        {
            private readonly Parameter[] parameters;
            private readonly Tensor?[] momentumBuffers;

            /// <summary>Creates the optimizer over <paramref name="parameters"/> (kept in the given order).</summary>
            public SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
            {
                this.parameters = parameters.ToArray();
                if (this.parameters.Length == 0) throw new ArgumentException("SGD got an empty parameter list: pass model.parameters()", nameof(parameters));
                if (learningRate < 0) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be >= 0");
                if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be >= 0");
                if (weight_decay < 0) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight_decay must be >= 0");
                if (nesterov && (momentum <= 0 || dampening != 0))
                    throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
                lr = learningRate;
                this.momentum = momentum;
                this.dampening = dampening;
                this.weight_decay = weight_decay;
                this.nesterov = nesterov;
                momentumBuffers = new Tensor?[this.parameters.Length];
            }

            /// <summary>Learning rate (may be changed between steps, e.g. by a schedule).</summary>
            public double lr { get; set; }

            /// <summary>Momentum factor.</summary>
            public double momentum { get; }

            /// <summary>Dampening of the gradient added to the momentum buffer.</summary>
            public double dampening { get; }

            /// <summary>L2 penalty coefficient added to the gradient.</summary>
            public double weight_decay { get; }

            /// <summary>Whether Nesterov momentum is used.</summary>
            public bool nesterov { get; }

            /// <summary>The optimized parameters, in order (their index is their key in saved state).</summary>
            public IReadOnlyList<Parameter> Parameters => parameters;

            /// <summary>Zeroes every parameter's gradient (PyTorch 1.13's default, set_to_none=false).</summary>
            public void zero_grad()
            {
                foreach (var p in parameters) Tensor.Ok(Native.hw_zero_grad(p.Ptr), p);
            }

            /// <summary>Applies one update to every parameter that has a gradient.</summary>
            public void step()
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var p = parameters[i];
                    if (p.grad is not { } d_p) continue;
                    if (weight_decay != 0) d_p = d_p.clone().add_(p, weight_decay);
                    if (momentum != 0)
                    {
                        if (momentumBuffers[i] is not { } buf)
                            momentumBuffers[i] = buf = d_p.clone().DetachFromDisposeScope();
                        else
                            buf.mul_(momentum).add_(d_p, 1 - dampening);
                        d_p = nesterov ? d_p.clone().add_(buf, momentum) : buf;
                    }
                    p.add_(d_p, -lr);
                }
            }

            /// <summary>The momentum buffer of parameter <paramref name="index"/>, or null before its first step.</summary>
            public Tensor? momentum_buffer(int index) => momentumBuffers[index];

            private static readonly string[] Hyperparameters = ["lr", "momentum", "dampening", "weight_decay", "nesterov"];

            private double Hyperparameter(string key) => key switch
            {
                "lr" => lr, "momentum" => momentum, "dampening" => dampening, "weight_decay" => weight_decay, _ => nesterov ? 1 : 0,
            };

            /// <summary>
            /// Writes the hyperparameters (0-dim float64) and the momentum buffers (<c>"{index}.momentum_buffer"</c>) to
            /// <paramref name="path"/> in the .dat layout, atomically (a sidecar such as <c>mlp.optim.dat</c>).
            /// </summary>
            public void save_state_dict(string path)
            {
                using var scope = NewDisposeScope();
                var entries = StateEntries();
                AtomicFile.Write(path, s => DatFile.Write(s, entries));
            }

            /// <summary>Writes the same entries as <see cref="save_state_dict(string)"/> to <paramref name="writer"/>'s stream.</summary>
            public void save_state_dict(BinaryWriter writer)
            {
                using var scope = NewDisposeScope();
                writer.Flush();
                DatFile.Write(writer.BaseStream, StateEntries());
            }

            private Dictionary<string, Tensor> StateEntries()
            {
                var entries = new Dictionary<string, Tensor>();
                foreach (var key in Hyperparameters) entries[key] = tensor(Hyperparameter(key), float64);
                for (var i = 0; i < momentumBuffers.Length; i++)
                    if (momentumBuffers[i] is { } b) entries[$"{i}.momentum_buffer"] = b;
                return entries;
            }

            /// <summary>
            /// Restores what <see cref="save_state_dict(string)"/> wrote: the learning rate and the momentum buffers. The other
            /// hyperparameters must equal this optimizer's, and each buffer must match its parameter's dtype and shape;
            /// otherwise <see cref="CheckpointException"/> is thrown and nothing changes.
            /// </summary>
            public void load_state_dict(string path)
            {
                if (!File.Exists(path))
                    throw new FileNotFoundException($"no optimizer state at '{path}': save it with save_state_dict, or start without resuming", path);
                var source = $"optimizer state '{path}'";
                var entries = DatFile.Read(File.ReadAllBytes(path), path).ToDictionary(e => e.Key);
                var values = new Dictionary<string, double>();
                using var scope = NewDisposeScope();
                foreach (var key in Hyperparameters)
                {
                    if (!entries.Remove(key, out var e))
                        throw new CheckpointException($"{source}: missing key '{key}': the file was not written by SGD.save_state_dict");
                    if (e.DType != ScalarType.Float64 || e.Shape.Length != 0)
                        throw new CheckpointException($"{source}: key '{key}' is a {e.DType.TorchName()} of shape {ShapeFormat.Of(e.Shape)} but should be a 0-dim float64");
                    values[key] = e.ToTensor().item<double>();
                    if (key != "lr" && values[key] != Hyperparameter(key))
                        throw new CheckpointException($"{source}: {key} is {values[key]} in the file but {Hyperparameter(key)} in this optimizer: " +
                            "resume with the hyperparameters the run was started with");
                }
                var buffers = new Tensor?[momentumBuffers.Length];
                foreach (var (key, e) in entries)
                {
                    const string suffix = ".momentum_buffer";
                    if (!key.EndsWith(suffix, StringComparison.Ordinal) || !int.TryParse(key[..^suffix.Length], out var i) || i < 0 || i >= parameters.Length)
                        throw new CheckpointException($"{source}: unexpected key '{key}' for an SGD over {parameters.Length} parameters: " +
                            "the state belongs to a different model or optimizer");
                    var p = parameters[i];
                    if (e.DType != p.dtype || !e.Shape.SequenceEqual(p.shape))
                        throw new CheckpointException($"{source}: key '{key}' is {e.DType.TorchName()} {ShapeFormat.Of(e.Shape)} but parameter {i} is " +
                            $"{p.dtype.TorchName()} {ShapeFormat.Of(p.shape)}: the state belongs to a different model");
                    buffers[i] = e.ToTensor();
                }
                Dispose();
                for (var i = 0; i < buffers.Length; i++) momentumBuffers[i] = buffers[i]?.to(parameters[i].device).DetachFromDisposeScope();
                lr = values["lr"];
            }

            /// <summary>Frees the momentum buffers.</summary>
            public void Dispose()
            {
                for (var i = 0; i < momentumBuffers.Length; i++)
                {
                    momentumBuffers[i]?.Dispose();
                    momentumBuffers[i] = null;
                }
            }
        }
    }

    public static partial class torch
    {
        /// <summary>Optimizers.</summary>
        public static partial class optim
        {
            /// <summary>Stochastic gradient descent with PyTorch's update rule (see <see cref="TorchSharp.Modules.SGD"/>).</summary>
            public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
                new(parameters, learningRate, momentum, dampening, weight_decay, nesterov);
        }
    }
}
