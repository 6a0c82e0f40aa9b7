// torch.optim.lr_scheduler: the LRScheduler base (TorchSharp 0.107's shape) and StepLR. A scheduler reads the
// optimizer's parameter groups at construction and sets their learning rate on every step().
using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedules, stepped once per epoch (or per N batches) after the optimizer.</summary>
        public static partial class lr_scheduler
        {
            /// <summary>
            /// The base of every schedule: it counts epochs from <c>last_epoch</c> and on each <see cref="step()"/> sets
            /// each parameter group's learning rate to <see cref="get_lr"/> (or the closed form when an epoch is given).
            /// </summary>
            public abstract class LRScheduler
            {
                private readonly Optimizer optimizer;
                private readonly List<double> lastLrs;

                /// <summary>A schedule of <paramref name="optimizer"/>'s groups, starting after epoch <paramref name="last_epoch"/>.</summary>
                protected LRScheduler(Optimizer optimizer, int last_epoch = -1, bool verbose = false)
                {
                    ArgumentNullException.ThrowIfNull(optimizer);
                    this.optimizer = optimizer;
                    this.last_epoch = last_epoch;
                    this.verbose = verbose;
                    base_lrs = optimizer.ParamGroups.Select(g => g.InitialLearningRate).ToList();
                    lastLrs = optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
                }

                /// <summary>The epoch just finished (-1 before the first step).</summary>
                protected int last_epoch { get; private set; }

                /// <summary>Each group's initial learning rate.</summary>
                protected IReadOnlyList<double> base_lrs { get; }

                /// <summary>Steps taken.</summary>
                protected int _step_count;

                private readonly bool verbose;

                /// <summary>Advances the schedule by one epoch.</summary>
                public virtual void step() => step(null);

                /// <summary>Advances to <paramref name="epoch"/> (closed form) or, when null, by one epoch.</summary>
                public virtual void step(int? epoch)
                {
                    _step_count += 1;
                    last_epoch = epoch ?? last_epoch + 1;
                    // get_lr is chainable (it reads the groups' current rates), so it runs once per step.
                    var lrs = (epoch.HasValue ? get_closed_form_lr() : get_lr()).ToList();
                    var groups = optimizer.ParamGroups.ToList();
                    for (var i = 0; i < groups.Count; i++)
                    {
                        groups[i].LearningRate = lrs[i];
                        if (verbose && lastLrs[i] != lrs[i]) Console.WriteLine($"Adjusting learning rate to {lrs[i]}");
                        lastLrs[i] = lrs[i];
                    }
                }

                /// <summary>Advances by one epoch; the metric is ignored by schedules that do not use one.</summary>
                public virtual void step(double current, int? epoch = null) => step(epoch);

                /// <summary>The rates for the epoch just reached, computed from the groups' current rates.</summary>
                protected virtual IEnumerable<double> get_lr() => optimizer.ParamGroups.Select(g => g.LearningRate);

                /// <summary>The rates for <see cref="last_epoch"/> computed from <see cref="base_lrs"/> alone.</summary>
                protected virtual IEnumerable<double> get_closed_form_lr() => get_lr();

                /// <summary>The rates the last step set.</summary>
                public IEnumerable<double> get_last_lr() => lastLrs;

                /// <summary>The groups' current rates.</summary>
                protected IEnumerable<double> CurrentLrs => optimizer.ParamGroups.Select(g => g.LearningRate);
            }

            /// <summary>The schedules themselves (TorchSharp's location for them).</summary>
            public static class impl
            {
                /// <summary>Multiplies the learning rate by <c>gamma</c> every <c>step_size</c> epochs: lr = base·gamma^⌊epoch / step_size⌋.</summary>
                public sealed class StepLR : LRScheduler
                {
                    private readonly int step_size;
                    private readonly double gamma;

                    /// <summary>Creates the schedule and takes its first step (epoch 0), as PyTorch does.</summary>
                    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1, bool verbose = false)
                        : base(optimizer, last_epoch, verbose)
                    {
                        if (step_size <= 0) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "StepLR's step_size must be a positive number of epochs");
                        this.step_size = step_size;
                        this.gamma = gamma;
                        step();
                    }

                    /// <inheritdoc />
                    protected override IEnumerable<double> get_lr() =>
                        last_epoch == 0 || last_epoch % step_size != 0 ? CurrentLrs : CurrentLrs.Select(lr => lr * gamma);

                    /// <inheritdoc />
                    protected override IEnumerable<double> get_closed_form_lr() =>
                        base_lrs.Select(lr => lr * Math.Pow(gamma, last_epoch / step_size));
                }
            }

            /// <summary>Decays every group's learning rate by <paramref name="gamma"/> every <paramref name="step_size"/> epochs (see <see cref="impl.StepLR"/>).</summary>
            public static LRScheduler StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1, bool verbose = false) =>
                new impl.StepLR(optimizer, step_size, gamma, last_epoch, verbose);
        }
    }
}
