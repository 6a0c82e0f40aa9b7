// torch.optim.Optimizer: the base every optimizer shares, as TorchSharp 0.107 has it — the parameter list, one
// parameter group whose learning rate a scheduler may change, zero_grad, and step(closure). Not an update rule.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>What a learning-rate scheduler reads and sets on a parameter group.</summary>
        public interface ILearningRateController
        {
            /// <summary>The learning rate the next step uses.</summary>
            double LearningRate { get; set; }

            /// <summary>The learning rate the optimizer was created with (a scheduler's base).</summary>
            double InitialLearningRate { get; set; }
        }

        /// <summary>
        /// The base of <see cref="TorchSharp.Modules.SGD"/> and <see cref="TorchSharp.Modules.Adam"/>: the optimized
        /// parameters in order and one parameter group (<see cref="ParamGroups"/>) carrying the learning rate.
        /// </summary>
        public abstract class Optimizer : IDisposable
        {
            private readonly Parameter[] optimized;
            private readonly LearningRateGroup group;

            /// <summary>An optimizer over <paramref name="parameters"/> (kept in order) starting at learning rate <paramref name="lr"/>.</summary>
            protected Optimizer(IEnumerable<Parameter> parameters, double lr)
            {
                optimized = parameters.ToArray();
                var name = GetType().Name;
                if (optimized.Length == 0) throw new ArgumentException($"{name} got an empty parameter list: pass model.parameters()", nameof(parameters));
                if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"{name}'s learning rate must be >= 0");
                group = new LearningRateGroup { LearningRate = lr, InitialLearningRate = lr };
            }

            /// <summary>The optimized parameters, in order (their index is their key in saved state).</summary>
            public virtual IEnumerable<Parameter> parameters() => optimized;

            /// <summary>The parameter groups (one here), whose learning rates schedulers change between steps.</summary>
            public IEnumerable<ILearningRateController> ParamGroups => [group];

            /// <summary>The optimized parameters as a list, for the update rules.</summary>
            protected IReadOnlyList<Parameter> Optimized => optimized;

            /// <summary>The group's current learning rate.</summary>
            protected double LearningRate { get => group.LearningRate; set => group.LearningRate = value; }

            /// <summary>The group's initial learning rate.</summary>
            protected double InitialLearningRate { get => group.InitialLearningRate; set => group.InitialLearningRate = value; }

            /// <summary>Zeroes every parameter's gradient (PyTorch 1.13's default, set_to_none=false).</summary>
            public virtual void zero_grad()
            {
                foreach (var p in optimized) Tensor.Ok(Native.hw_zero_grad(p.Ptr), p);
            }

            /// <summary>
            /// Applies one update to every parameter that has a gradient. A <paramref name="closure"/> is called first
            /// (with gradients enabled) to recompute the loss, which is returned; without one, null is returned.
            /// </summary>
            public Tensor? step(Func<Tensor>? closure = null)
            {
                Tensor? loss = null;
                if (closure is not null)
                    using (enable_grad()) loss = closure();
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                Update();
                return loss;
            }

            /// <summary>The update rule: runs under no_grad inside a dispose scope, so temporaries need no care.</summary>
            protected abstract void Update();

            /// <summary>Frees the optimizer's state tensors.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Frees state tensors; override to release them, calling the base.</summary>
            protected virtual void Dispose(bool disposing) { }

            private sealed class LearningRateGroup : ILearningRateController
            {
                public double LearningRate { get; set; }
                public double InitialLearningRate { get; set; }
            }
        }
    }
}
