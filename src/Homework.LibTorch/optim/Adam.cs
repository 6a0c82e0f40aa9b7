// torch.optim.Adam: adaptive moment estimation with PyTorch 1.13's exact single-tensor update (L2 weight decay
// added to the gradient, bias-corrected moments, optional AMSGrad). Its state is saved in TorchSharp's optimizer-state format.
using Homework.Checkpoints;
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// PyTorch's Adam. For each parameter p with gradient g, at step t (from 1):
        /// g += weight_decay·p; m = β₁m + (1-β₁)g; v = β₂v + (1-β₂)g²; v̂ = max(v̂, v) with AMSGrad, else v̂ = v;
        /// p -= lr/(1-β₁ᵗ) · m / (√v̂ / √(1-β₂ᵗ) + eps).
        /// </summary>
        public sealed class Adam : optim.Optimizer
        {
            private readonly State[] states;

            /// <summary>Creates the optimizer over <paramref name="parameters"/> (kept in the given order).</summary>
            public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                double weight_decay = 0, bool amsgrad = false, bool maximize = false) : base(parameters, lr)
            {
                if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Adam's beta1 must be in [0, 1)");
                if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Adam's beta2 must be in [0, 1)");
                if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "Adam's eps must be >= 0");
                if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight_decay must be >= 0");
                Betas = (beta1, beta2);
                this.eps = eps;
                this.weight_decay = weight_decay;
                this.amsgrad = amsgrad;
                this.maximize = maximize;
                // Zero moments at step 0 for every parameter from the start, as TorchSharp (PyTorch creates them at the
                // first step; the updates are the same).
                states = Optimized.Select(p => new State(p, amsgrad)).ToArray();
            }

            /// <summary>Decay rates (β₁, β₂) of the first and second moment averages.</summary>
            public (double, double) Betas { get; set; }

            /// <summary>Learning rate (may be changed between steps, e.g. by a scheduler).</summary>
            public double lr { get => LearningRate; set => LearningRate = value; }

            /// <summary>Added to the denominator for numerical stability.</summary>
            public double eps { get; }

            /// <summary>L2 penalty coefficient added to the gradient.</summary>
            public double weight_decay { get; }

            /// <summary>Whether the running maximum of the second moment normalises the step (AMSGrad).</summary>
            public bool amsgrad { get; }

            /// <summary>Whether the objective is maximised (the gradient's sign is flipped).</summary>
            public bool maximize { get; }

            /// <summary>The moments of one parameter (TorchSharp's names).</summary>
            public sealed class State
            {
                internal State(Parameter p, bool amsgrad) :
                    this(0, zeros_like(p), zeros_like(p), amsgrad ? zeros_like(p) : null) { }

                internal State(long step, Tensor exp_avg, Tensor exp_avg_sq, Tensor? max_exp_avg_sq)
                {
                    this.step = step;
                    this.exp_avg = exp_avg.DetachFromDisposeScope();
                    this.exp_avg_sq = exp_avg_sq.DetachFromDisposeScope();
                    this.max_exp_avg_sq = max_exp_avg_sq?.DetachFromDisposeScope();
                }

                /// <summary>Steps taken.</summary>
                public long step { get; internal set; }

                /// <summary>First moment m.</summary>
                public Tensor exp_avg { get; }

                /// <summary>Second moment v.</summary>
                public Tensor exp_avg_sq { get; }

                /// <summary>Running maximum of v (AMSGrad only).</summary>
                public Tensor? max_exp_avg_sq { get; }

                internal void Free()
                {
                    exp_avg.Dispose();
                    exp_avg_sq.Dispose();
                    max_exp_avg_sq?.Dispose();
                }
            }

            /// <summary>The state of parameter <paramref name="index"/>.</summary>
            public State state(int index) => states[index];

            /// <inheritdoc />
            protected override void Update()
            {
                var (beta1, beta2) = Betas;
                for (var i = 0; i < Optimized.Count; i++)
                {
                    var p = Optimized[i];
                    if (p.grad is not { } grad) continue;
                    if (maximize) grad = -grad;
                    var s = states[i];
                    s.step += 1;
                    if (weight_decay != 0) grad = grad.clone().add_(p, weight_decay);
                    s.exp_avg.mul_(beta1).add_(grad, 1 - beta1);
                    s.exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
                    var bias_correction1 = 1 - Math.Pow(beta1, s.step);
                    var bias_correction2_sqrt = Math.Sqrt(1 - Math.Pow(beta2, s.step));
                    var second = s.exp_avg_sq;
                    if (s.max_exp_avg_sq is { } max) second = max.copy_(maximum(max, s.exp_avg_sq));
                    var denom = (second.sqrt() / bias_correction2_sqrt).add_(eps);
                    p.addcdiv_(s.exp_avg, denom, -lr / bias_correction1);
                }
            }

            // TorchSharp's Adam options after the learning rates: beta1, beta2, eps, weight_decay (doubles), amsgrad and
            // maximize (booleans); its state per parameter: step (int64), exp_avg, exp_avg_sq, and a boolean "has
            // max_exp_avg_sq" with that tensor.
            private protected override void WriteOptions(BinaryWriter writer)
            {
                foreach (var v in (double[])[Betas.Item1, Betas.Item2, eps, weight_decay]) writer.Write(v);
                writer.Write(amsgrad);
                writer.Write(maximize);
            }

            private protected override void WriteState(BinaryWriter writer, int index)
            {
                var s = states[index];
                writer.Write(s.step);
                DatFile.WriteTensor(writer, s.exp_avg, $"exp_avg {index}");
                DatFile.WriteTensor(writer, s.exp_avg_sq, $"exp_avg_sq {index}");
                writer.Write(s.max_exp_avg_sq is not null);
                if (s.max_exp_avg_sq is { } m) DatFile.WriteTensor(writer, m, $"max_exp_avg_sq {index}");
            }

            private protected override void ReadOptions(DatFile.Reader r)
            {
                Same(r, "beta1", r.Double("beta1"), Betas.Item1);
                Same(r, "beta2", r.Double("beta2"), Betas.Item2);
                Same(r, nameof(eps), r.Double(nameof(eps)), eps);
                Same(r, nameof(weight_decay), r.Double(nameof(weight_decay)), weight_decay);
                Same(r, nameof(amsgrad), r.Bool(nameof(amsgrad)), amsgrad);
                Same(r, nameof(maximize), r.Bool(nameof(maximize)), maximize);
            }

            private sealed record Staged(long Step, DatEntry ExpAvg, DatEntry ExpAvgSq, DatEntry? MaxExpAvgSq);

            private protected override object? ReadState(DatFile.Reader r, int index)
            {
                var step = r.Int64($"the step count of parameter {index}");
                if (step < 0) r.Fail($"has a negative step count ({step}) for parameter {index}");
                var expAvg = StateTensor(r, index, "exp_avg");
                var expAvgSq = StateTensor(r, index, "exp_avg_sq");
                var hasMax = r.Bool($"whether parameter {index} has max_exp_avg_sq");
                if (hasMax != amsgrad) r.Fail($"{(hasMax ? "has" : "lacks")} max_exp_avg_sq for parameter {index}, which amsgrad={amsgrad} contradicts");
                return new Staged(step, expAvg, expAvgSq, hasMax ? StateTensor(r, index, "max_exp_avg_sq") : null);
            }

            private protected override void Restore(object?[] staged)
            {
                Free();
                for (var i = 0; i < staged.Length; i++)
                {
                    var s = (Staged)staged[i]!;
                    var device = Optimized[i].device;
                    using var m = s.ExpAvg.ToTensor();
                    using var v = s.ExpAvgSq.ToTensor();
                    using var vmax = s.MaxExpAvgSq?.ToTensor();
                    states[i] = new State(s.Step, m.to(device), v.to(device), vmax?.to(device));
                }
            }

            private void Free()
            {
                foreach (var s in states) s.Free();
            }

            /// <summary>Frees the moments.</summary>
            protected override void Dispose(bool disposing)
            {
                if (disposing) Free();
                base.Dispose(disposing);
            }
        }
    }

    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>Adam with PyTorch's update rule (see <see cref="TorchSharp.Modules.Adam"/>).</summary>
            public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
        }
    }
}
