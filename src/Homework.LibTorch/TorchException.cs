// The one exception type for failures inside libtorch; the message is libtorch's own.
namespace TorchSharp;

/// <summary>A libtorch error (shape mismatch, bad dtype, index out of range...), carrying libtorch's message.</summary>
public sealed class TorchException(string message) : Exception(message);
