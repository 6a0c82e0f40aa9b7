// torch.nn.Dropout: inverted dropout in training mode, identity in evaluation mode.
// The mask is drawn by libtorch (seeded by torch.manual_seed).
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Zeroes each element with probability <see cref="p"/> while training and scales the rest by 1/(1-p).</summary>
        public sealed class Dropout : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the layer.</summary>
            public Dropout(double p = 0.5) : base(nameof(Dropout))
            {
                if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
                this.p = p;
            }

            /// <summary>Probability of zeroing an element.</summary>
            public double p { get; }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Dropout with probability <paramref name="p"/> (see <see cref="TorchSharp.Modules.Dropout"/>).</summary>
            public static Dropout Dropout(double p = 0.5) => new(p);
        }
    }
}
