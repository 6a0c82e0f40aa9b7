// PyTorch 1.13.1's numbers for seeded short runs of the experiments the speed bench compares with plain PyTorch
// (tests/fixtures/experiments/make_peers_quick.py, bench/pytorch/peers.py), read once, and what the tests read back
// from a run's record: a line figure's series and a named number.
using System.Globalization;
using System.Text.Json;
using Homework.Experiments;
using Homework.Reports;
using Homework.TestSupport;
using TorchSharp;

namespace Homework.Experiments.Tests;

internal static class PeerFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("experiments", "peers_quick.json"))).RootElement;

    /// <summary>The quick TDT4265 runs' shuffles the fixture was computed with: <paramref name="epochs"/> rows of <paramref name="count"/> indices.</summary>
    public static long[][] Orders(int epochs, int count)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("experiments", "tdt4265_quick.orders"));
        Assert.Equal(epochs * count * sizeof(long), bytes.Length);
        return [.. Enumerable.Range(0, epochs).Select(e => Enumerable.Range(0, count).Select(i => BitConverter.ToInt64(bytes, (e * count + i) * sizeof(long))).ToArray())];
    }

    /// <summary>The doubles of a JSON array.</summary>
    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>The series <paramref name="series"/> of the line figure titled <paramref name="title"/> in <paramref name="record"/>.</summary>
    public static Series Line(RunRecord record, string title, string series) =>
        Lines(record, title).Single(s => s.Name == series);

    /// <summary>Every series of the line figure titled <paramref name="title"/> in <paramref name="record"/>, in order.</summary>
    public static IReadOnlyList<Series> Lines(RunRecord record, string title) =>
        record.Blocks.OfType<FigureBlock>().Select(b => b.Figure).OfType<LineFigure>().Single(f => f.Title == title).Series;

    /// <summary>The named number <paramref name="name"/> of <paramref name="record"/>, parsed.</summary>
    public static double Number(RunRecord record, string name) =>
        double.Parse(record.Numbers.Single(n => n.Name == name).Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>Fails unless <see cref="Homework.Training.Trainer.Permutation"/> still draws the fixture's shuffles.</summary>
    public static void AssertSameShuffles(int epochs, int count)
    {
        var expected = Orders(epochs, count);
        for (var e = 1; e <= epochs; e++)
        {
            using var order = Homework.Training.Trainer.Permutation(count, seed: 0, e);
            Assert.Equal(expected[e - 1], order.data<long>().ToArray());
        }
    }
}
