// torch.nn.functional: the stateless layers and losses, each one forward to an ATen op in native/nn.cpp.
// Derivatives are libtorch's autograd; nothing here computes a gradient.
namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>How a loss combines its per-element values (numbered as <c>at::Reduction</c>).</summary>
        public enum Reduction
        {
            /// <summary>One loss per element (or per sample for class losses).</summary>
            None = 0,
            /// <summary>The mean (weighted mean when class weights are given).</summary>
            Mean = 1,
            /// <summary>The sum.</summary>
            Sum = 2,
        }

        /// <summary>Stateless layers and losses, named and defaulted as PyTorch's <c>torch.nn.functional</c>.</summary>
        public static partial class functional
        {
            /// <summary>One-hot rows (int64) for class indices; <paramref name="num_classes"/> -1 infers it.</summary>
            public static Tensor one_hot(Tensor x, long num_classes = -1) => Tensor.W(Native.hw_one_hot(x.Ptr, num_classes), x);

            /// <summary>Sliding patches as columns (im2col): (N, C, H, W) to (N, C·kh·kw, L), PyTorch's F.unfold.</summary>
            public static Tensor unfold(Tensor input, (long, long) kernel_size, (long, long)? dilation = null, (long, long)? padding = null, (long, long)? stride = null)
            {
                var (d, p, s) = (dilation ?? (1, 1), padding ?? (0, 0), stride ?? (1, 1));
                return Tensor.W(Native.hw_im2col(input.Ptr, kernel_size.Item1, kernel_size.Item2, d.Item1, d.Item2, p.Item1, p.Item2, s.Item1, s.Item2), input);
            }

            /// <summary>The adjoint of <see cref="unfold"/> (col2im): sums columns back into (N, C, H, W), PyTorch's F.fold.</summary>
            public static Tensor fold(Tensor input, (long, long) output_size, (long, long) kernel_size, (long, long)? dilation = null, (long, long)? padding = null, (long, long)? stride = null)
            {
                var (d, p, s) = (dilation ?? (1, 1), padding ?? (0, 0), stride ?? (1, 1));
                return Tensor.W(Native.hw_col2im(input.Ptr, output_size.Item1, output_size.Item2, kernel_size.Item1, kernel_size.Item2, d.Item1, d.Item2, p.Item1, p.Item2, s.Item1, s.Item2), input);
            }

            /// <summary>y = x Wᵀ + b; x (*, in), W (out, in), b (out) gives y (*, out).</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                var r = Native.hw_linear(input.Ptr, weight.Ptr, Opt(bias));
                GC.KeepAlive(input); GC.KeepAlive(weight); GC.KeepAlive(bias);
                return new Tensor(r);
            }

            /// <summary>2-d cross-correlation: x (N, C, H, W), W (O, C, kh, kw), b (O) gives (N, O, H', W').</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0)
            {
                var r = Native.hw_conv2d(input.Ptr, weight.Ptr, Opt(bias), stride, padding);
                GC.KeepAlive(input); GC.KeepAlive(weight); GC.KeepAlive(bias);
                return new Tensor(r);
            }

            /// <summary>
            /// Batch normalisation over dim 1 of (N, C) or (N, C, L). Training normalises with the batch's biased
            /// variance and updates the running estimates in place (unbiased variance, weight <paramref name="momentum"/>);
            /// otherwise it normalises with the running estimates.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                var r = Native.hw_batch_norm(input.Ptr, Opt(weight), Opt(bias), Opt(running_mean), Opt(running_var), training ? 1 : 0, momentum, eps);
                GC.KeepAlive(input); GC.KeepAlive(weight); GC.KeepAlive(bias); GC.KeepAlive(running_mean); GC.KeepAlive(running_var);
                return new Tensor(r);
            }

            /// <summary>Zeroes each element with probability <paramref name="p"/> and scales the rest by 1/(1-p); identity unless training.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
                return Tensor.W(Native.hw_dropout(input.Ptr, p, training ? 1 : 0), input);
            }

            /// <summary>
            /// Softmax cross-entropy of logits (N, C). <paramref name="target"/> is either int64 class indices (N)
            /// or class probabilities of the input's shape. Samples whose class is <paramref name="ignore_index"/> add
            /// nothing (and leave the mean's denominator); <paramref name="label_smoothing"/> mixes the target with the
            /// uniform distribution.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0.0)
            {
                var r = Native.hw_cross_entropy(input.Ptr, target.Ptr, Opt(weight), (long)reduction, ignore_index, label_smoothing);
                GC.KeepAlive(input); GC.KeepAlive(target); GC.KeepAlive(weight);
                return new Tensor(r);
            }

            /// <summary>Negative log-likelihood of log-probabilities (N, C) at int64 class indices (N).</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                var r = Native.hw_nll_loss(input.Ptr, target.Ptr, Opt(weight), (long)reduction);
                GC.KeepAlive(input); GC.KeepAlive(target); GC.KeepAlive(weight);
                return new Tensor(r);
            }

            /// <summary>Squared error (input - target)², reduced.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.W(Native.hw_mse_loss(input.Ptr, target.Ptr, (long)reduction), input, target);

            /// <summary>-[t log p + (1-t) log(1-p)] for probabilities p in [0, 1] (log clamped at -100, as PyTorch).</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                var r = Native.hw_binary_cross_entropy(input.Ptr, target.Ptr, Opt(weight), (long)reduction);
                GC.KeepAlive(input); GC.KeepAlive(target); GC.KeepAlive(weight);
                return new Tensor(r);
            }

            /// <summary>Binary cross-entropy of sigmoid(input), computed stably from the logits.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weights = null)
            {
                var r = Native.hw_binary_cross_entropy_with_logits(input.Ptr, target.Ptr, Opt(weight), Opt(pos_weights), (long)reduction);
                GC.KeepAlive(input); GC.KeepAlive(target); GC.KeepAlive(weight); GC.KeepAlive(pos_weights);
                return new Tensor(r);
            }

            /// <summary>exp(x) / sum exp(x) along <paramref name="dim"/>.</summary>
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            /// <summary>x - logsumexp(x) along <paramref name="dim"/>.</summary>
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            /// <summary>max(x, 0).</summary>
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>1 / (1 + exp(-x)).</summary>
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>tanh(x).</summary>
            public static Tensor tanh(Tensor input) => input.tanh();

            private static nint Opt(Tensor? t) => t is null ? 0 : t.Ptr;
        }
    }
}
