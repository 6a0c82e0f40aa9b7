// The error every checkpoint read and validation failure raises: the message names the file,
// the key and both values, and says what to do about it.
namespace Homework.Checkpoints;

/// <summary>A checkpoint that cannot be loaded: malformed file, or state that does not fit the module.</summary>
public sealed class CheckpointException(string message) : IOException(message);
