// Where a linear classifier keeps its bias: a separate vector, or a row of the weight fed by a constant-1 input
// (the "bias trick"). One definition for both twins (Homework.Manual and Homework.Torch reference this project, not
// each other or the data). Not a model and not a preprocessing step: the splits never append the 1; the models do.
namespace Homework.Common;

/// <summary>How a linear model stores its bias.</summary>
public enum BiasLayout
{
    /// <summary>A separate bias: z = x W + b, nn.Linear with a bias (002 Q2 and Q4).</summary>
    Separate,

    /// <summary>
    /// The bias trick of 004 Task 2: the model appends a constant 1 to every input, so the bias is the last row of
    /// the weight (785 x 10 for MNIST; nn.Linear without bias, weight (10, 785)) and there is no separate b.
    /// </summary>
    Trick,
}
