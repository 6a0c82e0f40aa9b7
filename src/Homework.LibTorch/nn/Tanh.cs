// torch.nn.Tanh: tanh(x) as a module, so it can sit in a Sequential.
// No parameters; the function and its derivative are libtorch's.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Elementwise tanh(x).</summary>
        public sealed class Tanh : nn.Module<Tensor, Tensor>
        {
            /// <summary>Creates the activation.</summary>
            public Tanh() : base(nameof(Tanh)) { }

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => input.tanh();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Elementwise tanh(x) (see <see cref="TorchSharp.Modules.Tanh"/>).</summary>
            public static Tanh Tanh() => new();
        }
    }
}
