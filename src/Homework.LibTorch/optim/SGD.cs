// torch.optim.SGD: stochastic gradient descent with PyTorch's exact update rule (momentum,
// dampening, weight decay, Nesterov). Its state is saved in TorchSharp's optimizer-state format for exact resumes.
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
        public sealed class SGD : optim.Optimizer
        {
            private readonly Tensor?[] momentumBuffers;

            /// <summary>Creates the optimizer over <paramref name="parameters"/> (kept in the given order).</summary>
            public SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
                : base(parameters, learningRate)
            {
                if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be >= 0");
                if (weight_decay < 0) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight_decay must be >= 0");
                if (nesterov && (momentum <= 0 || dampening != 0))
                    throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
                this.momentum = momentum;
                this.dampening = dampening;
                this.weight_decay = weight_decay;
                this.nesterov = nesterov;
                momentumBuffers = new Tensor?[Optimized.Count];
            }

            /// <summary>Learning rate (may be changed between steps, e.g. by a schedule).</summary>
            public double lr { get => LearningRate; set => LearningRate = value; }

            /// <summary>Momentum factor.</summary>
            public double momentum { get; }

            /// <summary>Dampening of the gradient added to the momentum buffer.</summary>
            public double dampening { get; }

            /// <summary>L2 penalty coefficient added to the gradient.</summary>
            public double weight_decay { get; }

            /// <summary>Whether Nesterov momentum is used.</summary>
            public bool nesterov { get; }

            /// <inheritdoc />
            protected override void Update()
            {
                for (var i = 0; i < Optimized.Count; i++)
                {
                    var p = Optimized[i];
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

            /// <summary>
            /// Writes the state to <paramref name="path"/> in TorchSharp 0.107's optimizer-state format (what its
            /// <c>SGD.save_state_dict</c> writes and <c>load_state_dict</c> reads), atomically (a sidecar such as <c>mlp.optim.dat</c>).
            /// </summary>
            public void save_state_dict(string path) => AtomicFile.Write(path, s =>
            {
                using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                save_state_dict(writer);
            });

            /// <summary>
            /// TorchSharp's layout: the type name "SGD"; uleb parameter-group count (1) and state count (one per
            /// parameter); the group's initial and current learning rate, momentum, dampening, weight_decay (doubles),
            /// nesterov and maximize (booleans); then per parameter a boolean "has a momentum buffer" and the buffer as
            /// Tensor.Save writes it (uleb dtype, rank, dims, raw bytes).
            /// </summary>
            public void save_state_dict(BinaryWriter writer)
            {
                writer.Write(nameof(SGD));
                writer.Write7BitEncodedInt64(1);
                writer.Write7BitEncodedInt64(Optimized.Count);
                foreach (var v in (double[])[InitialLearningRate, lr, momentum, dampening, weight_decay]) writer.Write(v);
                writer.Write(nesterov);
                writer.Write(false); // maximize: this SGD always descends
                for (var i = 0; i < momentumBuffers.Length; i++)
                {
                    writer.Write(momentumBuffers[i] is not null);
                    if (momentumBuffers[i] is { } b) DatFile.WriteTensor(writer, b, $"momentum buffer {i}");
                }
                writer.Flush();
            }

            /// <summary>
            /// Restores what <see cref="save_state_dict(string)"/> or TorchSharp's SGD wrote: the learning rates and the
            /// momentum buffers. Stricter than TorchSharp, which adopts the file's hyperparameters: momentum, dampening,
            /// weight_decay and nesterov must equal this optimizer's, and each buffer must match its parameter's dtype and
            /// shape; otherwise <see cref="CheckpointException"/> is thrown and nothing changes.
            /// </summary>
            public void load_state_dict(string path)
            {
                if (!File.Exists(path))
                    throw new FileNotFoundException($"no optimizer state at '{path}': save it with save_state_dict, or start without resuming", path);
                var source = $"optimizer state '{path}'";
                var r = new DatFile.Reader(File.ReadAllBytes(path), source);
                var name = r.String("the optimizer type name");
                if (name != nameof(SGD)) r.Fail($"holds the state of a {name}, not of an SGD");
                var groups = r.ULeb("the parameter-group count");
                if (groups != 1) r.Fail($"has {groups} parameter groups; this SGD has one");
                var states = r.ULeb("the state count");
                if (states != Optimized.Count)
                    r.Fail($"has state for {states} parameters but this SGD optimizes {Optimized.Count}: the state belongs to a different model");
                var initial = r.Double("the initial learning rate");
                var rate = r.Double("the learning rate");
                foreach (var (key, value) in (ReadOnlySpan<(string, double)>)[("momentum", momentum), ("dampening", dampening), ("weight_decay", weight_decay)])
                {
                    var stored = r.Double(key);
                    if (stored != value) r.Fail($"{key} is {stored} in the file but {value} in this optimizer: resume with the hyperparameters the run was started with");
                }
                if (r.Bool("nesterov") != nesterov) r.Fail($"nesterov is {!nesterov} in the file but {nesterov} in this optimizer");
                if (r.Bool("maximize")) r.Fail("maximize is true in the file; this SGD only minimizes");
                var entries = new DatEntry?[Optimized.Count];
                for (var i = 0; i < Optimized.Count; i++)
                {
                    if (!r.Bool($"whether parameter {i} has a momentum buffer")) continue;
                    var e = entries[i] = r.Tensor($"{i}", $"the momentum buffer of parameter {i}");
                    var p = Optimized[i];
                    if (e.DType != p.dtype || !e.Shape.SequenceEqual(p.shape))
                        r.Fail($"the momentum buffer of parameter {i} is {e.DType.TorchName()} {ShapeFormat.Of(e.Shape)} but the parameter is " +
                            $"{p.dtype.TorchName()} {ShapeFormat.Of(p.shape)}: the state belongs to a different model");
                }
                r.End("the momentum buffers");
                FreeBuffers();
                for (var i = 0; i < entries.Length; i++)
                    if (entries[i] is { } e)
                        using (var t = e.ToTensor())
                            momentumBuffers[i] = t.to(Optimized[i].device).DetachFromDisposeScope();
                InitialLearningRate = initial;
                lr = rate;
            }

            /// <summary>Frees the momentum buffers.</summary>
            protected override void Dispose(bool disposing)
            {
                if (disposing) FreeBuffers();
                base.Dispose(disposing);
            }

            private void FreeBuffers()
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
