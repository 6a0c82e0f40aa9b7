// torch.nn.Linear: y = x Wᵀ + b with PyTorch's default initialisation.
// The forward is functional.linear; autograd supplies the backward.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>A fully connected layer: (*, in_features) to (*, out_features).</summary>
        public sealed class Linear : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the layer with PyTorch's initialisation: W ~ kaiming_uniform(a=√5), b ~ U(±1/√in).</summary>
            public Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) : base(nameof(Linear))
            {
                if (inputSize <= 0 || outputSize <= 0)
                    throw new ArgumentException($"Linear needs positive sizes, got in_features={inputSize}, out_features={outputSize}");
                in_features = inputSize;
                out_features = outputSize;
                using (var w = empty([outputSize, inputSize], dtype ?? float32, device)) weight = new Parameter(w);
                if (hasBias)
                    using (var b = empty([outputSize], dtype ?? float32, device)) bias = new Parameter(b);
                else bias = null;
                reset_parameters();
            }

            /// <summary>(out_features, in_features).</summary>
            public Parameter weight { get; set { field = value; register_parameter(nameof(weight), value); } }

            /// <summary>(out_features), or null without bias.</summary>
            public Parameter? bias { get; set { field = value; register_parameter(nameof(bias), value); } }

            /// <summary>Size of each input sample.</summary>
            public long in_features { get; }

            /// <summary>Size of each output sample.</summary>
            public long out_features { get; }

            /// <summary>Redraws the weights as at construction.</summary>
            public void reset_parameters()
            {
                nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
                if (bias is not null)
                {
                    var bound = 1 / Math.Sqrt(in_features);
                    nn.init.uniform_(bias, -bound, bound);
                }
            }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A fully connected layer (see <see cref="TorchSharp.Modules.Linear"/>).</summary>
            public static Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) =>
                new(inputSize, outputSize, hasBias, device, dtype);
        }
    }
}
