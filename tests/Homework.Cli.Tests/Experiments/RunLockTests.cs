// One run per output folder: while a run of an experiment holds its folders, a second run on the same folders is
// refused with one line naming the first, before it writes anything; a lock left by a killed run is taken over.
using System.Text.Json;
using Homework.Cli.Experiments;
using Homework.Cli.Tests.Commands;

namespace Homework.Cli.Tests.Experiments;

public sealed class RunLockTests : IDisposable
{
    private const string Id = "wpi-ds541/q1-xor";
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    private string[] Args => ["run", Id, "--quick", "--reports", harness.Reports, "--checkpoints", harness.Checkpoints];

    [Fact]
    public void ASecondRunOnTheSameFoldersIsRefusedWithOneLineNamingTheFirst()
    {
        using (RunLock.Acquire(Id, "./homework run wpi-ds541/q1-xor (the first run)", harness.Checkpoints, Path.Combine(harness.Reports, "quick")))
        {
            var (code, stdout, stderr) = BadInputTests.Homework(Args);
            Assert.Equal(2, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {Id} is running already on {Path.GetFullPath(harness.Checkpoints)} (process {Environment.ProcessId}, started ", line);
            Assert.Contains("./homework run wpi-ds541/q1-xor (the first run)", line);
            Assert.EndsWith("give this run other folders with --reports and --checkpoints", line);
            Assert.DoesNotContain("== ", stdout);
            // Refused before anything was written: no page, no record.
            Assert.False(Directory.Exists(Path.Combine(harness.Reports, "quick", Id)));
        }
        // Released: the same command runs.
        var (after, _, err) = BadInputTests.Homework(Args);
        Assert.True(after == 0, err);
        Assert.True(File.Exists(RunRecord.PathFor(harness.Reports, Id, quick: true)));
    }

    [Fact]
    public void OtherFoldersOrAnotherExperimentAreNotBlocked()
    {
        using var held = RunLock.Acquire(Id, "the first run", harness.Checkpoints, Path.Combine(harness.Reports, "quick"));
        var elsewhere = Path.Combine(harness.Reports, "..", "elsewhere");
        var (code, _, stderr) = BadInputTests.Homework(["run", Id, "--quick", "--reports", Path.Combine(elsewhere, "r"), "--checkpoints", Path.Combine(elsewhere, "c")]);
        Assert.True(code == 0, stderr);
        var (other, _, err) = BadInputTests.Homework(["run", "cs229-w25/q1c-min-norm", "--quick", "--reports", harness.Reports, "--checkpoints", harness.Checkpoints]);
        Assert.True(other == 0, err);
    }

    [Fact]
    public void ALockLeftByAKilledRunIsTakenOver()
    {
        // What a killed run leaves: the lock file and its holder record, but no process holding the lock.
        foreach (var root in new[] { harness.Checkpoints, Path.Combine(harness.Reports, "quick") })
        {
            var path = Path.Combine(root, ".locks", Id.Replace('/', '+') + ".lock");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
            File.WriteAllBytes(path + ".json", JsonSerializer.SerializeToUtf8Bytes(new RunLock.Holder(999_999, "a killed run", DateTime.UtcNow.AddHours(-1))));
        }
        var (code, _, stderr) = BadInputTests.Homework(Args);
        Assert.True(code == 0, stderr);
        Assert.Empty(Directory.GetFiles(Path.Combine(harness.Checkpoints, ".locks"), "*.json"));
    }
}
