// Where a linear classifier keeps its bias: a separate vector, or a row of the weight matrix
// fed by a constant-1 input (the "bias trick"). Not a model; the regressions take it as an option.
namespace Homework.Manual.Models;

/// <summary>How a linear model stores its bias.</summary>
public enum BiasLayout
{
    /// <summary>A separate bias: z = x W + b (002 Q2 and Q4).</summary>
    Separate,

    /// <summary>
    /// The bias trick of 004 Task 2: the model appends a constant 1 to every input, so the bias is the
    /// last row of the weight (785 x 10 for MNIST) and there is no separate b.
    /// </summary>
    Trick,
}
