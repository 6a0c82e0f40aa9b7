// A report page written but not yet visible: a staging folder beside the page's folder (".<name>.staging-<pid>-<n>"),
// or for the report index a staging file beside index.html. Publish puts it in place in one rename: the folder is
// exchanged with the old one atomically (renameat2 RENAME_EXCHANGE), so a reader or a kill sees the old page or the
// new one, never a mix. Staging left by a killed process is removed by the next page written beside it.
// Not the page (ReportPage) and not what goes in it.
using System.Runtime.InteropServices;

namespace Homework.Reports;

/// <summary>A staged page: add files to <see cref="Folder"/>, then <see cref="Publish"/>; disposed unpublished, it is deleted.</summary>
public sealed partial class StagedPage : IDisposable
{
    private readonly string target;
    private readonly bool wholeFolder;
    private bool published;

    private StagedPage(string target, string folder, string stagedIndex, bool wholeFolder)
    {
        this.target = target;
        Folder = folder;
        StagedIndex = stagedIndex;
        this.wholeFolder = wholeFolder;
    }

    /// <summary>Where the page's files are being written; files added here are published with the page.</summary>
    public string Folder { get; }

    /// <summary>The page's index.html once published.</summary>
    public string Index => Path.Combine(target, "index.html");

    /// <summary>Where index.html is written until it is published.</summary>
    internal string StagedIndex { get; }

    /// <summary>A staging folder beside <paramref name="target"/>, which replaces it whole on publish.</summary>
    internal static StagedPage ForFolder(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        RemoveAbandoned(parent, $".{name}.staging-");
        var staging = Path.Combine(parent, $".{name}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new StagedPage(target, staging, Path.Combine(staging, "index.html"), wholeFolder: true);
    }

    /// <summary>
    /// The report index: its folder holds every other page, so only index.html is staged (scripts it needs are copied
    /// in place first, and a copy is only ever replaced by the same release).
    /// </summary>
    internal static StagedPage ForIndex(string folder)
    {
        Directory.CreateDirectory(folder);
        RemoveAbandoned(folder, ".index.html.staging-");
        return new StagedPage(folder, folder, Path.Combine(folder, $".index.html.staging-{Environment.ProcessId}-{Guid.NewGuid():N}"), wholeFolder: false);
    }

    /// <summary>Makes the staged page the page, in one rename; the previous page's files go with the old folder.</summary>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(published, this);
        if (!wholeFolder)
            File.Move(StagedIndex, Index, overwrite: true);
        else if (!Directory.Exists(target))
            Directory.Move(Folder, target);
        else
        {
            if (renameat2(AtFdCwd, Folder, AtFdCwd, target, RenameExchange) != 0)
                throw new IOException($"could not put the new page in place of {target} (renameat2: errno {Marshal.GetLastPInvokeError()}); the previous page is kept");
            // The staging folder now holds the previous page.
            Directory.Delete(Folder, recursive: true);
        }
        published = true;
    }

    /// <summary>Deletes what was staged, unless it was published.</summary>
    public void Dispose()
    {
        if (published) return;
        published = true;
        try
        {
            if (wholeFolder) Directory.Delete(Folder, recursive: true);
            else File.Delete(StagedIndex);
        }
        catch (IOException) { /* already gone */ }
    }

    // Staging of a process that no longer runs (killed mid-write) is never published: it is removed.
    private static void RemoveAbandoned(string parent, string prefix)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent, prefix + "*"))
        {
            var pid = Path.GetFileName(entry)[prefix.Length..].Split('-')[0];
            if (Directory.Exists(Path.Combine("/proc", pid))) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (IOException) { /* another writer removed it first */ }
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    // Linux's atomic exchange of two paths (glibc 2.28+); both exist here.
    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}
