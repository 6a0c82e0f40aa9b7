// Q4(e)'s closed-form parameter counts against the real modules' counts, for many (r, k, m),
// and the homework's stated answer m = 315 for r = 28, k = 10.
using Homework.Torch.Models;

namespace Homework.Torch.Tests.Models;

public class ParameterCountsTests
{
    public static TheoryData<int> Draws() => [.. Enumerable.Range(0, 40)];

    [Theory]
    [MemberData(nameof(Draws))]
    public void ClosedFormsEqualTheModulesCounts(int draw)
    {
        var random = new Random(1000 + draw);
        long r = random.Next(1, 33), k = random.Next(1, 21), m = random.Next(1, 400);
        using var cnn = new Cnn(r, k);
        using var mlp = new SigmoidMlp(r * r, m, k);
        Assert.Equal(ParameterCounts.Count(cnn), ParameterCounts.Cnn(r, k));
        Assert.Equal(ParameterCounts.Count(mlp), ParameterCounts.Mlp(r, m, k));
    }

    [Theory]
    [MemberData(nameof(Draws))]
    public void LargestHiddenSizeIsTheLastOneBelowTheCnn(int draw)
    {
        var random = new Random(2000 + draw);
        long r = random.Next(1, 65), k = random.Next(1, 101);
        var m = ParameterCounts.LargestMlpHidden(r, k);
        Assert.True(ParameterCounts.Mlp(r, m, k) < ParameterCounts.Cnn(r, k), $"m = {m} is not below the CNN for r = {r}, k = {k}");
        Assert.True(ParameterCounts.Mlp(r, m + 1, k) >= ParameterCounts.Cnn(r, k), $"m = {m + 1} is also below the CNN for r = {r}, k = {k}");
    }

    [Fact]
    public void MnistAnswerIs315AsTheHomeworkStates()
    {
        Assert.Equal(251_210, ParameterCounts.Cnn(28, 10));
        Assert.Equal(315, ParameterCounts.LargestMlpHidden(28, 10));
    }
}
