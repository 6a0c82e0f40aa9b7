// torch.nn.BatchNorm1d: batch normalisation over (N, C) or (N, C, L) with running statistics.
// The arithmetic (biased variance to normalise, unbiased for the running estimate) is ATen's batch_norm.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// Normalises each of <see cref="num_features"/> channels. Training uses the batch's statistics and updates
        /// <see cref="running_mean"/> / <see cref="running_var"/>; evaluation uses the running statistics.
        /// </summary>
        public sealed class BatchNorm1d : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the layer: weight 1, bias 0, running mean 0, running variance 1, no batches tracked.</summary>
            public BatchNorm1d(long num_features, double eps = 1e-05, double momentum = 0.1, bool affine = true, bool track_running_stats = true,
                Device? device = null, ScalarType? dtype = null) : base(nameof(BatchNorm1d))
            {
                if (num_features <= 0) throw new ArgumentException($"BatchNorm1d needs num_features > 0, got {num_features}", nameof(num_features));
                this.num_features = num_features;
                this.eps = eps;
                this.momentum = momentum;
                this.affine = affine;
                this.track_running_stats = track_running_stats;
                var type = dtype ?? float32;
                if (affine)
                {
                    using (var w = ones([num_features], type, device)) weight = new Parameter(w);
                    using (var b = zeros([num_features], type, device)) bias = new Parameter(b);
                }
                if (track_running_stats)
                {
                    running_mean = zeros([num_features], type, device);
                    register_buffer(nameof(running_mean), running_mean);
                    running_var = ones([num_features], type, device);
                    register_buffer(nameof(running_var), running_var);
                    // TorchSharp 0.107 makes it torch.tensor(0L, dtype, device): the module's dtype when one is given.
                    num_batches_tracked = zeros(new long[0], dtype ?? int64, device);
                    register_buffer(nameof(num_batches_tracked), num_batches_tracked);
                }
            }

            /// <summary>Per-channel scale γ (C), or null when not affine.</summary>
            public Parameter? weight { get; set { field = value; register_parameter(nameof(weight), value); } }

            /// <summary>Per-channel shift β (C), or null when not affine.</summary>
            public Parameter? bias { get; set { field = value; register_parameter(nameof(bias), value); } }

            /// <summary>Running mean (C), or null without running statistics.</summary>
            public Tensor? running_mean { get; }

            /// <summary>Running unbiased variance (C), or null without running statistics.</summary>
            public Tensor? running_var { get; }

            /// <summary>Training batches seen (0-dim; int64, or the dtype the module was created with), or null without running statistics.</summary>
            public Tensor? num_batches_tracked { get; }

            /// <summary>Channels C.</summary>
            public long num_features { get; }

            /// <summary>Added to the variance before the square root.</summary>
            public double eps { get; }

            /// <summary>Weight of the newest batch in the running statistics.</summary>
            public double momentum { get; }

            /// <summary>Whether weight and bias exist.</summary>
            public bool affine { get; }

            /// <summary>Whether running statistics exist.</summary>
            public bool track_running_stats { get; }

            /// <inheritdoc />
            public override Tensor forward(Tensor input)
            {
                var d = input.dim();
                if (d != 2 && d != 3) throw new ArgumentException($"BatchNorm1d expects 2D (N, C) or 3D (N, C, L) input, got {d}D", nameof(input));
                if (input.size(1) != num_features)
                    throw new ArgumentException($"BatchNorm1d({num_features}) got {input.size(1)} channels in dim 1 of an input shaped {ShapeFormat.Of(input.shape)}", nameof(input));
                if (training && track_running_stats)
                    using (no_grad())
                    using (var next = num_batches_tracked! + 1)
                        num_batches_tracked!.copy_(next);
                // PyTorch: batch statistics in training or when no running statistics exist; running ones are
                // passed (and so updated) only when they are tracked.
                var useBatchStats = training || running_mean is null;
                var passRunning = !training || track_running_stats;
                return nn.functional.batch_norm(input, passRunning ? running_mean : null, passRunning ? running_var : null,
                    weight, bias, useBatchStats, momentum, eps);
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Batch normalisation over (N, C) or (N, C, L) (see <see cref="TorchSharp.Modules.BatchNorm1d"/>).</summary>
            public static BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-05, double momentum = 0.1, bool affine = true, bool track_running_stats = true,
                Device? device = null, ScalarType? dtype = null) =>
                new(num_features, eps, momentum, affine, track_running_stats, device, dtype);
        }
    }
}
