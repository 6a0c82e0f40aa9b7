// torch.nn.MaxPool2d and functional.max_pool2d: the maximum of each (possibly strided, padded, dilated)
// window of every plane. ATen's max_pool2d; its backward routes each gradient to the window's maximum.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// 2-d max pooling: (N, C, H, W) to (N, C, H', W'), H' = ⌊(H + 2·padding - dilation·(kernel - 1) - 1) / stride⌋ + 1
        /// (⌈⌉ with <see cref="ceil_mode"/>). Every field is an (h, w) pair.
        /// </summary>
        public sealed class MaxPool2d : nn.Module<Tensor, Tensor>
        {
            internal MaxPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
                : base(nameof(MaxPool2d))
            {
                this.kernel_size = kernel_size;
                this.stride = stride;
                this.padding = padding;
                this.dilation = dilation;
                this.ceil_mode = ceil_mode;
            }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);

            /// <summary>The pooled values and, per value, the flat index (h·W + w) of its maximum in the input plane.</summary>
            public (Tensor Values, Tensor Indices) forward_with_indices(Tensor input) =>
                nn.functional.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode);

            /// <summary>Window size (h, w).</summary>
            public long[] kernel_size { get; set; }

            /// <summary>Step between windows (h, w); null means the kernel size.</summary>
            public long[]? stride { get; set; }

            /// <summary>-∞ padding on each side (h, w); null means none.</summary>
            public long[]? padding { get; set; }

            /// <summary>Spacing between window elements (h, w); null means 1.</summary>
            public long[]? dilation { get; set; }

            /// <summary>Rounds the output size up instead of down, so every input element is covered.</summary>
            public bool ceil_mode { get; set; }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>2-d max pooling with a square window (see <see cref="TorchSharp.Modules.MaxPool2d"/>); stride defaults to the kernel size.</summary>
            public static MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long? padding = null, long? dilation = null, bool ceil_mode = false) =>
                new([kernel_size, kernel_size], Pair(stride ?? kernel_size), Pair(padding ?? 0), Pair(dilation ?? 1), ceil_mode);

            /// <summary>2-d max pooling with an (h, w) window; stride defaults to the kernel size.</summary>
            public static MaxPool2d MaxPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, bool ceil_mode = false) =>
                new(Pair(kernel_size), Pair(stride ?? kernel_size), Pair(padding ?? (0, 0)), Pair(dilation ?? (1, 1)), ceil_mode);

            /// <summary>2-d max pooling with (h, w) arrays; null stride means the kernel size, null padding 0, null dilation 1.</summary>
            public static MaxPool2d MaxPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
                new(kernel_size, stride, padding, dilation, ceil_mode);

            private static long[] Pair(long v) => [v, v];

            private static long[] Pair((long, long) v) => [v.Item1, v.Item2];

            public static partial class functional
            {
                /// <summary>2-d max pooling of (N, C, H, W) or (C, H, W) with (h, w) arrays; null stride means the kernel size.</summary>
                public static unsafe Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? strides = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
                {
                    var (k, s, p, d) = PoolArguments(kernel_size, strides, padding, dilation);
                    fixed (long* pk = k, ps = s, pp = p, pd = d)
                        return Tensor.W(Native.hw_max_pool2d(input.Ptr, pk, ps, pp, pd, ceil_mode ? 1 : 0), input);
                }

                /// <summary>2-d max pooling with a square window; stride defaults to the kernel size.</summary>
                public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long? padding = null, long? dilation = null, bool ceil_mode = false) =>
                    max_pool2d(input, Pair(kernel_size), Pair(stride ?? kernel_size), Pair(padding ?? 0), Pair(dilation ?? 1), ceil_mode);

                /// <summary>2-d max pooling with an (h, w) window; stride defaults to the kernel size.</summary>
                public static Tensor max_pool2d(Tensor input, (long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, bool ceil_mode = false) =>
                    max_pool2d(input, Pair(kernel_size), Pair(stride ?? kernel_size), Pair(padding ?? (0, 0)), Pair(dilation ?? (1, 1)), ceil_mode);

                /// <summary>
                /// <see cref="max_pool2d(Tensor, long[], long[], long[], long[], bool)"/> that also returns, per output, the
                /// flat index (h·W + w) of its maximum within the input plane (int64).
                /// </summary>
                public static unsafe (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long[] kernel_size, long[]? strides = null,
                    long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
                {
                    var (k, s, p, d) = PoolArguments(kernel_size, strides, padding, dilation);
                    nint values, indices;
                    fixed (long* pk = k, ps = s, pp = p, pd = d)
                        Tensor.Ok(Native.hw_max_pool2d_with_indices(input.Ptr, pk, ps, pp, pd, ceil_mode ? 1 : 0, out values, out indices), input);
                    return (new Tensor(values), new Tensor(indices));
                }

                private static (long[], long[], long[], long[]) PoolArguments(long[] kernel_size, long[]? strides, long[]? padding, long[]? dilation)
                {
                    long[] Check(long[] v, string name) => v.Length == 2 ? v
                        : throw new ArgumentException($"max_pool2d needs {name} as an (h, w) pair, got {v.Length} values", name);
                    return (Check(kernel_size, nameof(kernel_size)), Check(strides ?? kernel_size, nameof(strides)),
                        Check(padding ?? [0, 0], nameof(padding)), Check(dilation ?? [1, 1], nameof(dilation)));
                }
            }
        }
    }
}
