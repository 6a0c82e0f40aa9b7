// The exact separability test and the best-line bound on small sets whose answers are known by hand.
namespace Homework.Data.Tests;

public class SeparabilityTests
{
    private static readonly double[][] Square = [[0, 0], [1, 1], [0, 1], [1, 0]];

    [Fact]
    public void Xor_is_not_separable_and_a_line_gets_three_of_four()
    {
        double[] xor = [0, 0, 1, 1];
        Assert.False(Separability.LinearlySeparable(Square, xor));
        Assert.Equal(0.75, Separability.BestLinearAccuracy(Square, xor));
    }

    [Fact]
    public void Two_sides_of_a_diagonal_are_separable_and_a_line_gets_all()
    {
        double[][] x = [[0, 0], [1, 0], [0, 1], [2, 2], [3, 1], [1, 3]];
        double[] y = [0, 0, 0, 1, 1, 1];
        Assert.True(Separability.LinearlySeparable(x, y));
        Assert.Equal(1.0, Separability.BestLinearAccuracy(x, y));
    }

    [Fact]
    public void A_point_inside_the_other_class_hull_is_not_separable()
    {
        // Class 0 at the centre of a triangle of class 1: a line gets the three corners or the centre plus two corners right.
        double[][] x = [[0, 0], [4, 0], [0, 4], [1, 1]];
        double[] y = [1, 1, 1, 0];
        Assert.False(Separability.LinearlySeparable(x, y));
        Assert.Equal(0.75, Separability.BestLinearAccuracy(x, y));
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Separability.LinearlySeparable(Square, [0, 1]));
        Assert.Throws<ArgumentException>(() => Separability.BestLinearAccuracy(Square, [0, 1]));
    }
}
