// CMU 10-417 HW1 Part 2's data (003 Problem 5): the 12-class Omniglot subset, read from the homework's pickle
// ((trainX, trainY), (testX, testY)), and its stand-in, a stratified Fashion-MNIST subset of the same sizes, used
// because the course's omniglot_12.pkl is not obtainable here. Not a split with validation: the homework has train
// and test only. Not batching or shuffling: the training loop does that.
using Homework.Data.CourseSets;
using static TorchSharp.torch;

namespace Homework.Data;

/// <summary>A training set and a test set of flattened square images with one-hot targets. Owns both.</summary>
/// <param name="Train">Inputs (N, side²) float32, one-hot targets (N, classes), labels (N).</param>
/// <param name="Test">The same layout.</param>
/// <param name="Side">Image side: each row of inputs is a side × side image, row-major as stored.</param>
/// <param name="Classes">Number of classes (the one-hot width).</param>
/// <param name="Description">Where the images come from and how the pixels were scaled (for reports).</param>
public sealed record TrainTestSplit(Examples Train, Examples Test, int Side, int Classes, string Description) : IDisposable
{
    /// <summary>Frees both sets.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}

/// <summary>The homework's Omniglot pickle, and the Fashion-MNIST stand-in for it.</summary>
public static class Omniglot
{
    /// <summary>The homework's sizes: 6,660 training and 1,660 test images of 105 × 105 pixels in 12 classes.</summary>
    public const int TrainSize = 6660, TestSize = 1660, Side = 105, Classes = 12;

    /// <summary>Where a copy of the course's <c>omniglot_12.pkl</c> goes: <c>data/omniglot/omniglot_12.pkl</c>.</summary>
    public static string DefaultPath => DataFiles.Path("omniglot", "omniglot_12.pkl");

    /// <summary>
    /// Reads the homework's pickle at <paramref name="path"/>: <c>((trainX, trainY), (testX, testY))</c> with X numpy
    /// arrays (N, side²) of any numeric dtype and Y (N) integer labels 0..K-1. Pixels are kept as stored, except uint8
    /// ones, which are divided by 255. Any sizes and any square side load, so a smaller file of the same format works.
    /// </summary>
    /// <exception cref="DatasetException">The file is not of that format; the message says what differs.</exception>
    public static TrainTestSplit Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: the course's omniglot_12.pkl is not downloadable here; copy it to {DefaultPath}, or use the Fashion-MNIST stand-in", path);
        var root = NumpyPickle.Load(path);
        if (root is not object?[] { Length: 2 } parts || parts[0] is not object?[] { Length: 2 } train || parts[1] is not object?[] { Length: 2 } test)
            throw new DatasetException($"{path} must pickle ((trainX, trainY), (testX, testY)), as the homework's omniglot_12.pkl does");
        var (xTrain, yTrain) = Arrays(path, "train", train);
        var (xTest, yTest) = Arrays(path, "test", test);
        if (xTrain.Shape[1] != xTest.Shape[1])
            throw new DatasetException($"{path}: trainX has {xTrain.Shape[1]} pixels per image but testX {xTest.Shape[1]}; both must hold the same images size");
        var pixels = (int)xTrain.Shape[1];
        var side = (int)Math.Round(Math.Sqrt(pixels));
        if (side * side != pixels)
            throw new DatasetException($"{path}: images of {pixels} pixels are not square (the homework's are 105 × 105 = 11025); flatten square images");
        var labels = yTrain.ToDoubles().Concat(yTest.ToDoubles()).ToArray();
        if (labels.Any(l => l < 0 || l != Math.Floor(l)))
            throw new DatasetException($"{path}: labels must be whole numbers 0..K-1 (the homework's are 0..11)");
        var classes = (int)labels.Max() + 1;
        static double Scale(NumpyArray x) => x.Dtype[1..] == "u1" ? 1 / 255.0 : 1.0;
        return new TrainTestSplit(
            Build(xTrain.ToDoubles(), labels[..(int)xTrain.Shape[0]], pixels, classes, Scale(xTrain)),
            Build(xTest.ToDoubles(), labels[(int)xTrain.Shape[0]..], pixels, classes, Scale(xTest)),
            side, classes,
            $"Omniglot ({path}): {xTrain.Shape[0]:N0} training and {xTest.Shape[0]:N0} test images of {side} × {side} in {classes} classes; " +
            $"pixels {(Scale(xTrain) == 1 ? "as stored" : "/ 255")} (train), {(Scale(xTest) == 1 ? "as stored" : "/ 255")} (test)");
    }

    /// <summary>
    /// The stand-in for Omniglot: a stratified, seeded subset of Fashion-MNIST (all 10 classes), <paramref name="trainSize"/>
    /// images from its 60,000 training images and <paramref name="testSize"/> from its 10,000 test images, each split
    /// with equal counts per class (the first classes get one more when the size does not divide by 10), picked and
    /// ordered by <see cref="Sampler"/>(<paramref name="seed"/>). Pixels / 255, flattened 784 (row-major, as IDX stores them).
    /// </summary>
    public static TrainTestSplit FashionStandIn(int seed, int trainSize = TrainSize, int testSize = TestSize, string? dir = null)
    {
        dir ??= DataFiles.Path("fashion-mnist");
        const int classes = 10, pixels = 28 * 28;
        var sampler = new Sampler(seed);
        Examples Part(bool training, int size)
        {
            var (images, labels) = Idx.ReadMnistPair(dir, training, gz: true);
            var rows = new List<int>();
            for (var c = 0; c < classes; c++)
            {
                var ofClass = Enumerable.Range(0, labels.Data.Length).Where(i => labels.Data[i] == c).ToArray();
                var want = size / classes + (c < size % classes ? 1 : 0);
                if (ofClass.Length < want) throw new ArgumentOutOfRangeException(nameof(size), size, $"Fashion-MNIST has only {ofClass.Length} images of class {c}");
                sampler.Shuffle(ofClass);
                rows.AddRange(ofClass[..want]);
            }
            sampler.Shuffle(rows);
            var x = new double[rows.Count * pixels];
            var y = new double[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var j = 0; j < pixels; j++) x[r * pixels + j] = images.Data[rows[r] * pixels + j];
                y[r] = labels.Data[rows[r]];
            }
            return Build(x, y, pixels, classes, 1 / 255.0);
        }
        return new TrainTestSplit(Part(true, trainSize), Part(false, testSize), 28, classes,
            $"Fashion-MNIST stand-in for Omniglot: {trainSize:N0} training and {testSize:N0} test images (stratified over all 10 classes, " +
            $"System.Random({seed})), 28 × 28, pixels / 255");
    }

    private static (NumpyArray X, NumpyArray Y) Arrays(string path, string part, object?[] pair)
    {
        if (pair[0] is not NumpyArray { Shape.Length: 2 } x || pair[1] is not NumpyArray { Shape.Length: 1 } y)
            throw new DatasetException($"{path}: ({part}X, {part}Y) must be numpy arrays of shapes (N, pixels) and (N,)");
        if (x.Shape[0] != y.Shape[0])
            throw new DatasetException($"{path}: {part}X holds {x.Shape[0]} images but {part}Y {y.Shape[0]} labels");
        if (x.Shape[0] == 0) throw new DatasetException($"{path}: the {part} set is empty");
        return (x, y);
    }

    private static Examples Build(double[] x, double[] labels, int pixels, int classes, double scale)
    {
        var n = labels.Length;
        var inputs = new float[x.Length];
        for (var i = 0; i < x.Length; i++) inputs[i] = (float)(x[i] * scale);
        var targets = new float[n * classes];
        var y = new long[n];
        for (var r = 0; r < n; r++)
        {
            y[r] = (long)labels[r];
            targets[r * classes + y[r]] = 1f;
        }
        return new Examples(tensor(inputs, [n, pixels]), tensor(targets, [n, classes]), tensor(y, [n]));
    }
}
