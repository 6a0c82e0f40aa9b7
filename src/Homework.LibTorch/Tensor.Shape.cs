// torch.Tensor shape and indexing: views, reshapes, slicing, selection.
// Views share storage with their source, exactly as in PyTorch.
namespace TorchSharp;

public static partial class torch
{
    public partial class Tensor
    {
#pragma warning disable CS1591 // one-line PyTorch functions
        public unsafe Tensor reshape(params long[] shape) { fixed (long* s = shape) return W(Native.hw_reshape(Ptr, s, shape.Length), this); }
        public unsafe Tensor view(params long[] shape) { fixed (long* s = shape) return W(Native.hw_view(Ptr, s, shape.Length), this); }
        public unsafe Tensor expand(params long[] shape) { fixed (long* s = shape) return W(Native.hw_expand(Ptr, s, shape.Length), this); }
        public unsafe Tensor permute(params long[] dims) { fixed (long* s = dims) return W(Native.hw_permute(Ptr, s, dims.Length), this); }
        public Tensor expand_as(Tensor other) => expand(other.shape);
        public Tensor view_as(Tensor other) => view(other.shape);
        public Tensor reshape_as(Tensor other) => reshape(other.shape);
        public Tensor t() => W(Native.t(Ptr), this);
        /// <summary>The transpose of a 2-d tensor (PyTorch's <c>.T</c>).</summary>
        public Tensor T => t();
        public Tensor transpose(long dim0, long dim1) => W(Native.hw_transpose(Ptr, dim0, dim1), this);
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => W(Native.hw_flatten(Ptr, start_dim, end_dim), this);
        public Tensor squeeze() => W(Native.hw_squeeze(Ptr), this);
        public Tensor squeeze(long dim) => W(Native.hw_squeeze_dim(Ptr, dim), this);
        public Tensor unsqueeze(long dim) => W(Native.hw_unsqueeze(Ptr, dim), this);
        public Tensor narrow(long dim, long start, long length) => W(Native.hw_narrow(Ptr, dim, start, length), this);
        /// <summary>Elements start, start+step, ... before end along <paramref name="dim"/> (a view).</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) => W(Native.hw_slice(Ptr, dim, start, end, step), this);
        public Tensor select(long dim, long index) => W(Native.hw_select(Ptr, dim, index), this);
        public Tensor index_select(long dim, Tensor index) => W(Native.hw_index_select(Ptr, dim, index.Ptr), this, index);
        /// <summary>Sliding windows of <paramref name="size"/> along <paramref name="dimension"/>, as a new last dimension.</summary>
        public Tensor unfold(long dimension, long size, long step) => W(Native.hw_unfold(Ptr, dimension, size, step), this);
#pragma warning restore CS1591

        /// <summary>Selects along leading dimensions: <c>x[2]</c>, <c>x[0..10]</c>, <c>x[.., 3]</c>, <c>x[mask]</c>, <c>x[indices]</c>.</summary>
        public Tensor this[params TensorIndex[] indices]
        {
            get
            {
                var result = alias();
                long dim = 0;
                foreach (var index in indices)
                {
                    Tensor next;
                    switch (index.Kind)
                    {
                        case TensorIndex.IndexKind.Single:
                            next = result.select(dim, index.Start);
                            break;
                        case TensorIndex.IndexKind.Slice:
                            var n = result.size(dim);
                            next = result.slice(dim, index.StartFromEnd ? n - index.Start : index.Start, index.EndFromEnd ? n - index.End : index.End, index.Step);
                            dim++;
                            break;
                        default:
                            var t = index.Tensor!;
                            next = t.dtype == ScalarType.Bool ? result.masked_select(t) : result.index_select(dim, t.flatten());
                            dim++;
                            break;
                    }
                    result.Dispose();
                    result = next;
                }
                return result;
            }
        }

        /// <summary>Element or sub-tensor at integer positions along the leading dimensions.</summary>
        public Tensor this[long index] => select(0, index);
    }

    /// <summary>One entry of a tensor index: an integer, a range (<c>a..b</c>, <c>..</c>), or an index / mask tensor.</summary>
    public sealed class TensorIndex
    {
        internal enum IndexKind { Single, Slice, Tensor }

        internal IndexKind Kind { get; private init; }
        internal long Start { get; private init; }
        internal long End { get; private init; }
        internal long Step { get; private init; } = 1;
        internal bool StartFromEnd { get; private init; }
        internal bool EndFromEnd { get; private init; }
        internal torch.Tensor? Tensor { get; private init; }

        /// <summary>One position (negative counts from the end).</summary>
        public static TensorIndex Single(long i) => new() { Kind = IndexKind.Single, Start = i };

        /// <summary>Positions start, start+step, ... before stop; nulls mean the ends.</summary>
        public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) => new()
        {
            Kind = IndexKind.Slice,
            Start = start ?? 0,
            End = stop ?? long.MaxValue,
            Step = step,
        };

        /// <summary>Every position (<c>:</c>).</summary>
        public static TensorIndex Colon => Slice();

        /// <summary>An int64 index tensor or a bool mask.</summary>
        public static TensorIndex Tensors(torch.Tensor t) => new() { Kind = IndexKind.Tensor, Tensor = t };

        /// <summary>An integer index.</summary>
        public static implicit operator TensorIndex(long i) => Single(i);

        /// <summary>A C# range: <c>0..10</c>, <c>^5..</c>, <c>..</c>.</summary>
        public static implicit operator TensorIndex(Range r) => new()
        {
            Kind = IndexKind.Slice,
            Start = r.Start.Value,
            StartFromEnd = r.Start.IsFromEnd,
            End = r.End.IsFromEnd && r.End.Value == 0 ? long.MaxValue : r.End.Value,
            EndFromEnd = r.End.IsFromEnd && r.End.Value != 0,
        };

        /// <summary>An index or mask tensor.</summary>
        public static implicit operator TensorIndex(torch.Tensor t) => Tensors(t);
    }
}
