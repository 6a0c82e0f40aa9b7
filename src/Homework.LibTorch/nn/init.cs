// torch.nn.init: in-place initialisers with PyTorch's formulas, run under no_grad.
// The random draws are libtorch's (normal_, uniform_), so a seed gives PyTorch's numbers.
namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Weight initialisers; each fills the tensor in place and returns it.</summary>
        public static class init
        {
            /// <summary>Samples N(mean, std²).</summary>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                using var _ = no_grad();
                return tensor.normal_(mean, std);
            }

            /// <summary>Samples U(low, high).</summary>
            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1)
            {
                using var _ = no_grad();
                return tensor.uniform_(low, high);
            }

            /// <summary>Fills with zeros.</summary>
            public static Tensor zeros_(Tensor tensor)
            {
                using var _ = no_grad();
                return tensor.zero_();
            }

            /// <summary>Fills with ones.</summary>
            public static Tensor ones_(Tensor tensor)
            {
                using var _ = no_grad();
                return tensor.fill_(1);
            }

            /// <summary>Fills with <paramref name="value"/>.</summary>
            public static Tensor constant_(Tensor tensor, double value)
            {
                using var _ = no_grad();
                return tensor.fill_(value);
            }

            /// <summary>
            /// He initialisation for a leaky-ReLU of negative slope <paramref name="a"/>, fan-in mode:
            /// U(-b, b) with b = gain·√(3 / fan_in), gain = √(2 / (1 + a²)).
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0)
            {
                var gain = Math.Sqrt(2.0 / (1 + a * a));
                var bound = gain * Math.Sqrt(3.0 / FanIn(tensor));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>Inputs feeding each output: size(1) times the kernel size, as PyTorch's _calculate_fan_in_and_fan_out.</summary>
            internal static long FanIn(Tensor tensor)
            {
                var s = tensor.shape;
                if (s.Length < 2) throw new ArgumentException($"fan in needs a tensor with at least 2 dimensions, got {s.Length}", nameof(tensor));
                long receptive = 1;
                for (var i = 2; i < s.Length; i++) receptive *= s[i];
                return s[1] * receptive;
            }
        }
    }
}
