// CMU 10-417 HW1 (003) Problem 5 Part 2, warm-up: a few example images with their labels, and the row-major vs
// column-major question answered by drawing the same flat vectors both ways. On the Fashion-MNIST stand-in the
// answer is also read off the numbers: garments are mirror-symmetric left to right, so the mean image of the right
// reshape is symmetric about its vertical axis, and the wrong (transposed) one about its horizontal axis.
using Homework.Data;
using Homework.Reports;

namespace Homework.Experiments.Cmu10417;

/// <summary><c>cmu-10417/warm-up</c>.</summary>
public sealed class WarmUp : Experiment
{
    /// <summary>Fashion-MNIST's class names, by label.</summary>
    public static readonly string[] FashionClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Examples drawn per class.</summary>
    public const int PerClass = 2;

    /// <inheritdoc/>
    public override string Id => "cmu-10417/warm-up";
    /// <inheritdoc/>
    public override string Title => "Warm-up: example images, and row-major or column-major?";
    /// <inheritdoc/>
    public override string Questions => "Problem 5 Part 2, warm-up";
    /// <inheritdoc/>
    public override double TypicalSeconds => 3;
    /// <inheritdoc/>
    public override int? IntraOpThreads => 1;
    /// <inheritdoc/>
    protected override IReadOnlyList<ExperimentOption> OwnOptions => [CmuGrid.Data];

    /// <summary>
    /// Left–right and top–bottom asymmetry of a flat image read row-major: the mean |M − mirror(M)| about the
    /// vertical axis and about the horizontal axis. Read column-major (transposed), the two swap.
    /// </summary>
    public static (double LeftRight, double TopBottom) Asymmetry(double[] flat, int side)
    {
        double lr = 0, tb = 0;
        for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
            {
                lr += Math.Abs(flat[r * side + c] - flat[r * side + side - 1 - c]);
                tb += Math.Abs(flat[r * side + c] - flat[(side - 1 - r) * side + c]);
            }
        return (lr / (side * side), tb / (side * side));
    }

    /// <inheritdoc/>
    public override void Run(ExperimentContext context)
    {
        var fashion = context.Get(CmuGrid.Data) == CmuData.Fashion;
        using var data = CmuGrid.Load(context, Omniglot.TrainSize, Omniglot.TestSize);
        context.Output.WriteLine(data.Description);
        var side = data.Side;
        var labels = data.Train.Labels.data<long>().ToArray();
        var pixels = data.Train.Inputs.data<float>().ToArray();
        double[] Row(int i) => [.. pixels.AsSpan(i * side * side, side * side).ToArray().Select(p => (double)p)];
        string Name(long label) => fashion ? FashionClasses[label] : $"class {label}";
        var picked = Enumerable.Range(0, data.Classes).SelectMany(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).Take(PerClass)).ToArray();

        var result = context.Result;
        result.Add(Figure.ImageGrid("Examples reshaped row-major", "pixel value", data.Classes,
            [.. picked.Select(i => GridImage.FromFlat($"{Name(labels[i])} (#{i})", Row(i), side, side))]) with
        {
            ColorScale = "Greys", Caption = $"{picked.Length} training images, {PerClass} per class, each flat vector of {side * side} read row by row (pixel k at row k / {side}, column k mod {side}).",
        });
        result.Add(Figure.ImageGrid("The same examples reshaped column-major", "pixel value", data.Classes,
            [.. picked.Select(i => new GridImage($"{Name(labels[i])} (#{i})", ColumnMajor(Row(i), side)))]) with
        {
            ColorScale = "Greys", Caption = "The same vectors read column by column (pixel k at row k mod side, column k / side): the row-major images transposed.",
        });

        var mean = new double[side * side];
        for (var i = 0; i < labels.Length; i++)
            for (var k = 0; k < mean.Length; k++) mean[k] += pixels[i * mean.Length + k] / (double)labels.Length;
        var (lr, tb) = Asymmetry(mean, side);
        result.Number("mean image, row-major: left–right asymmetry", lr, "F5");
        result.Number("mean image, row-major: top–bottom asymmetry", tb, "F5");
        result.Text("Row-major or column-major?", fashion
            ? $"Row-major. Read row by row, the garments stand upright (first figure); read column by column they lie on their side (second). " +
              $"In numbers: the mean training image read row-major is {(lr < tb ? "more" : "less")} symmetric left to right ({lr:F5}) than top to bottom ({tb:F5}), " +
              $"{(lr < tb ? "as upright garments are; read column-major the two swap." : "which upright garments would not give: the answer rests on the IDX format, which stores rows.")} " +
              "The stand-in's IDX files store images row by row, so this is the order of the format too."
            : $"Compare the two figures: the order in which the characters look like handwriting is the one the pixels were scanned in. " +
              $"The mean image's left–right and top–bottom asymmetries (row-major) are {lr:F5} and {tb:F5}; read column-major the two swap.");
    }

    private static double[,] ColumnMajor(double[] flat, int side)
    {
        var image = new double[side, side];
        for (var k = 0; k < flat.Length; k++) image[k % side, k / side] = flat[k];
        return image;
    }
}
