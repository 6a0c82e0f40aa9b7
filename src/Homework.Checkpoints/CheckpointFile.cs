// Opening a checkpoint's files for reading without trusting what is at the path: a directory, a FIFO or device, a
// symlink loop, an unreadable or vanished file each become one CheckpointException naming the file, never a raw
// IOException and never a read that blocks (opening a FIFO for reading waits for a writer, so it is refused before it
// is opened). Also the one place that shortens text quoted from a file into a message. Not a parser.
namespace Homework.Checkpoints;

internal static class CheckpointFile
{
    private const string FreshRun = "delete the checkpoint files to start a fresh run";

    /// <summary>Whether anything (a file, a directory, a link, even a broken one) is at <paramref name="path"/>.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>
    /// Opens <paramref name="path"/> (named <paramref name="what"/> in errors) for reading, after checking that it is a
    /// regular, non-empty file of at most <paramref name="maxBytes"/> bytes; throws <see cref="CheckpointException"/> otherwise.
    /// </summary>
    public static FileStream OpenRead(string path, string what, long maxBytes = long.MaxValue)
    {
        if (Directory.Exists(path)) throw new CheckpointException($"{what} '{path}' is a directory, not a file; {FreshRun}");
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null) info = (FileInfo?)info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{what} '{path}' cannot be read ({Short(e.Message)}); {FreshRun}");
        }
        if (Directory.Exists(info.FullName)) throw new CheckpointException($"{what} '{path}' is a directory, not a file; {FreshRun}");
        if (!info.Exists) throw new CheckpointException($"{what} '{path}' is missing; {FreshRun}");
        // A FIFO, a socket or a device has no size: refusing size 0 keeps them from being opened (a FIFO would block).
        if (info.Length == 0) throw new CheckpointException($"{what} '{path}' is empty or not a regular file (a pipe or a device); {FreshRun}");
        if (info.Length > maxBytes) throw new CheckpointException($"{what} '{path}' has {info.Length} bytes, more than the {maxBytes} such a file can have; {FreshRun}");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{what} '{path}' cannot be read ({Short(e.Message)}); {FreshRun}");
        }
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new CheckpointException($"{what} '{path}' is not a regular file; {FreshRun}");
        }
        return stream;
    }

    /// <summary>Text from a file or an exception, cut to <paramref name="max"/> characters on one line, so a damaged file never makes a huge message.</summary>
    public static string Short(string text, int max = 120)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + $"… ({line.Length} characters)";
    }
}
