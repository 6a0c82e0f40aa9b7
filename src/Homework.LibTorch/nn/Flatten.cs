// torch.nn.Flatten: merges dimensions start_dim..end_dim into one (a view when possible).
// Default keeps the batch dimension: (N, C, H, W) to (N, C·H·W).
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Flattens dimensions <see cref="start_dim"/> through <see cref="end_dim"/>.</summary>
        public sealed class Flatten : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the layer.</summary>
            public Flatten(long start_dim = 1, long end_dim = -1) : base(nameof(Flatten))
            {
                this.start_dim = start_dim;
                this.end_dim = end_dim;
            }

            /// <summary>First dimension merged.</summary>
            public long start_dim { get; }

            /// <summary>Last dimension merged.</summary>
            public long end_dim { get; }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Flattens dimensions start_dim..end_dim (see <see cref="TorchSharp.Modules.Flatten"/>).</summary>
            public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        }
    }
}
