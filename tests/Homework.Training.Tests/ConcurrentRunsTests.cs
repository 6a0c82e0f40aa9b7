// Independent runs side by side: results come back in job order, a failure surfaces, and two trainings on two
// threads end exactly where the same trainings end one after another (each run draws only from its own seeds).
using Homework.Data;
using Homework.Training.Pairs;

namespace Homework.Training.Tests;

public sealed class ConcurrentRunsTests
{
    [Fact]
    public void Results_come_back_in_job_order()
    {
        var jobs = Enumerable.Range(0, 7).Select(i => (Func<int>)(() => { Thread.Sleep(7 - i); return i * i; })).ToList();
        Assert.Equal([0, 1, 4, 9, 16, 25, 36], ConcurrentRuns.Run(jobs, workers: 3));
        Assert.Equal([0, 1, 4, 9, 16, 25, 36], ConcurrentRuns.Run(jobs, workers: 1));
    }

    [Fact]
    public void A_failing_job_fails_the_whole_run_with_its_exception()
    {
        Func<int>[] jobs = [() => 1, () => throw new InvalidOperationException("job 2 broke"), () => 3];
        Assert.Equal("job 2 broke", Assert.Throws<InvalidOperationException>(() => ConcurrentRuns.Run(jobs, workers: 2)).Message);
    }

    [Fact]
    public void Trainings_side_by_side_equal_the_same_trainings_one_after_another()
    {
        manual_seed(3);
        var x = rand(120, 20);
        var labels = x.narrow(1, 0, 4).argmax(1);
        using var data = new Examples(x, eye(4).index_select(0, labels), labels);
        CmuMlpSetting[] settings = [new([16], 0.4, 0.2, 0.05), new([12, 8], 0, 0.5, 0.05), new([16], 0.4, 0, 0.05)];
        var jobs = settings.Select(s => (Func<double[]>)(() =>
        {
            using var model = CmuMlpPair.Create(Impl.Manual, 20, 4, s, seed: 9);
            var h = Trainer.Fit(model, data, data, new TrainConfig(3, 10, Shuffle: true, Seed: 1), NullProgress.Instance);
            return [.. h.TrainLoss, .. h.ValidationAccuracy];
        })).ToList();
        var sideBySide = ConcurrentRuns.Run(jobs, workers: 2);
        var inTurn = ConcurrentRuns.Run(jobs, workers: 1);
        for (var i = 0; i < settings.Length; i++) Assert.Equal(inTurn[i], sideBySide[i]);
    }
}
