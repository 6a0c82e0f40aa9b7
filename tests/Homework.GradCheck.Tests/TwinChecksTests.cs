// Tests of the twin-check registry: unique names, every check passing in float64 and float32, lookup by name,
// and seeded inputs. Not per-model math (Models/*Tests.cs).
using Homework.GradCheck;

namespace Homework.GradCheck.Tests;

public class TwinChecksTests
{
    [Fact]
    public void EveryCheckHasAUniqueNameASourceAndPassesInBothPrecisions()
    {
        Assert.Equal(TwinChecks.All.Count, TwinChecks.All.Select(c => c.Name.ToLowerInvariant()).Distinct().Count());
        foreach (var check in TwinChecks.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(check.Source), check.Name);
            foreach (var dtype in new[] { float64, float32 })
            {
                using var scope = NewDisposeScope();
                var rows = check.Run(dtype, 1).Select(c => GradCheckRow.From(c, dtype)).ToList();
                Assert.NotEmpty(rows);
                foreach (var r in rows) Assert.True(r.Passed, $"{check.Name} {r.Parameter} in {dtype}: {r.Failure}");
            }
        }
    }

    [Fact]
    public void FindIsCaseInsensitiveAndAnUnknownNameListsTheChoices()
    {
        Assert.Same(TwinChecks.All[0], TwinChecks.Find(TwinChecks.All[0].Name.ToUpperInvariant()));
        var e = Assert.Throws<ArgumentException>(() => TwinChecks.Find("NoSuchModel"));
        Assert.Contains(TwinChecks.All[0].Name, e.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameInputs()
    {
        using var scope = NewDisposeScope();
        var check = TwinChecks.All[0];
        var a = check.Run(float64, 5);
        var b = check.Run(float64, 5);
        var c = check.Run(float64, 6);
        Assert.Equal(a[0].Manual.data<double>().ToArray(), b[0].Manual.data<double>().ToArray());
        Assert.NotEqual(a[0].Manual.data<double>().ToArray(), c[0].Manual.data<double>().ToArray());
    }
}
