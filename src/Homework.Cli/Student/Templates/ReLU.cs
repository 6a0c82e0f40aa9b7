// Your ReLU with dropout: CMU 10-417 HW1 (003) Problem 5 §1.2 and §1.4, h = max(0, x) · s, where s is the dropout mask in
// training (1 keeps a unit, 0 drops it, each dropped with probability p) and 1 − p everywhere at inference (no rescaling
// in training). Shapes are (features, B) as in the homework. Write Backward (003 Q3 eq. (24)), then check it against
// autograd and central differences:
//     homework check MyReLU.cs
// The check runs float64 at three seeds, each with its own shape (6, 4), (5, 3), (3, 1), p = 0.3, once in training with
// a fixed mask and once at inference.
using TorchSharp;
using static TorchSharp.torch;
using ReLU = Homework.Manual.Cmu.ReLU;

public sealed class MyReLU
{
    public MyReLU(double dropoutProbability) => p = dropoutProbability;

    private readonly double p;

    // h = max(0, x) · s; the cache keeps x and s (x's shape). The check passes the mask in training.
    public (Tensor y, ReLU.Cache cache) Forward(Tensor x, bool train, Tensor? mask)
    {
        var s = train ? (mask ?? torch.rand_like(x).gt(p)).to(x.dtype) : torch.full_like(x, 1 - p);
        return (x.clamp(min: 0) * s, new ReLU.Cache(x, s));
    }

    // dy = dL/dh (x's shape); return dL/dx (x's shape). The kink at x = 0 takes the derivative 0.
    public Tensor Backward(Tensor dy, ReLU.Cache cache)
    {
        var (x, s) = (cache.Input, cache.Scale);
        // var dx = ...                                       // x's shape
        throw new NotImplementedException("write Backward: dx");
    }
}
