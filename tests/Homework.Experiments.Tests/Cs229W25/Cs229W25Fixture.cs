// numpy's values for the CS229 W2025 Q1(c), Q1(f) and Q2 experiments on the regenerated sets
// (tests/fixtures/experiments/make_cs229_w25_q1_q2.py), read once, and a run's named numbers read back.
using System.Globalization;
using System.Text.Json;
using Homework.Experiments;
using Homework.TestSupport;

namespace Homework.Experiments.Tests.Cs229W25;

internal static class Cs229W25Fixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("experiments", "cs229_w25_q1_q2.json"))).RootElement;

    /// <summary>The named number <paramref name="name"/> of <paramref name="record"/>, parsed.</summary>
    public static double Number(RunRecord record, string name) => double.Parse(record.Numbers.Single(n => n.Name == name).Value, CultureInfo.InvariantCulture);
}
