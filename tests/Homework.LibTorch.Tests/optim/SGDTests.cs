using Homework.TestSupport;

namespace Homework.LibTorch.Tests.optim;

public class SGDTests
{
    // loss = sum(p²) gives g = 2p. With lr 0.1, momentum 0.9, weight decay 0.5:
    // step 1: g = 2p + 0.5p = 2.5p, b = g, p1 = p - 0.1·2.5p = 0.75p.
    // step 2: g = 2.5·p1 = 1.875p, b = 0.9·2.5p + 1.875p = 4.125p, p2 = 0.75p - 0.4125p = 0.3375p.
    [Fact]
    public void TwoMomentumStepsFollowPyTorchsRuleWorkedByHand()
    {
        using var scope = NewDisposeScope();
        using var p = new torch.nn.Parameter(tensor(new double[] { 1, -2 }));
        using var opt = torch.optim.SGD([p], lr: 0.1, momentum: 0.9, weight_decay: 0.5);
        for (var i = 0; i < 2; i++)
        {
            opt.zero_grad();
            p.square().sum().backward();
            opt.step();
        }
        TensorAssert.Close("p after 2 steps", p, tensor(new double[] { 0.3375, -0.675 }), Tolerance.Float64);
        TensorAssert.Close("momentum buffer", opt.momentum_buffer(0)!, tensor(new double[] { 4.125, -8.25 }), Tolerance.Float64);
    }
}
