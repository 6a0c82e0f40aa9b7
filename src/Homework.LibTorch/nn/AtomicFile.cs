// Crash-safe file replacement: write a temporary file beside the target, flush it to disk, rename it over.
// A reader sees the old file or the new one, never a half-written one.
using Homework.Checkpoints;

namespace Homework.Checkpoints;

/// <summary>Writes files so that an interrupted write leaves the previous version intact.</summary>
internal static class AtomicFile
{
    /// <summary>Test hook: runs after the temporary file is complete and before the rename (to simulate a crash there). Per thread, so parallel tests do not see it.</summary>
    [ThreadStatic] internal static Action<string>? BeforeRename;

    /// <summary>Runs <paramref name="write"/> on a temporary file in <paramref name="path"/>'s folder, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        // Same folder, so the rename never crosses file systems; a unique name, so a stale temp from a crash never collides.
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            BeforeRename?.Invoke(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
