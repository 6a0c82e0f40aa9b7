// The one exception type for a dataset file that exists but cannot be used (bad format, bad shape).
// Not used for a missing file: that is a FileNotFoundException naming the fetch command (DataFiles).
namespace Homework.Data;

/// <summary>A dataset file is present but malformed; the message names the file, the problem and the fix.</summary>
public sealed class DatasetException(string message) : Exception(message);
