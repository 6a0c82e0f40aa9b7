// How a tensor's shape is written in every message and table of the project: [2, 3], [] for a scalar. Not a shape
// check: each model validates its own inputs. (The binding, src/Homework.LibTorch, keeps its own copy: it stands in for
// TorchSharp and references nothing of ours.)
using TorchSharp;

namespace Homework.Common;

/// <summary>The one shape formatter.</summary>
public static class Shapes
{
    /// <summary><paramref name="shape"/> as "[d0, d1, …]"; "[]" for a 0-dim tensor.</summary>
    public static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>The shape of <paramref name="tensor"/> as "[d0, d1, …]".</summary>
    public static string ShapeText(this torch.Tensor tensor) => Format(tensor.shape);
}
