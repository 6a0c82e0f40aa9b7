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

            // TorchSharp's SGD options after the learning rates: momentum, dampening, weight_decay (doubles), nesterov and
            // maximize (booleans); its state per parameter: a boolean "has a momentum buffer" and the buffer.
            private protected override void WriteOptions(BinaryWriter writer)
            {
                foreach (var v in (double[])[momentum, dampening, weight_decay]) writer.Write(v);
                writer.Write(nesterov);
                writer.Write(false); // maximize: this SGD always descends
            }

            private protected override void WriteState(BinaryWriter writer, int index)
            {
                writer.Write(momentumBuffers[index] is not null);
                if (momentumBuffers[index] is { } b) DatFile.WriteTensor(writer, b, $"momentum buffer {index}");
            }

            private protected override void ReadOptions(DatFile.Reader r)
            {
                Same(r, nameof(momentum), r.Double(nameof(momentum)), momentum);
                Same(r, nameof(dampening), r.Double(nameof(dampening)), dampening);
                Same(r, nameof(weight_decay), r.Double(nameof(weight_decay)), weight_decay);
                Same(r, nameof(nesterov), r.Bool(nameof(nesterov)), nesterov);
                if (r.Bool("maximize")) r.Fail("maximize is true in the file; this SGD only minimizes");
            }

            private protected override object? ReadState(DatFile.Reader r, int index) =>
                r.Bool($"whether parameter {index} has a momentum buffer") ? StateTensor(r, index, "momentum buffer") : null;

            private protected override void Restore(object?[] staged)
            {
                FreeBuffers();
                for (var i = 0; i < staged.Length; i++)
                    if (staged[i] is DatEntry e)
                        using (var t = e.ToTensor())
                            momentumBuffers[i] = t.to(Optimized[i].device).DetachFromDisposeScope();
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
