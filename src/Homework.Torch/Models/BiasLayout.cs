// Where a linear classifier keeps its bias: nn.Linear's bias, or a weight column fed by a constant-1 input.
// Not a model; the autograd regressions take it as an option, as their manual twins do.
namespace Homework.Torch.Models;

/// <summary>How a linear model stores its bias.</summary>
public enum BiasLayout
{
    /// <summary>nn.Linear with a bias (002 Q2 and Q4).</summary>
    Separate,

    /// <summary>004 Task 2's bias trick: a constant 1 appended to every input, nn.Linear without bias.</summary>
    Trick,
}
