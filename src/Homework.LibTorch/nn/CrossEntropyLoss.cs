// torch.nn.CrossEntropyLoss: log_softmax and NLL in one criterion, as a module. Forward is
// functional.cross_entropy (ATen's cross_entropy_loss), so the two agree by construction.
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>
        /// Softmax cross-entropy of logits (N, C) against int64 classes (N) or class probabilities (N, C), with
        /// optional class weights, an ignored class and label smoothing (see <see cref="nn.functional.cross_entropy"/>).
        /// </summary>
        public sealed class CrossEntropyLoss : WeightedLoss<Tensor, Tensor, Tensor>
        {
            /// <summary>Creates the criterion; a null <paramref name="ignore_index"/> ignores no class.</summary>
            public CrossEntropyLoss(Tensor? weight = null, long? ignore_index = null, nn.Reduction reduction = nn.Reduction.Mean, double label_smoothing = 0.0)
                : base(weight, reduction)
            {
                this.ignore_index = ignore_index;
                this.label_smoothing = label_smoothing;
            }

            /// <inheritdoc />
            // -100 is PyTorch's default ignore_index, a value no class index takes.
            public override Tensor forward(Tensor input, Tensor target) =>
                nn.functional.cross_entropy(input, target, weight, ignore_index ?? -100, reduction, label_smoothing);

            /// <summary>The class whose samples are left out, or null.</summary>
            public long? ignore_index { get; }

            /// <summary>Weight of the uniform distribution mixed into the target, in [0, 1].</summary>
            public double label_smoothing { get; }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>The softmax cross-entropy loss (see <see cref="TorchSharp.Modules.CrossEntropyLoss"/>).</summary>
            public static CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long? ignore_index = null, Reduction reduction = Reduction.Mean) =>
                new(weight, ignore_index, reduction);
        }
    }
}
