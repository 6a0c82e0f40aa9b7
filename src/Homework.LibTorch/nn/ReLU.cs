// torch.nn.ReLU: max(x, 0) as a module, so it can sit in a Sequential.
// No parameters; the function and its derivative are libtorch's.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Elementwise max(x, 0).</summary>
        public sealed class ReLU : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the activation.</summary>
            public ReLU() : base(nameof(ReLU)) { }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => input.relu();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Elementwise max(x, 0) (see <see cref="TorchSharp.Modules.ReLU"/>).</summary>
            public static ReLU ReLU() => new();
        }
    }
}
