// One run per output folder at a time. A run of experiment <id> holds an exclusive lock on <checkpoints>/.locks/<id>
// and on <reports>/.locks/<id> while it trains and writes, so a second run on the same folders cannot read the first's
// checkpoints as its own or mix pages: it is refused with one line naming the run that holds them. The locks are the
// kernel's (flock, through FileShare.None), so a run that was killed holds nothing: its lock file is simply taken over.
// Beside each lock, <lock>.json says who holds it (process id, command, start), for that one line.
// The report index has a lock of the same kind that runs wait for instead (Shared): it is held only while one index
// is staged and renamed, so runs publishing at once (`homework all`'s side-by-side runs) each leave an index with all.
using System.Text.Json;

namespace Homework.Experiments;

/// <summary>The held locks of one run; disposing releases them.</summary>
public sealed class RunLock : IDisposable
{
    private readonly List<(FileStream stream, string info)> held = [];

    private RunLock() { }

    /// <summary>Who holds a lock, as its <c>.json</c> says.</summary>
    public sealed record Holder(int ProcessId, string Command, DateTime Started);

    /// <summary>
    /// Takes the locks of <paramref name="id"/> in each of <paramref name="roots"/> for the run <paramref name="command"/>,
    /// or throws a <see cref="UserError"/> naming the run that holds one (nothing is held then).
    /// </summary>
    public static RunLock Acquire(string id, string command, params string[] roots)
    {
        var run = new RunLock();
        try
        {
            foreach (var root in roots.Select(Path.GetFullPath).Distinct())
            {
                var path = Path.Combine(root, ".locks", id.Replace('/', '+') + ".lock");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                FileStream stream;
                try
                {
                    stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (File.Exists(path))
                {
                    var holder = Read(path + ".json");
                    throw new UserError($"{id} is running already on {root} ({(holder is null ? "another process" : $"process {holder.ProcessId}, started {holder.Started:yyyy-MM-dd HH:mm:ss} UTC: {holder.Command}")}); " +
                        "wait for it to finish, or give this run other folders with --reports and --checkpoints");
                }
                var info = path + ".json";
                File.WriteAllBytes(info, JsonSerializer.SerializeToUtf8Bytes(new Holder(Environment.ProcessId, command, DateTime.UtcNow)));
                run.held.Add((stream, info));
            }
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the lock <c>&lt;root&gt;/.locks/&lt;name&gt;.lock</c>, which every holder keeps for a moment only (the
    /// report index while it is staged and renamed); after <paramref name="patience"/> throws a <see cref="UserError"/>.
    /// </summary>
    public static RunLock Shared(string root, string name, TimeSpan patience)
    {
        var path = Path.Combine(Path.GetFullPath(root), ".locks", name + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var run = new RunLock();
                run.held.Add((new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), ""));
                return run;
            }
            catch (IOException) when (File.Exists(path) && clock.Elapsed < patience)
            {
                Thread.Sleep(20);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new UserError($"{path} stayed locked for {patience.TotalSeconds:0.#} s: another homework process is stuck writing there; stop it, or use other folders with --reports");
            }
        }
    }

    private static Holder? Read(string info)
    {
        try { return JsonSerializer.Deserialize<Holder>(File.ReadAllBytes(info)); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Releases every lock (the lock files stay: the next run takes them).</summary>
    public void Dispose()
    {
        foreach (var (stream, info) in held)
        {
            if (info.Length > 0)
                try { File.Delete(info); } catch (IOException) { /* the next holder rewrites it */ }
            stream.Dispose();
        }
        held.Clear();
    }
}
