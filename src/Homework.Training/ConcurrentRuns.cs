// Independent training runs side by side: one worker thread per core, each with one libtorch intra-op thread, so a
// grid of small models keeps every core busy without oversubscribing (two threads on a small matmul mostly wait
// for each other). Not a scheduler of dependent work and not a second training loop: each job calls Trainer.Fit.
//
// libtorch's thread setting is per OpenMP thread, so each worker sets its own. The debian-libtorch engine's setting
// also sizes OpenBLAS's one process-wide pool (torch.set_num_threads there), so the caller's setting is put back after.
using System.Runtime.ExceptionServices;
using TorchSharp;

namespace Homework.Training;

/// <summary>Runs independent jobs on several threads and returns their results in job order.</summary>
public static class ConcurrentRuns
{
    /// <summary>
    /// Runs <paramref name="jobs"/> on <paramref name="workers"/> threads, taking jobs in order (put the longest
    /// first); each worker sets libtorch's intra-op threads to 1 for itself (OpenMP keeps that setting per thread).
    /// With one worker the jobs run here, one after another, with the process's thread setting. The first failure
    /// is rethrown once every worker has stopped.
    /// </summary>
    public static T[] Run<T>(IReadOnlyList<Func<T>> jobs, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var results = new T[jobs.Count];
        if (workers == 1 || jobs.Count <= 1)
        {
            for (var i = 0; i < jobs.Count; i++) results[i] = jobs[i]();
            return results;
        }
        var threads = torch.get_num_threads();
        try
        {
            return RunOn(jobs, workers, results);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    private static T[] RunOn<T>(IReadOnlyList<Func<T>> jobs, int workers, T[] results)
    {
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        var threads = Enumerable.Range(0, Math.Min(workers, jobs.Count)).Select(_ => new Thread(() =>
        {
            torch.set_num_threads(1);
            for (int i; Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < jobs.Count;)
            {
                try { results[i] = jobs[i](); }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null); }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        failure?.Throw();
        return results;
    }

    /// <summary><paramref name="sink"/> made safe to call from several threads at once.</summary>
    public static IProgressSink Synchronized(IProgressSink sink) => new LockedSink(sink);

    private sealed class LockedSink(IProgressSink inner) : IProgressSink
    {
        private readonly Lock gate = new();

        public void Batch() { lock (gate) inner.Batch(); }

        public void Epoch(int epoch, string summary) { lock (gate) inner.Epoch(epoch, summary); }

        public void Log(string line) { lock (gate) inner.Log(line); }
    }
}
