// TorchSharp's loss bases: a loss is a two-argument module (input, target) with a reduction, and a weighted
// loss also holds per-class weights. They live in namespace TorchSharp, as in TorchSharp 0.107.
using static TorchSharp.torch;

namespace TorchSharp
{
    /// <summary>A criterion: forward(input, target) reduced as <see cref="reduction"/> says.</summary>
    public abstract class Loss<T1, T2, TResult> : nn.Module<T1, T2, TResult>
    {
        /// <summary>A loss with the given reduction.</summary>
        protected Loss(nn.Reduction reduction = nn.Reduction.Mean) : base(nameof(Loss<T1, T2, TResult>)) => this.reduction = reduction;

        /// <summary>How per-sample losses are combined.</summary>
        public nn.Reduction reduction { get; }
    }

    /// <summary>A loss with optional per-class weights (shape (C)).</summary>
    public abstract class WeightedLoss<T1, T2, TResult> : Loss<T1, T2, TResult>
    {
        /// <summary>A loss with the given class weights (null: all 1) and reduction.</summary>
        protected WeightedLoss(Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction) => this.weight = weight;

        /// <summary>Per-class weights (C), or null. Not owned: the caller disposes it.</summary>
        public Tensor? weight { get; }
    }
}
