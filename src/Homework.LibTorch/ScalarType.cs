// Element types with c10::ScalarType's numbering (the .dat format stores these codes).
using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>Tensor element type; the values are libtorch's <c>c10::ScalarType</c> codes.</summary>
    public enum ScalarType
    {
        /// <summary>Unsigned 8-bit integer.</summary>
        Byte = 0,
        /// <summary>Signed 8-bit integer.</summary>
        Int8 = 1,
        /// <summary>Signed 16-bit integer.</summary>
        Int16 = 2,
        /// <summary>Signed 32-bit integer.</summary>
        Int32 = 3,
        /// <summary>Signed 64-bit integer (class indices).</summary>
        Int64 = 4,
        /// <summary>IEEE half precision.</summary>
        Float16 = 5,
        /// <summary>IEEE single precision (the default).</summary>
        Float32 = 6,
        /// <summary>IEEE double precision (gradient checks).</summary>
        Float64 = 7,
        /// <summary>Boolean.</summary>
        Bool = 11,
        /// <summary>Brain floating point.</summary>
        BFloat16 = 15,
    }
}

/// <summary>Sizes and C# element types of <see cref="ScalarType"/> values.</summary>
public static class ScalarTypeInfo
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType t) => t switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown scalar type"),
    };

    /// <summary>True for the floating-point types, the only ones that can require gradients.</summary>
    public static bool IsFloatingPoint(this ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    /// <summary>PyTorch's name for the type, as printed by <c>tensor.dtype</c>.</summary>
    public static string TorchName(this ScalarType t) => t switch
    {
        ScalarType.Byte => "uint8", ScalarType.Int8 => "int8", ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32", ScalarType.Int64 => "int64", ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32", ScalarType.Float64 => "float64", ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16", _ => t.ToString(),
    };

    /// <summary>The scalar type that stores C# values of type <typeparamref name="T"/>.</summary>
    public static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32 :
        typeof(T) == typeof(double) ? ScalarType.Float64 :
        typeof(T) == typeof(long) ? ScalarType.Int64 :
        typeof(T) == typeof(int) ? ScalarType.Int32 :
        typeof(T) == typeof(short) ? ScalarType.Int16 :
        typeof(T) == typeof(sbyte) ? ScalarType.Int8 :
        typeof(T) == typeof(byte) ? ScalarType.Byte :
        typeof(T) == typeof(bool) ? ScalarType.Bool :
        throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
}
