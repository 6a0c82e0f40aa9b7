// optim.lr_scheduler.StepLR: the schedule worked by hand (chainable steps and the closed form); PyTorch's own
// StepLR sequence is checked in AdamTrainingTests (fixtures/nn/adam_steplr.json).
namespace Homework.Binding.Tests.optim;

public class lr_schedulerTests
{
    [Fact]
    public void StepLRDividesTheRateEveryStepSizeEpochs()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(zeros(1));
        using var opt = torch.optim.SGD([p], learningRate: 2);
        var scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size: 3, gamma: 0.5);
        var seen = new List<double>();
        for (var epoch = 0; epoch < 8; epoch++)
        {
            seen.Add(opt.lr);
            opt.step();
            scheduler.step();
        }
        // lr = 2·0.5^⌊epoch / 3⌋
        Assert.Equal([2, 2, 2, 1, 1, 1, 0.5, 0.5], seen);
        Assert.Equal([0.5], scheduler.get_last_lr()); // epoch 8 after the last step: 2·0.5^2
        Assert.Equal(2, opt.ParamGroups.Single().InitialLearningRate);
    }

    [Fact]
    public void AnExplicitEpochUsesTheClosedForm()
    {
        using var scope = NewDisposeScope();
        using var p = new Parameter(zeros(1));
        using var opt = torch.optim.Adam([p], lr: 1);
        var scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size: 2, gamma: 0.1);
        scheduler.step(7); // 1·0.1^⌊7 / 2⌋
        Assert.Equal(1e-3, opt.lr, 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.lr_scheduler.StepLR(opt, step_size: 0));
    }
}
