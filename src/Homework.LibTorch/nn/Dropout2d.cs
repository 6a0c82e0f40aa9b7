// torch.nn.Dropout2d: channel dropout. While training, each (sample, channel) plane of (N, C, H, W) is zeroed
// with probability p and the surviving planes are scaled by 1/(1-p); identity in evaluation mode.
// The mask is drawn by libtorch (seeded by torch.manual_seed).
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Zeroes whole channels with probability <see cref="p"/> while training and scales the rest by 1/(1-p).</summary>
        public sealed class Dropout2d : nn.Module<Tensor, Tensor>
        {
            internal Dropout2d(double p = 0.5, bool inplace = false) : base(nameof(Dropout2d))
            {
                this.p = p;
                this.inplace = inplace;
            }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => nn.functional.dropout2d(input, p, training, inplace);

            /// <summary>Whether the input is overwritten instead of a new tensor returned.</summary>
            public bool inplace { get; set; }

            /// <summary>Probability of zeroing a channel.</summary>
            public double p { get; set; }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Channel dropout with probability <paramref name="p"/> (see <see cref="TorchSharp.Modules.Dropout2d"/>).</summary>
            public static Dropout2d Dropout2d(double p = 0.5, bool inplace = false) => new(p, inplace);

            public static partial class functional
            {
                /// <summary>
                /// Channel dropout of (N, C, H, W) (or (C, H, W), one sample): each plane is zeroed with probability
                /// <paramref name="p"/>, the rest scaled by 1/(1-p); identity unless <paramref name="training"/>.
                /// With <paramref name="inplace"/> the input itself is changed and returned.
                /// </summary>
                public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true, bool inplace = false)
                {
                    if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
                    // ATen reads dim 1 as the channel; one (C, H, W) sample becomes a batch of one, as PyTorch's dropout2d does.
                    if (input.ndim != 3) return Tensor.W(Native.hw_feature_dropout(input.Ptr, p, training ? 1 : 0, inplace ? 1 : 0), input);
                    using var batch = input.unsqueeze(0);
                    using var dropped = dropout2d(batch, p, training, inplace);
                    return dropped.squeeze(0);
                }
            }
        }
    }
}
