// The one exception type for failures inside libtorch; the message is libtorch's own. An ExternalException,
// as TorchSharp's libtorch errors are, so code outside the binding catches the same type on both backends.
namespace TorchSharp;

/// <summary>A libtorch error (shape mismatch, bad dtype, index out of range...), carrying libtorch's message.</summary>
public sealed class TorchException(string message) : System.Runtime.InteropServices.ExternalException(message);
