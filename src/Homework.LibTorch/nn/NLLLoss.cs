// torch.nn.NLLLoss: the negative log-likelihood of log-probabilities at the target classes, as a module
// (TorchSharp's MNIST example pairs it with LogSoftmax). Forward is functional.nll_loss (ATen).
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// loss_n = -w[y_n]·x[n, y_n] for log-probabilities x (N, C) and int64 classes y (N); the mean divides by Σ w[y_n].
        /// </summary>
        public sealed class NLLLoss : WeightedLoss<Tensor, Tensor, Tensor>
        {
            /// <summary>Creates the criterion.</summary>
            public NLLLoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(weight, reduction) { }

            /// <inheritdoc />
            public override Tensor forward(Tensor input, Tensor target) => nn.functional.nll_loss(input, target, weight, reduction);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>The negative log-likelihood loss (see <see cref="TorchSharp.Modules.NLLLoss"/>).</summary>
            public static NLLLoss NLLLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new(weight, reduction);
        }
    }
}
