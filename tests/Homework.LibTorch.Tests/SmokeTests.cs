namespace Homework.Binding.Tests;

public class SmokeTests
{
    [Fact]
    public void MatmulOfKnownMatrices()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = tensor(new double[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new double[] { 19, 22, 43, 50 }, a.matmul(b).data<double>());
    }
}
