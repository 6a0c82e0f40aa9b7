// What CMU 10-417 HW1 Part 2's experiments (003 Problem 5, 2.1–2.4) share: their options (200 epochs, the batch
// size, the data), the data (Omniglot or its Fashion-MNIST stand-in), training a set of settings side by side on
// both cores through the one training loop, and the homework's two figures (loss and accuracy, train and test
// curves) with the final test accuracies. Not an experiment itself: the Experiment subclasses beside it are.
using System.Collections.Concurrent;
using Homework.Data;
using Homework.Reports;
using Homework.Training;
using Homework.Training.Pairs;
using TorchSharp;

namespace Homework.Experiments.Cmu10417;

/// <summary>Which images CMU 10-417's experiments train on.</summary>
public enum CmuData
{
    /// <summary>The stand-in: a stratified Fashion-MNIST subset of the homework's sizes (Omniglot is not obtainable here).</summary>
    Fashion,
    /// <summary>The homework's own omniglot_12.pkl, when a copy is placed at data/omniglot/omniglot_12.pkl.</summary>
    Omniglot,
}

/// <summary>One trained setting: its label, setting, twin and history.</summary>
/// <param name="Name">The homework's letter or our name for the setting, e.g. "(a)".</param>
/// <param name="Setting">Hidden sizes, momentum, dropout, learning rate.</param>
/// <param name="Impl">Which twin trained.</param>
/// <param name="History">Per-epoch train and test loss and accuracy, as the training loop records them (read the test series as <see cref="TestLoss"/> and <see cref="TestAccuracy"/>).</param>
/// <param name="Together">Runs trained in one stack with it (1 when alone): they share one step time.</param>
public sealed record CmuRun(string Name, CmuMlpSetting Setting, Impl Impl, History History, int Together = 1)
{
    /// <summary>The short label (numbers, progress lines): name, setting tuple, and the twin when it is the autograd one.</summary>
    public string Label => $"{Name} {Setting}{(Impl == Impl.Autograd ? " autograd" : "")}";

    /// <summary>The setting in words, for legends: e.g. "(d) 1 layer of 150, momentum 0.4, dropout 0.2, lr 0.001".</summary>
    public string Words => FormattableString.Invariant(
        $"{Name} {(Setting.Hidden.Count == 1 ? "1 layer" : $"{Setting.Hidden.Count} layers")} of {string.Join(" and ", Setting.Hidden)}, momentum {Setting.Momentum:0.###}, dropout {Setting.Dropout:0.###}, lr {Setting.LearningRate:0.#####}{(Impl == Impl.Autograd ? ", autograd twin" : "")}");

    /// <summary>This run's train (solid) and test (dashed) curves of one quantity, sharing a colour.</summary>
    public Series[] Curves(IReadOnlyList<double> train, IReadOnlyList<double> test) =>
    [
        Series.Indexed($"{Words} — train", train) with { Group = Label },
        Series.Indexed($"{Words} — test", test) with { Group = Label, Dashed = true },
    ];

    /// <summary>Test loss after each epoch: the training loop's evaluation series, which the grid runs on the test set (003 plots train and test curves; Part 2 has no validation set).</summary>
    public IReadOnlyList<double> TestLoss => History.ValidationLoss;

    /// <summary>Test accuracy after each epoch (the evaluation series, as <see cref="TestLoss"/>).</summary>
    public IReadOnlyList<double> TestAccuracy => History.ValidationAccuracy;

    /// <summary>Test accuracy after the last epoch.</summary>
    public double FinalTestAccuracy => TestAccuracy[^1];

    /// <summary>Test loss after the last epoch.</summary>
    public double FinalTestLoss => TestLoss[^1];

    /// <summary>Training loss after the last epoch.</summary>
    public double FinalTrainLoss => History.TrainLoss[^1];

    /// <summary>The lowest test loss and the epoch (1-based) it was reached.</summary>
    public (double Loss, int Epoch) MinTestLoss
    {
        get
        {
            var v = TestLoss;
            var i = Enumerable.Range(0, v.Count).MinBy(k => v[k]);
            return (v[i], i + 1);
        }
    }
}

/// <summary>
/// A Part 2 experiment whose runs are known before it runs, so that a command running several of them trains all their
/// runs in one pool (<see cref="CmuGrid.Train"/>).
/// </summary>
public interface ICmuGridExperiment
{
    /// <summary>The (name, setting, twin) of every run, in the order its figures show them.</summary>
    IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> Runs { get; }
}

/// <summary>The options, data, training and figures of 003 Part 2.</summary>
public static class CmuGrid
{
    /// <summary>Epochs of every run.</summary>
    public static readonly ExperimentOption<int> Epochs = Define.Int("--epochs", "Epochs of every run (the homework's 200).", 200, DefaultSource.Homework, 1, 10_000, quick: 4);

    /// <summary>Mini-batch size, one of the homework's suggestions.</summary>
    public static readonly ExperimentOption<int> BatchSize = Define.Int("--batch-size",
        "Examples per SGD step; the homework suggests 16, 32, 64 or 128 and we take 32 (lr 0.001 on a batch mean learns too slowly with 128 in 200 epochs).",
        32, DefaultSource.Ours, 1, 60_000);

    /// <summary>Which images.</summary>
    public static readonly ExperimentOption<CmuData> Data = Define.Choice("--data",
        "fashion: the Fashion-MNIST stand-in (Omniglot is not obtainable here); omniglot: the homework's omniglot_12.pkl placed at data/omniglot/.",
        CmuData.Fashion, DefaultSource.Ours);

    /// <summary>Training images.</summary>
    public static readonly ExperimentOption<int> TrainSize = Define.Int("--train-size", "Training images (the homework's 6,660; with --data omniglot, the first n of the file).",
        Omniglot.TrainSize, DefaultSource.Homework, 10, 60_000, quick: 500);

    /// <summary>Test images.</summary>
    public static readonly ExperimentOption<int> TestSize = Define.Int("--test-size", "Test images (the homework's 1,660; with --data omniglot, the first n of the file).",
        Omniglot.TestSize, DefaultSource.Homework, 10, 10_000, quick: 200);

    /// <summary>Runs trained side by side.</summary>
    /// <remarks>
    /// One on TorchSharp: TorchSharp 0.107 leaves the Scalars it makes implicitly (the alpha of add_, a clamp bound) to the
    /// finalizer, and with two threads allocating, a collection during a native call freed one in use: the full grid
    /// failed with "toFloat at c10/core/Scalar.h:140" (README, known problems). With one training thread no collection
    /// happens inside a native call. One per core on debian-libtorch, whose binding passes plain doubles (a side-by-side
    /// `homework all` gives each child one core: DOTNET_PROCESSOR_COUNT=1).
    /// </remarks>
    public static readonly ExperimentOption<int> Workers = Define.Int("--workers",
        "Jobs (a run, or a stack of same-shape runs) trained side by side, each on one libtorch thread (default: one per core; 1 trains them one after another with the process's threads). " +
        "On TorchSharp the default is 1: two training threads met a TorchSharp Scalar bug (README, known problems).",
        EngineInfo.IsTorchSharp ? 1 : Environment.ProcessorCount, DefaultSource.Ours, 1, 64);

    /// <summary>The options every training experiment of Part 2 has.</summary>
    public static IReadOnlyList<ExperimentOption> Options => [Epochs, BatchSize, Data, TrainSize, TestSize, Workers];

    /// <summary>The images the options ask for.</summary>
    public static TrainTestSplit Load(ExperimentContext context, int? trainSize = null, int? testSize = null)
    {
        var (nTrain, nTest) = (trainSize ?? context.Get(TrainSize), testSize ?? context.Get(TestSize));
        if (context.Get(Data) == CmuData.Fashion) return Omniglot.FashionStandIn((int)context.Seed, nTrain, nTest);
        var file = Omniglot.Load(Omniglot.DefaultPath);
        if (nTrain >= file.Train.Count && nTest >= file.Test.Count) return file;
        // Subsets are copies, so the file's tensors can go.
        using (file)
            return file with
            {
                Train = file.Train.Rows(0, Math.Min(nTrain, file.Train.Count)).Copy(),
                Test = file.Test.Rows(0, Math.Min(nTest, file.Test.Count)).Copy(),
                Description = file.Description + $"; the first {Math.Min(nTrain, file.Train.Count):N0} / {Math.Min(nTest, file.Test.Count):N0} used",
            };
    }

    /// <summary>
    /// Trains every (name, setting, twin) on <paramref name="data"/> for the options' epochs, mini-batches reshuffled
    /// every epoch from --seed, evaluating train and test sets after every epoch. Every run starts from weights drawn
    /// after the same --seed. Manual runs of one shape train together as one stack (<see cref="MLPStackTrainer"/>: one GEMM
    /// serves them all, and each member's history is its run alone up to float rounding); the autograd twin trains
    /// alone. Stacks and runs go <see cref="Workers"/> at a time, largest first. Runs of the grid experiments this
    /// command runs next with the same options (<see cref="ExperimentContext.ComingUp"/>) train in the same pool, so
    /// the cores stay busy across the whole grid; runs trained earlier in the process are reused.
    /// </summary>
    public static CmuRun[] Train(ExperimentContext context, TrainTestSplit data, IReadOnlyList<(string Name, CmuMlpSetting Setting, Impl Impl)> runs)
    {
        var epochs = context.Get(Epochs);
        var config = new TrainConfig(epochs, context.Get(BatchSize), Shuffle: true, Seed: context.Seed);
        var inputs = data.Train.Inputs.shape[1];
        var fingerprint = Fingerprint(data);
        string Key(CmuMlpSetting s, Impl impl) =>
            FormattableString.Invariant($"{impl} {string.Join('/', s.Hidden)} {s.Momentum:R} {s.Dropout:R} {s.LearningRate:R} {config} {fingerprint}");
        context.Output.WriteLine(data.Description);

        var reused = runs.Where(r => Trained.ContainsKey(Key(r.Setting, r.Impl))).ToList();
        foreach (var r in reused)
            context.Output.WriteLine($"{r.Name} {r.Setting} {r.Impl}: trained earlier in this process on the same data with the same options and seed; its history is reused");
        var later = context.ComingUp.Where(p => p.Experiment is ICmuGridExperiment && SameData(context, p.Values)).ToList();
        var own = runs.Select(r => Key(r.Setting, r.Impl)).Where(k => !Trained.ContainsKey(k)).Distinct().Count();
        var todo = runs.Concat(later.SelectMany(p => ((ICmuGridExperiment)p.Experiment).Runs))
            .Select(r => (r.Setting, r.Impl)).DistinctBy(r => Key(r.Setting, r.Impl)).Where(r => !Trained.ContainsKey(Key(r.Setting, r.Impl))).ToList();
        var ahead = todo.Count > own
            ? $"also trains {todo.Count - own} runs of {string.Join(", ", later.Select(p => p.Experiment.Id))} now, which this command runs next with the same options: one pool keeps both cores busy across the grid"
            : "";
        if (ahead.Length > 0) context.Output.WriteLine(ahead);
        if (reused.Count > 0 || ahead.Length > 0)
            context.Result.Text("How the runs were trained",
                (reused.Count > 0 ? $"{reused.Count} of this experiment's {runs.Count} runs were trained earlier by the same command (homework all trains the grid's runs in one pool), with the same data, options and seed; their histories are reused, so this page's time leaves their training out. " : "") +
                (ahead.Length > 0 ? $"This run {ahead}, so its time includes theirs. " : "") +
                "Running this experiment alone (homework run) trains the same histories again up to float32 rounding: a run's history depends only on its twin, setting, options, seed and data, and its stack's GEMMs may sum in another order.");
        var jobs = Jobs(todo, inputs, data.Classes, context.Get(Workers));
        var shown = Enumerable.Range(1, epochs).Count(Shown);
        if (todo.Count > 0)
        {
            context.Output.WriteLine($"{todo.Count} runs of {epochs} epochs in {jobs.Count} jobs (manual runs of one shape as one stack), batches of {config.BatchSize}, {context.Get(Workers)} side by side");
            context.Progress($"{context.Experiment.Id}: {todo.Count} runs", shown * todo.Count, config.StepsPerEpoch(data.Train.Count), sink =>
            {
                var shared = ConcurrentRuns.Synchronized(sink);
                return ConcurrentRuns.Run([.. jobs.Select(job => (Func<int>)(() =>
                {
                    var names = job.Settings.Select(s => $"{s} {job.Impl}").ToList();
                    History[] histories;
                    if (job.Impl == Impl.Autograd)
                    {
                        using var model = CmuMlpPair.Create(job.Impl, inputs, data.Classes, job.Settings[0], context.Seed);
                        histories = [Trainer.Fit(model, data.Train, data.Test, config, new EveryTenth(shared, epochs), names[0])];
                    }
                    else
                    {
                        using var stack = MLPStackTrainer.Create(inputs, data.Classes, job.Settings, context.Seed);
                        histories = Trainer.Fit(stack, data.Train, data.Test, config, new EveryTenth(shared, epochs), names);
                    }
                    for (var k = 0; k < histories.Length; k++) Trained[Key(job.Settings[k], job.Impl)] = new TrainedRun(histories[k], job.Settings.Count);
                    return histories.Length;
                }))], context.Get(Workers));
            });
        }
        var byRun = runs.Select(r =>
        {
            var trained = Trained[Key(r.Setting, r.Impl)];
            return new CmuRun(r.Name, r.Setting, r.Impl, trained.History, trained.Together);
        }).ToArray();
        foreach (var r in byRun) context.Output.WriteLine($"{r.Label}: final test accuracy {r.FinalTestAccuracy:F4}");
        return byRun;
    }

    // The pool's jobs: each autograd run alone, and the manual runs of each shape as one stack. Stacks are split in
    // halves while there are fewer jobs than workers, so a lone experiment still uses both cores. Largest first
    // (weights × members: a step's cost grows with both).
    private static List<(Impl Impl, IReadOnlyList<CmuMlpSetting> Settings)> Jobs(IReadOnlyList<(CmuMlpSetting Setting, Impl Impl)> todo, long inputs, long classes, int workers)
    {
        var jobs = todo.Where(r => r.Impl == Impl.Autograd).Select(r => (r.Impl, (IReadOnlyList<CmuMlpSetting>)[r.Setting]))
            .Concat(todo.Where(r => r.Impl == Impl.Manual).GroupBy(r => string.Join('/', r.Setting.Hidden))
                .Select(g => (Impl.Manual, (IReadOnlyList<CmuMlpSetting>)[.. g.Select(r => r.Setting)])))
            .ToList();
        while (jobs.Count > 0 && jobs.Count < workers && jobs.MaxBy(j => j.Item2.Count) is { Item2.Count: > 1 } widest)
        {
            jobs.Remove(widest);
            var half = widest.Item2.Count / 2;
            jobs.Add((widest.Item1, [.. widest.Item2.Take(half)]));
            jobs.Add((widest.Item1, [.. widest.Item2.Skip(half)]));
        }
        return [.. jobs.OrderByDescending(j => Weights(inputs, classes, j.Item2[0].Hidden) * j.Item2.Count)];
    }

    // Whether a coming-up experiment trains on the same data with the same options as this context.
    private static bool SameData(ExperimentContext context, IReadOnlyDictionary<ExperimentOption, object> values) =>
        new ExperimentOption[] { Epochs, BatchSize, Data, TrainSize, TestSize, Experiment.Seed }
            .All(o => values.TryGetValue(o, out var v) && context.Values.Any(c => c.option == o && Equals(c.value, v)));

    // Runs trained in this process, by everything that decides their history (twin, setting, training config with its
    // seed, the data's description and content), with the size of the stack they trained in. 2.2 trains 2.1's four
    // settings again and 2.4's baseline and first dropout variant are 2.1(b) and (c): in one process each trains once.
    private static readonly ConcurrentDictionary<string, TrainedRun> Trained = new();

    private sealed record TrainedRun(History History, int Together);

    // The data's sizes, description and pixel and label sums: equal keys mean the same images, whatever file they came from.
    private static string Fingerprint(TrainTestSplit data)
    {
        using var scope = torch.NewDisposeScope();
        double Sum(torch.Tensor t) => t.sum().ToDouble();
        return FormattableString.Invariant(
            $"{data.Description} {data.Train.Count} {data.Test.Count} {Sum(data.Train.Inputs):R} {Sum(data.Test.Inputs):R} {Sum(data.Train.Labels):R} {Sum(data.Test.Labels):R}");
    }

    private static long Weights(long inputs, long classes, IReadOnlyList<long> hidden) =>
        hidden.Prepend(inputs).Append(classes).Zip(hidden.Append(classes)).Sum(p => p.First * p.Second);

    // Epochs whose summary is printed (the first, every tenth and the last), so 20 runs of 200 epochs print 440 lines, not 4,000.
    private static bool Shown(int epoch) => epoch == 1 || epoch % 10 == 0;

    private sealed class EveryTenth(IProgressSink inner, int epochs) : IProgressSink
    {
        public void Batch() => inner.Batch();

        public void Epoch(int epoch, string summary)
        {
            if (Shown(epoch) || epoch == epochs) inner.Epoch(epoch, summary);
        }

        public void Log(string line) => inner.Log(line);
    }

    /// <summary>
    /// The homework's two figures for <paramref name="runs"/>: loss and accuracy against epochs, a train and a test
    /// curve per run, and the table of final test accuracies.
    /// </summary>
    public static void Figures(ExperimentContext context, string question, IReadOnlyList<CmuRun> runs, TrainTestSplit data)
    {
        var result = context.Result;
        var sizes = $"{data.Train.Count:N0} training / {data.Test.Count:N0} test images, batches of {context.Get(BatchSize)}";
        result.Add(Figure.Line($"{question}: loss per epoch", "epoch", "mean cross-entropy",
            [.. runs.SelectMany(r => r.Curves(r.History.TrainLoss, r.TestLoss))]) with
        {
            IntegerX = true,
            Caption = $"Train (solid) and test (dashed) loss after each epoch, one colour per setting, {runs.Count * 2} curves. {sizes}.",
        });
        result.Add(Figure.Line($"{question}: accuracy per epoch", "epoch", "accuracy",
            [.. runs.SelectMany(r => r.Curves(r.History.TrainAccuracy, r.TestAccuracy))]) with
        {
            IntegerX = true,
            Caption = $"Fraction classified correctly after each epoch, train solid and test dashed, one colour per setting (dropout off at evaluation, units scaled by 1 − p). Final test accuracies: " +
                      string.Join("; ", runs.Select(r => $"{r.Name} {r.FinalTestAccuracy:F4}")) + ".",
        });
        result.Table($"{question}: final test accuracy after {runs[0].History.EpochsRun} epochs",
            ["run", "hidden", "momentum", "dropout", "lr", "test accuracy", "train accuracy", "test loss", "train loss", "lowest test loss (epoch)", "s/epoch (training)"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Name + (r.Impl == Impl.Autograd ? " (autograd twin)" : ""), string.Join(" / ", r.Setting.Hidden), F(r.Setting.Momentum, "0.###"), F(r.Setting.Dropout, "0.###"),
                F(r.Setting.LearningRate, "0.#####"), F(r.FinalTestAccuracy), F(r.History.TrainAccuracy[^1]), F(r.FinalTestLoss), F(r.FinalTrainLoss),
                $"{F(r.MinTestLoss.Loss)} ({r.MinTestLoss.Epoch})",
                F(r.History.EpochSeconds.Average(), "F3") + (r.Together > 1 ? $" ({r.Together} together)" : ""),
            ]),
            $"Manual twins unless marked; manual runs of one shape train together as one stack and share each step's time (\"n together\"). {sizes}; {data.Description}.");
        // A run shown in several figure pairs (2.4's baseline) is one number.
        foreach (var r in runs.Where(r => result.Numbers.All(n => n.Name != $"final test accuracy, {r.Label}")))
            result.Number($"final test accuracy, {r.Label}", r.FinalTestAccuracy);
    }

    /// <summary>A note for comparisons made from a --quick run.</summary>
    public static string QuickNote(ExperimentContext context) =>
        context.Quick ? "quick run: a few epochs on a small subset, not the homework's 200 epochs" : "";

    /// <summary>
    /// True when the loss series rose by more than 2% above its lowest value by the end: "the test loss starts to
    /// increase" as the homework reads its curves.
    /// </summary>
    public static bool RisesAfterMinimum(CmuRun run) => run.FinalTestLoss > 1.02 * run.MinTestLoss.Loss;

    /// <summary>
    /// How jumpy (high-variance) a curve is: the mean distance of each point from the midpoint of its neighbours,
    /// which a smooth trend, rising or falling, leaves near 0.
    /// </summary>
    public static double Jitter(IReadOnlyList<double> series) =>
        series.Count < 3 ? 0 : Enumerable.Range(1, series.Count - 2).Average(i => Math.Abs(series[i] - (series[i - 1] + series[i + 1]) / 2));

    private static string F(double v, string format = "F4") => ExperimentResult.F(v, format);
}
