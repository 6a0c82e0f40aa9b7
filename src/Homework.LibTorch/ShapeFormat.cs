// How the binding writes a shape in its error messages, [2, 3] as Homework.Data.Shapes does for the rest of the
// project. Internal: the binding stands in for TorchSharp and references nothing of ours, so it keeps this one copy.
namespace TorchSharp;

internal static class ShapeFormat
{
    /// <summary><paramref name="shape"/> as "[d0, d1, …]".</summary>
    public static string Of(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
