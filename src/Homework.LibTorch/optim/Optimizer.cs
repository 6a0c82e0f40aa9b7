// torch.optim.Optimizer: the base every optimizer shares, as TorchSharp 0.107 has it — the parameter list, one
// parameter group whose learning rate a scheduler may change, zero_grad, and step(closure). Not an update rule.
using Homework.Checkpoints;
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

            /// <summary>
            /// Writes the state to <paramref name="path"/> in TorchSharp 0.107's optimizer-state format (what its
            /// <c>save_state_dict</c> writes and <c>load_state_dict</c> reads), atomically (a sidecar such as <c>mlp.optim.dat</c>).
            /// </summary>
            public void save_state_dict(string path) => AtomicFile.Write(path, s =>
            {
                using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                save_state_dict(writer);
            });

            /// <summary>
            /// TorchSharp's layout: the type name (e.g. "SGD"); uleb parameter-group count (1) and state count (one per
            /// parameter); the group's initial and current learning rate (doubles) and the optimizer's other options;
            /// then each parameter's state, tensors as Tensor.Save writes them (uleb dtype, rank, dims, raw bytes).
            /// </summary>
            public void save_state_dict(BinaryWriter writer)
            {
                writer.Write(GetType().Name);
                writer.Write7BitEncodedInt64(1);
                writer.Write7BitEncodedInt64(optimized.Length);
                writer.Write(InitialLearningRate);
                writer.Write(LearningRate);
                WriteOptions(writer);
                for (var i = 0; i < optimized.Length; i++) WriteState(writer, i);
                writer.Flush();
            }

            /// <summary>
            /// Restores what <see cref="save_state_dict(string)"/> or TorchSharp's optimizer of the same type wrote: the
            /// learning rates and each parameter's state. Stricter than TorchSharp, which adopts the file's
            /// hyperparameters: they must equal this optimizer's, and each state tensor must match its parameter's dtype
            /// and shape; otherwise <see cref="CheckpointException"/> is thrown and nothing changes.
            /// </summary>
            public void load_state_dict(string path)
            {
                var name = GetType().Name;
                if (!File.Exists(path))
                    throw new FileNotFoundException($"no optimizer state at '{path}': save it with save_state_dict, or start without resuming", path);
                // Streamed: the headers are checked (tensor data skipped) before anything changes; Restore then reads the data.
                using var r = DatFile.Reader.Open(path, $"optimizer state '{path}'");
                var stored = r.String("the optimizer type name");
                if (stored != name) r.Fail($"holds the state of a {stored}, not of an {name}");
                var groups = r.ULeb("the parameter-group count");
                if (groups != 1) r.Fail($"has {groups} parameter groups; this {name} has one");
                var states = r.ULeb("the state count");
                if (states != optimized.Length)
                    r.Fail($"has state for {states} parameters but this {name} optimizes {optimized.Length}: the state belongs to a different model");
                var initial = LearningRateFrom(r, "the initial learning rate");
                var rate = LearningRateFrom(r, "the learning rate");
                ReadOptions(r);
                var staged = new object?[optimized.Length];
                for (var i = 0; i < optimized.Length; i++) staged[i] = ReadState(r, i);
                r.End("the parameter states");
                Restore(staged);
                InitialLearningRate = initial;
                LearningRate = rate;
            }

            // A learning rate from a file: only one this optimizer could run with is adopted.
            private static double LearningRateFrom(DatFile.Reader r, string what)
            {
                var rate = r.Double(what);
                if (!double.IsFinite(rate) || rate < 0) r.Fail($"has {what} {rate}; a learning rate is a finite number >= 0");
                return rate;
            }

            /// <summary>Writes the options after the learning rates, in TorchSharp's order.</summary>
            private protected abstract void WriteOptions(BinaryWriter writer);

            /// <summary>Writes parameter <paramref name="index"/>'s state.</summary>
            private protected abstract void WriteState(BinaryWriter writer, int index);

            /// <summary>Reads the options and fails (naming the option) unless each equals this optimizer's.</summary>
            private protected abstract void ReadOptions(DatFile.Reader r);

            /// <summary>Reads and checks one parameter's state without applying it.</summary>
            private protected abstract object? ReadState(DatFile.Reader r, int index);

            /// <summary>Replaces the state by what <see cref="ReadState"/> staged (called only once the whole file checked out).</summary>
            private protected abstract void Restore(object?[] staged);

            /// <summary>Reads a state tensor and fails unless it has parameter <paramref name="index"/>'s dtype and shape.</summary>
            private protected DatEntry StateTensor(DatFile.Reader r, int index, string what)
            {
                var e = r.Tensor($"{index}", $"the {what} of parameter {index}");
                var p = optimized[index];
                if (e.DType != p.dtype || !e.Shape.SequenceEqual(p.shape))
                    r.Fail($"the {what} of parameter {index} is {e.DType.TorchName()} {ShapeFormat.Of(e.Shape)} but the parameter is " +
                        $"{p.dtype.TorchName()} {ShapeFormat.Of(p.shape)}: the state belongs to a different model");
                return e;
            }

            /// <summary>Fails unless a stored option equals this optimizer's.</summary>
            private protected static void Same<T>(DatFile.Reader r, string key, T stored, T value) where T : IEquatable<T>
            {
                if (!stored.Equals(value)) r.Fail($"{key} is {stored} in the file but {value} in this optimizer: resume with the hyperparameters the run was started with");
            }

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
