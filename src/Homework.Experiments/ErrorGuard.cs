// The one error guard of the `homework` command: problems the user can fix (a bad value, missing data, a corrupt
// checkpoint, an unwritable folder) become one line saying what and how, exit code 2, never a stack trace.

using Homework.Data;
using Homework.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using Homework.Reports;

namespace Homework.Experiments;

/// <summary>A problem the user can fix; the message says what and how.</summary>
public sealed class UserError(string message) : Exception(message);

/// <summary>Runs command bodies so that every failure prints one line.</summary>
public static class ErrorGuard
{
    /// <summary>Exit code for a problem in the input or the environment that the user can fix.</summary>
    public const int UserFault = 2;

    /// <summary>Exit code for a failure of the program itself (a bug).</summary>
    public const int InternalFault = 1;

    /// <summary>Runs <paramref name="body"/>; prints one line to standard error and returns an exit code when it throws.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(Line(e));
            if (Environment.GetEnvironmentVariable("HOMEWORK_DEBUG") == "1") Console.Error.WriteLine(e);
            return IsUserFault(e) ? UserFault : InternalFault;
        }
    }

    /// <summary>The one line printed for <paramref name="e"/>.</summary>
    public static string Line(Exception e) => IsUserFault(e)
        ? $"error: {Describe(e)}"
        : $"internal error: {Describe(e)} (a bug in homework; HOMEWORK_DEBUG=1 prints the stack trace)";

    /// <summary>Whether <paramref name="e"/> (or the failure it wraps) is the user's to fix.</summary>
    public static bool IsUserFault(Exception e) => Root(e) is UserError or FileNotFoundException or DirectoryNotFoundException or DatasetException
        or CheckpointException or UnauthorizedAccessException or ChromiumException || Root(e) is IOException && Root(e).GetType() == typeof(IOException);

    /// <summary>The message of the failure behind <paramref name="e"/>, on one line.</summary>
    public static string Describe(Exception e)
    {
        var root = Root(e);
        var text = root is UserError or DatasetException or CheckpointException or FileNotFoundException or DirectoryNotFoundException
            ? root.Message : $"{root.GetType().Name}: {root.Message}";
        return text.ReplaceLineEndings(" ");
    }

    private static Exception Root(Exception e) => e is ExperimentFailedException { InnerException: { } inner } ? Root(inner) : e;
}

/// <summary>Checks on folders the user names.</summary>
public static class Paths
{
    /// <summary>Creates <paramref name="folder"/> if needed and proves it writable; a <see cref="UserError"/> naming <paramref name="option"/> otherwise.</summary>
    public static void EnsureWritable(string folder, string option)
    {
        if (string.IsNullOrWhiteSpace(folder))
            throw new UserError($"{option} '{folder}' is empty or blank; name a folder, e.g. {option} {(option == "--reports" ? "reports" : "checkpoints")}");
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} '{folder}' is not a writable folder ({e.Message}); choose another with {option} <folder>");
        }
        // A file the run must replace at the end (the report index) is proved writable now, before anything runs.
        var index = Path.Combine(folder, "index.html");
        if (option == "--reports" && File.Exists(index))
        {
            try { using var _ = new FileStream(index, FileMode.Open, FileAccess.Write, FileShare.ReadWrite); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{index} cannot be written ({e.Message}); make it writable (chmod u+w, chattr -i) or choose another folder with --reports <folder>");
            }
        }
    }
}
