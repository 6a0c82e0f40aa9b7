// torch.optim.Adam: adaptive moment estimation with PyTorch 1.13's exact single-tensor update (L2 weight decay
// added to the gradient, bias-corrected moments, optional AMSGrad). State lives in memory only.
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
            private readonly State?[] states;

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
                states = new State?[Optimized.Count];
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
                internal State(Parameter p, bool amsgrad)
                {
                    exp_avg = zeros_like(p).DetachFromDisposeScope();
                    exp_avg_sq = zeros_like(p).DetachFromDisposeScope();
                    max_exp_avg_sq = amsgrad ? zeros_like(p).DetachFromDisposeScope() : null;
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

            /// <summary>The state of parameter <paramref name="index"/>, or null before its first step.</summary>
            public State? state(int index) => states[index];

            /// <inheritdoc />
            protected override void Update()
            {
                var (beta1, beta2) = Betas;
                for (var i = 0; i < Optimized.Count; i++)
                {
                    var p = Optimized[i];
                    if (p.grad is not { } grad) continue;
                    if (maximize) grad = -grad;
                    var s = states[i] ??= new State(p, amsgrad);
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

            /// <summary>Frees the moments.</summary>
            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    for (var i = 0; i < states.Length; i++)
                    {
                        states[i]?.Free();
                        states[i] = null;
                    }
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
