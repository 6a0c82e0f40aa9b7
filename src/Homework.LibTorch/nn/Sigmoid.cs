// torch.nn.Sigmoid: 1 / (1 + exp(-x)) as a module, so it can sit in a Sequential.
// No parameters; the function and its derivative are libtorch's.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Elementwise 1 / (1 + exp(-x)).</summary>
        public sealed class Sigmoid : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the activation.</summary>
            public Sigmoid() : base(nameof(Sigmoid)) { }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => input.sigmoid();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Elementwise 1 / (1 + exp(-x)) (see <see cref="TorchSharp.Modules.Sigmoid"/>).</summary>
            public static Sigmoid Sigmoid() => new();
        }
    }
}
