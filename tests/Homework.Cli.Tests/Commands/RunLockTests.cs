// One run per output folder: while a run of an experiment holds its folders, a second run on the same folders is
// refused with one line naming the first, before it writes anything; a lock left by a killed run is taken over.
using System.Text.Json;
using Homework.Experiments;

namespace Homework.Cli.Tests.Commands;

public sealed class RunLockTests : IDisposable
{
    private const string Id = "wpi-ds541/q1-xor";
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-runlock-");

    public void Dispose() => root.Delete(recursive: true);

    private string Reports => Path.Combine(root.FullName, "reports");

    private string Checkpoints => Path.Combine(root.FullName, "checkpoints");

    private string[] Args => ["run", Id, "--quick", "--reports", Reports, "--checkpoints", Checkpoints];

    [Fact]
    public void ASecondRunOnTheSameFoldersIsRefusedWithOneLineNamingTheFirst()
    {
        using (RunLock.Acquire(Id, "./homework run wpi-ds541/q1-xor (the first run)", Checkpoints, Path.Combine(Reports, "quick")))
        {
            var (code, stdout, stderr) = BadInputTests.Homework(Args);
            Assert.Equal(2, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {Id} is running already on {Path.GetFullPath(Checkpoints)} (process {Environment.ProcessId}, started ", line);
            Assert.Contains("./homework run wpi-ds541/q1-xor (the first run)", line);
            Assert.EndsWith("give this run other folders with --reports and --checkpoints", line);
            Assert.DoesNotContain("== ", stdout);
            // Refused before anything was written: no page, no record.
            Assert.False(Directory.Exists(Path.Combine(Reports, "quick", Id)));
        }
        // Released: the same command runs.
        var (after, _, err) = BadInputTests.Homework(Args);
        Assert.True(after == 0, err);
        Assert.True(File.Exists(RunRecord.PathFor(Reports, Id, quick: true)));
    }

    [Fact]
    public void OtherFoldersOrAnotherExperimentAreNotBlocked()
    {
        using var held = RunLock.Acquire(Id, "the first run", Checkpoints, Path.Combine(Reports, "quick"));
        var elsewhere = Path.Combine(Reports, "..", "elsewhere");
        var (code, _, stderr) = BadInputTests.Homework(["run", Id, "--quick", "--reports", Path.Combine(elsewhere, "r"), "--checkpoints", Path.Combine(elsewhere, "c")]);
        Assert.True(code == 0, stderr);
        var (other, _, err) = BadInputTests.Homework(["run", "cs229-w25/q1c-min-norm", "--quick", "--reports", Reports, "--checkpoints", Checkpoints]);
        Assert.True(other == 0, err);
    }

    [Fact]
    public void ALockLeftByAKilledRunIsTakenOver()
    {
        // What a killed run leaves: the lock file and its holder record, but no process holding the lock.
        foreach (var folder in new[] { Checkpoints, Path.Combine(Reports, "quick") })
        {
            var path = Path.Combine(folder, ".locks", Id.Replace('/', '+') + ".lock");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
            File.WriteAllBytes(path + ".json", JsonSerializer.SerializeToUtf8Bytes(new RunLock.Holder(999_999, "a killed run", DateTime.UtcNow.AddHours(-1))));
        }
        var (code, _, stderr) = BadInputTests.Homework(Args);
        Assert.True(code == 0, stderr);
        Assert.Empty(Directory.GetFiles(Path.Combine(Checkpoints, ".locks"), "*.json"));
    }

    [Fact]
    public async Task The_index_lock_is_waited_for_and_one_held_too_long_is_named_in_one_line()
    {
        Task<RunLock> waiter;
        using (RunLock.Shared(Reports, "index", TimeSpan.FromSeconds(1)))
        {
            var e = Assert.Throws<UserError>(() => RunLock.Shared(Reports, "index", TimeSpan.FromMilliseconds(200)));
            Assert.Contains("index.lock stayed locked for 0.2 s", e.Message);
            waiter = Task.Run(() => RunLock.Shared(Reports, "index", TimeSpan.FromSeconds(60)));
            await Task.Delay(300);
            Assert.False(waiter.IsCompleted);
        }
        // Released: the waiting process takes it.
        (await waiter.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }
}
