// The train / validation / test splits each homework prescribes for MNIST and Fashion-MNIST, with its preprocessing.
// Not a data loader with batching or shuffling per epoch: the training loops do that.
using Homework.Common;
using Homework.Data.CourseSets;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>Examples ready for a model. Owns its tensors.</summary>
/// <param name="Inputs">(N, D) float32, preprocessed as the split says.</param>
/// <param name="Targets">float32 targets in the homework's form: one-hot (N, K), or (N, 1) for a binary task.</param>
/// <param name="Labels">(N) int64 class index (for accuracy): the digit, or 1 / 0 for a binary task.</param>
public sealed record Examples(Tensor Inputs, Tensor Targets, Tensor Labels) : IDisposable
{
    /// <summary>Number of examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Regression rows <paramref name="X"/> (n, d) with targets <paramref name="y"/> (n), as views: the caller keeps owning the tensors.</summary>
    public static Examples Regression(Tensor X, Tensor y) => new(X, y, y);

    /// <summary>Rows [start, start + length) as views: no copy; freeing them frees the view handles, the data stays this set's.</summary>
    public Examples Rows(long start, long length) => new(Inputs.narrow(0, start, length), Targets.narrow(0, start, length), Labels.narrow(0, start, length));

    /// <summary>The rows at <paramref name="rows"/> (int64 indices), copied in that order.</summary>
    public Examples Select(Tensor rows) => new(Inputs.index_select(0, rows), Targets.index_select(0, rows), Labels.index_select(0, rows));

    /// <summary>A copy with storage of its own.</summary>
    public Examples Copy() => new(Inputs.clone(), Targets.clone(), Labels.clone());

    /// <summary>Frees the three tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Labels.Dispose();
    }
}

/// <summary>A homework's three parts. Owns them.</summary>
/// <param name="Train">What the model is fitted on.</param>
/// <param name="Validation">For hyperparameters and early stopping (CS229 calls it "dev").</param>
/// <param name="Test">Reported once at the end.</param>
/// <param name="Preprocessing">What was done to the pixels, with the numbers used (for logs and reports).</param>
public sealed record DataSplit(Examples Train, Examples Validation, Examples Test, string Preprocessing) : IDisposable
{
    /// <summary>Frees every tensor.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

/// <summary>The splits of CS229 (000 Q4), TDT4265 (004 Tasks 2-3) and WPI CS541 (002 Q3).</summary>
public static class Splits
{
    private const int Pixels = 28 * 28;
    private const int Classes = 10;

    /// <summary>Seed of the WPI validation carve-out (System.Random, as the course-set generators).</summary>
    public const int WpiSeed = 541;

    /// <summary>
    /// CS229 W2025 PS2 Q4 (000): the 60,000 MNIST training images split into the first 50,000 (train) and the last 10,000
    /// (dev); the 10,000 test images are the test set. Every part is standardised with one scalar mean and one scalar
    /// standard deviation (population, as numpy's np.mean / np.std over the whole array) of the 50,000 training images,
    /// as the starter code does. Inputs (N, 784); targets one-hot (N, 10), as the starter's one_hot_labels.
    /// (The starter shuffles the 60,000 before cutting; a fixed first/last cut keeps the split independent of any RNG.)
    /// </summary>
    public static DataSplit Cs229Mnist(string? dir = null)
    {
        dir ??= DataFiles.Path("mnist");
        var (trainImg, trainLab) = Idx.ReadMnistPair(dir, train: true, gz: false);
        var (testImg, testLab) = Idx.ReadMnistPair(dir, train: false, gz: false);
        var trainRows = Enumerable.Range(0, 50_000).ToArray();
        var (mean, std) = Moments(trainImg.Data, trainRows);
        float Standardize(byte p) => (float)((p - mean) / std);
        return new DataSplit(
            Build(trainImg.Data, trainLab.Data, trainRows, Standardize, OneHot),
            Build(trainImg.Data, trainLab.Data, Range(50_000, 60_000), Standardize, OneHot),
            Build(testImg.Data, testLab.Data, Range(0, testLab.Data.Length), Standardize, OneHot),
            $"pixels 0..255 standardised with the training images' mean {mean:F4} and std {std:F4} (scalars)");
    }

    /// <summary>
    /// TDT4265 assignment 1 Task 2 (004): logistic regression "2" vs "3". Train: the images labelled 2 or 3 among the
    /// first 20,000 MNIST training images ("we will only use 20,000 images in the training set"). Validation: those
    /// among the last 2,000 MNIST test images (the course starter code's validation set); test: those among the other,
    /// first 8,000 test images. Pixels scaled to [-1, 1] (p/127.5 - 1): inputs (N, 784). The bias trick's 1 is not
    /// appended here: the models append it (<see cref="BiasLayout.Trick"/>), so it is added in exactly one layer.
    /// Targets (N, 1): 1 for "2", 0 for "3"; labels the same 1 / 0.
    /// </summary>
    public static DataSplit Tdt4265Binary(string? dir = null) => Tdt4265(dir ?? DataFiles.Path("mnist"), binary: true);

    /// <summary>
    /// TDT4265 assignment 1 Task 3 (004): softmax regression on all ten digits, same images and preprocessing as
    /// <see cref="Tdt4265Binary"/> (first 20,000 training images; last 2,000 test images as validation; first 8,000 as test;
    /// [-1, 1], (N, 784)); targets one-hot (N, 10).
    /// </summary>
    public static DataSplit Tdt4265Softmax(string? dir = null) => Tdt4265(dir ?? DataFiles.Path("mnist"), binary: false);

    /// <summary>
    /// WPI CS541 HW2 Q3 (002): Fashion-MNIST softmax regression. 002 says to split the training files into training and
    /// validation portions "the same methodology as for the previous homework" (HW1's age regression: a random 80% / 20%
    /// split of the training set). So: the 60,000 training images are permuted with System.Random(541); the first 12,000
    /// of the permutation are the validation set, the other 48,000 the training set; the 10,000 test images the test set.
    /// Pixels divided by 255 (002's hint 1): inputs (N, 784); targets one-hot (N, 10) as in f_CE.
    /// </summary>
    public static DataSplit WpiFashion(string? dir = null)
    {
        dir ??= DataFiles.Path("fashion-mnist");
        var (trainImg, trainLab) = Idx.ReadMnistPair(dir, train: true, gz: true);
        var (testImg, testLab) = Idx.ReadMnistPair(dir, train: false, gz: true);
        var order = Enumerable.Range(0, trainLab.Data.Length).ToArray();
        new Sampler(WpiSeed).Shuffle(order);
        var nVal = trainLab.Data.Length / 5;
        static float Unit(byte p) => p / 255f;
        return new DataSplit(
            Build(trainImg.Data, trainLab.Data, order[nVal..], Unit, OneHot),
            Build(trainImg.Data, trainLab.Data, order[..nVal], Unit, OneHot),
            Build(testImg.Data, testLab.Data, Range(0, testLab.Data.Length), Unit, OneHot),
            $"pixels / 255; validation = 20% of the training images (System.Random({WpiSeed}) permutation)");
    }

    private static DataSplit Tdt4265(string dir, bool binary)
    {
        var (trainImg, trainLab) = Idx.ReadMnistPair(dir, train: true, gz: false);
        var (testImg, testLab) = Idx.ReadMnistPair(dir, train: false, gz: false);
        int nTest = testLab.Data.Length;
        int[] Keep(byte[] labels, int[] rows) => binary ? [.. rows.Where(i => labels[i] is 2 or 3)] : rows;
        static float MinusOneToOne(byte p) => p / 127.5f - 1f;
        Func<byte, float[]> target = binary ? label => [label == 2 ? 1f : 0f] : OneHot;
        return new DataSplit(
            Build(trainImg.Data, trainLab.Data, Keep(trainLab.Data, Range(0, 20_000)), MinusOneToOne, target, binary),
            Build(testImg.Data, testLab.Data, Keep(testLab.Data, Range(nTest - 2_000, nTest)), MinusOneToOne, target, binary),
            Build(testImg.Data, testLab.Data, Keep(testLab.Data, Range(0, nTest - 2_000)), MinusOneToOne, target, binary),
            binary ? "digits 2 (target 1) and 3 (target 0); pixels p/127.5 - 1 in [-1, 1]"
                   : "all digits, one-hot targets; pixels p/127.5 - 1 in [-1, 1]");
    }

    /// <summary>The one-hot row of <paramref name="label"/> over 10 classes.</summary>
    public static float[] OneHot(byte label)
    {
        var row = new float[Classes];
        row[label] = 1f;
        return row;
    }

    private static int[] Range(int from, int to) => [.. Enumerable.Range(from, to - from)];

    // Mean and population std of every pixel of the given images, in double (sums of 39 million bytes).
    private static (double Mean, double Std) Moments(byte[] pixels, int[] rows)
    {
        double sum = 0, sumSq = 0;
        foreach (var i in rows)
            for (var j = i * Pixels; j < (i + 1) * Pixels; j++) { sum += pixels[j]; sumSq += (double)pixels[j] * pixels[j]; }
        var count = (double)rows.Length * Pixels;
        var mean = sum / count;
        return (mean, Math.Sqrt(sumSq / count - mean * mean));
    }

    private static Examples Build(byte[] pixels, byte[] labels, int[] rows, Func<byte, float> scale, Func<byte, float[]> target, bool binaryLabels = false)
    {
        var n = rows.Length;
        var targetWidth = n == 0 ? (binaryLabels ? 1 : Classes) : target(labels[rows[0]]).Length;
        // Filled a block of rows at a time: a managed copy of all the inputs (157 MB for CS229's training set) would
        // only be garbage the GC hands back to the OS slowly, raising the run's peak RSS.
        const int block = 1024;
        var inputs = empty([n, Pixels], float32);
        var targets = empty([n, targetWidth], float32);
        var y = new long[n];
        var x = new float[block * Pixels];
        var t = new float[block * targetWidth];
        for (var r0 = 0; r0 < n; r0 += block)
        {
            var len = Math.Min(block, n - r0);
            for (var r = 0; r < len; r++)
            {
                var i = rows[r0 + r];
                for (var j = 0; j < Pixels; j++) x[r * Pixels + j] = scale(pixels[i * Pixels + j]);
                target(labels[i]).CopyTo(t, r * targetWidth);
                y[r0 + r] = binaryLabels ? (labels[i] == 2 ? 1 : 0) : labels[i];
            }
            using var scope = NewDisposeScope();
            inputs.narrow(0, r0, len).copy_(tensor(x, [block, Pixels]).narrow(0, 0, len));
            targets.narrow(0, r0, len).copy_(tensor(t, [block, targetWidth]).narrow(0, 0, len));
        }
        return new Examples(inputs, targets, tensor(y, [n]));
    }
}
