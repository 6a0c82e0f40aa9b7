// torch.nn.Conv2d: square-kernel 2-d convolution with PyTorch's default initialisation.
// The forward is functional.conv2d (ATen's convolution); autograd supplies the backward.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>2-d convolution: (N, in_channels, H, W) to (N, out_channels, H', W'), H' = (H + 2·padding - k) / stride + 1.</summary>
        public sealed class Conv2d : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the layer with PyTorch's initialisation: W ~ kaiming_uniform(a=√5), b ~ U(±1/√fan_in).</summary>
            public Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, bool bias = true,
                Device? device = null, ScalarType? dtype = null) : base(nameof(Conv2d))
            {
                if (in_channels <= 0 || out_channels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0)
                    throw new ArgumentException($"Conv2d needs positive channels, kernel size and stride and a non-negative padding, got " +
                        $"in_channels={in_channels}, out_channels={out_channels}, kernelSize={kernelSize}, stride={stride}, padding={padding}");
                this.in_channels = in_channels;
                this.out_channels = out_channels;
                kernel_size = kernelSize;
                this.stride = stride;
                this.padding = padding;
                using (var w = empty([out_channels, in_channels, kernelSize, kernelSize], dtype ?? float32, device)) weight = new Parameter(w);
                if (bias)
                    using (var b = empty([out_channels], dtype ?? float32, device)) this.bias = new Parameter(b);
                else this.bias = null;
                reset_parameters();
            }

            /// <summary>(out_channels, in_channels, k, k).</summary>
            public Parameter weight { get; set { field = value; register_parameter(nameof(weight), value); } }

            /// <summary>(out_channels), or null without bias.</summary>
            public Parameter? bias { get; set { field = value; register_parameter(nameof(bias), value); } }

            /// <summary>Input channels.</summary>
            public long in_channels { get; }

            /// <summary>Output channels (filters).</summary>
            public long out_channels { get; }

            /// <summary>Side of the square kernel.</summary>
            public long kernel_size { get; }

            /// <summary>Step between kernel positions.</summary>
            public long stride { get; }

            /// <summary>Zeros added on every side.</summary>
            public long padding { get; }

            /// <summary>Redraws the weights as at construction.</summary>
            public void reset_parameters()
            {
                nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
                if (bias is not null)
                {
                    var bound = 1 / Math.Sqrt(nn.init.FanIn(weight));
                    nn.init.uniform_(bias, -bound, bound);
                }
            }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => nn.functional.conv2d(input, weight, bias, stride, padding);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A 2-d convolution (see <see cref="TorchSharp.Modules.Conv2d"/>).</summary>
            public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, bool bias = true,
                Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, kernelSize, stride, padding, bias, device, dtype);
        }
    }
}
