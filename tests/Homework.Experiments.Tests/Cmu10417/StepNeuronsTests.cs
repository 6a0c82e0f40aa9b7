// Problem 1.2 evaluated exactly: the homework's stated weights realise x(1) and x(2) but not x(3) and x(4) (its
// neuron 1 fires there), which the page reports as misses; with b1 = -0.9 all four points are realised.
using Homework.Experiments;
using Homework.Experiments.Cmu10417;

namespace Homework.Experiments.Tests.Cmu10417;

public sealed class StepNeuronsTests : IDisposable
{
    private readonly ExperimentHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void The_stated_weights_miss_two_points_and_reports_them()
    {
        var (record, html, _) = harness.RunQuick("cmu-10417/p1.2-step-neurons");
        Assert.True(record.Succeeded, record.Error);
        Assert.Equal([Verdict.Agrees, Verdict.Agrees, Verdict.Misses, Verdict.Misses], record.Comparisons.Select(c => c.Verdict));
        Assert.Contains(new NamedNumber("points realised with b₁ = −0.9", "4 of 4"), record.Numbers);
        Assert.Contains("realise 2 of the 4 points", html);
    }

    [Fact]
    public void The_step_function_and_outputs_follow_the_definition()
    {
        // σ(0) = 1 (the homework's σ(x) = 0 only for x < 0).
        Assert.Equal(1, StepNeurons.Step(0));
        Assert.Equal(0, StepNeurons.Step(-1e-12));
        // By hand: x(3) = (1, 1) gives neuron inputs 0.9, -0.9, -1.9, 1.1 -> steps 1, 0, 0, 1 -> output 1·1 + 1·0 = 1.
        Assert.Equal([1.0, 0, 0, 1], StepNeurons.Stated.Hidden([1, 1]));
        Assert.Equal(1, StepNeurons.Stated.Output([1, 1]));
        Assert.Equal([1.0, 1, 0, 0], StepNeurons.Points.Select(p => StepNeurons.Corrected.Output(p.X)));
    }
}
