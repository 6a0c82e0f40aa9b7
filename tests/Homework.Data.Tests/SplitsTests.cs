// The homework splits on the real MNIST / Fashion-MNIST files against numpy's reading of the same files
// (tests/fixtures/data/make_splits_fixture.py) and against the rules the homework texts state.
using System.Text.Json;
using Homework.TestSupport;

namespace Homework.Data.Tests;

public class SplitsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("data", "splits.json"))).RootElement;

    // Sums over up to 40 million float32 values: each element carries a rounding error below 6e-8 * |x| <= 2e-7,
    // so 40e6 elements stay within 8 of the float64 sum.
    private const double SumTolerance = 8;

    private static double Sum(torch.Tensor t) => t.data<float>().ToArray().Sum(v => (double)v);

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    [Fact]
    public void Cs229_is_50000_10000_10000_standardised_with_training_scalars()
    {
        using var s = Splits.Cs229Mnist(Fixtures.Data("mnist"));
        var f = Fixture.GetProperty("cs229");
        Assert.Equal([50000L, 784L], s.Train.Inputs.shape);
        Assert.Equal([10000L, 784L], s.Validation.Inputs.shape);
        Assert.Equal([10000L, 784L], s.Test.Inputs.shape);
        Assert.Equal([50000L, 10L], s.Train.Targets.shape);
        Assert.Contains($"mean {f.GetProperty("mean").GetDouble():F4} and std {f.GetProperty("std").GetDouble():F4}", s.Preprocessing);
        var sums = Doubles(f.GetProperty("sums"));
        Assert.InRange(Sum(s.Train.Inputs), sums[0] - SumTolerance, sums[0] + SumTolerance);
        Assert.InRange(Sum(s.Validation.Inputs), sums[1] - SumTolerance, sums[1] + SumTolerance);
        Assert.InRange(Sum(s.Test.Inputs), sums[2] - SumTolerance, sums[2] + SumTolerance);
        TensorAssert.Close("standardised test image 0", [.. s.Test.Inputs.data<float>().ToArray()[..784].Select(v => (double)v)], Doubles(f.GetProperty("test0")), Tolerance.Float32);
        Assert.Equal(f.GetProperty("dev_last_label").GetInt64(), s.Validation.Labels.data<long>().ToArray()[^1]);
        OneHotAgreesWithLabels(s.Train);
    }

    [Fact]
    public void Tdt4265_binary_keeps_2s_and_3s_scaled_to_minus1_1_without_a_bias_column()
    {
        using var s = Splits.Tdt4265Binary(Fixtures.Data("mnist"));
        var f = Fixture.GetProperty("tdt4265");
        var parts = new[] { s.Train, s.Validation, s.Test };
        var expected = f.GetProperty("binary").EnumerateArray().ToArray();
        for (var i = 0; i < 3; i++)
        {
            var count = expected[i].GetProperty("count").GetInt64();
            Assert.Equal([count, 784L], parts[i].Inputs.shape);
            Assert.Equal([count, 1L], parts[i].Targets.shape);
            Assert.Equal(expected[i].GetProperty("positives").GetDouble(), Sum(parts[i].Targets));
            Assert.Equal(expected[i].GetProperty("positives").GetInt64(), parts[i].Labels.data<long>().ToArray().Sum());
            var sum = expected[i].GetProperty("input_sum").GetDouble();
            Assert.InRange(Sum(parts[i].Inputs), sum - SumTolerance, sum + SumTolerance);
        }
        var x = s.Train.Inputs.data<float>().ToArray();
        TensorAssert.Close("first 2-or-3 training row", [.. x[..784].Select(v => (double)v)], Doubles(f.GetProperty("binary_train0")), Tolerance.Float32);
        Assert.Equal(-1f, x.Min());
        Assert.Equal(1f, x.Max());
    }

    [Fact]
    public void Tdt4265_softmax_uses_all_digits_with_one_hot_targets()
    {
        using var s = Splits.Tdt4265Softmax(Fixtures.Data("mnist"));
        var counts = Fixture.GetProperty("tdt4265").GetProperty("softmax_label_counts").EnumerateArray().ToArray();
        var parts = new[] { s.Train, s.Validation, s.Test };
        Assert.Equal([20000L, 2000L, 8000L], parts.Select(p => p.Count));
        for (var i = 0; i < 3; i++)
        {
            var h = new long[10];
            foreach (var y in parts[i].Labels.data<long>().ToArray()) h[y]++;
            Assert.Equal(counts[i].EnumerateArray().Select(c => c.GetInt64()), h);
            Assert.Equal(784L, parts[i].Inputs.shape[1]);
            OneHotAgreesWithLabels(parts[i]);
        }
    }

    [Fact]
    public void Wpi_fashion_carves_a_20_percent_validation_set_from_training_pixels_over_255()
    {
        using var s = Splits.WpiFashion(Fixtures.Data("fashion-mnist"));
        Assert.Equal([48000L, 12000L, 10000L], new[] { s.Train, s.Validation, s.Test }.Select(p => p.Count));
        // Train and validation partition the 60,000 training images: together they hold 6,000 of each class.
        var h = new long[10];
        foreach (var y in s.Train.Labels.data<long>().ToArray().Concat(s.Validation.Labels.data<long>().ToArray())) h[y]++;
        Assert.All(h, c => Assert.Equal(6000, c));
        var (raw, _) = Idx.ReadMnistPair(Fixtures.Data("fashion-mnist"), train: true, gz: true);
        Assert.InRange(raw.Data.Sum(p => (double)(p / 255f)) - Sum(s.Train.Inputs) - Sum(s.Validation.Inputs), -1e-3, 1e-3);
        var px = s.Validation.Inputs.data<float>().ToArray();
        Assert.Equal(0f, px.Min());
        Assert.Equal(1f, px.Max());
        OneHotAgreesWithLabels(s.Validation);
        using var again = Splits.WpiFashion(Fixtures.Data("fashion-mnist"));
        Assert.Equal(s.Validation.Labels.data<long>().ToArray(), again.Validation.Labels.data<long>().ToArray());
    }

    private static void OneHotAgreesWithLabels(Examples e)
    {
        var t = e.Targets.data<float>().ToArray();
        var y = e.Labels.data<long>().ToArray();
        for (var i = 0; i < y.Length; i++)
            for (var k = 0; k < 10; k++)
                Assert.Equal(k == y[i] ? 1f : 0f, t[i * 10 + k]);
    }
}
