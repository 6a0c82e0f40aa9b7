// torch.nn.LogSoftmax: x - logsumexp(x) along one dimension, as a module (the last layer of TorchSharp's
// MNIST example, paired with NLLLoss). The function and its derivative are libtorch's.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>Log-probabilities x - log Σ exp(x) along <see cref="dim"/>; any shape.</summary>
        public sealed class LogSoftmax : nn.Module<Tensor, Tensor>
        {
            internal LogSoftmax(long dim) : base(nameof(LogSoftmax)) => this.dim = dim;

            /// <inheritdoc />
            public override Tensor forward(Tensor tensor) => nn.functional.log_softmax(tensor, dim);

            /// <summary>The dimension normalised over (the classes).</summary>
            public long dim { get; set; }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Log-softmax along <paramref name="dim"/> (see <see cref="TorchSharp.Modules.LogSoftmax"/>).</summary>
            public static LogSoftmax LogSoftmax(long dim) => new(dim);
        }
    }
}
