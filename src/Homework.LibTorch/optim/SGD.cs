// torch.optim.SGD: stochastic gradient descent with PyTorch's exact update rule (momentum,
// dampening, weight decay, Nesterov). Momentum buffers can be saved and restored for exact resumes.
using static Homework.LibTorch.torch;

namespace Homework.LibTorch;

/// <summary>
/// PyTorch's SGD. For each parameter p with gradient g:
/// g += weight_decay·p; b = g on the first step, else b = momentum·b + (1 - dampening)·g;
/// g = g + momentum·b (Nesterov) or g = b; p -= lr·g.
/// </summary>
public sealed class SGD : IDisposable
{
    private readonly nn.Parameter[] parameters;
    private readonly Tensor?[] momentumBuffers;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (kept in the given order).</summary>
    public SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException("SGD got an empty parameter list: pass model.parameters()", nameof(parameters));
        if (lr < 0) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be >= 0");
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be >= 0");
        if (weight_decay < 0) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight_decay must be >= 0");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weight_decay = weight_decay;
        this.nesterov = nesterov;
        momentumBuffers = new Tensor?[this.parameters.Length];
    }

    /// <summary>Learning rate (may be changed between steps, e.g. by a schedule).</summary>
    public double lr { get; set; }

    /// <summary>Momentum factor.</summary>
    public double momentum { get; }

    /// <summary>Dampening of the gradient added to the momentum buffer.</summary>
    public double dampening { get; }

    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public double weight_decay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool nesterov { get; }

    /// <summary>The optimized parameters, in order (their index is their key in saved state).</summary>
    public IReadOnlyList<nn.Parameter> Parameters => parameters;

    /// <summary>Zeroes every parameter's gradient (PyTorch 1.13's default, set_to_none=false).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters) Native.Check(Native.hw_zero_grad(p.Handle));
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.grad is not { } d_p) continue;
            if (weight_decay != 0) d_p = d_p.clone().add_(p, weight_decay);
            if (momentum != 0)
            {
                if (momentumBuffers[i] is not { } buf)
                    momentumBuffers[i] = buf = d_p.clone().DetachFromDisposeScope();
                else
                    buf.mul_(momentum).add_(d_p, 1 - dampening);
                d_p = nesterov ? d_p.clone().add_(buf, momentum) : buf;
            }
            p.add_(d_p, -lr);
        }
    }

    /// <summary>The momentum buffer of parameter <paramref name="index"/>, or null before its first step.</summary>
    public Tensor? momentum_buffer(int index) => momentumBuffers[index];

    /// <summary>Frees the momentum buffers.</summary>
    public void Dispose()
    {
        for (var i = 0; i < momentumBuffers.Length; i++)
        {
            momentumBuffers[i]?.Dispose();
            momentumBuffers[i] = null;
        }
    }
}

public static partial class torch
{
    /// <summary>Optimizers.</summary>
    public static partial class optim
    {
        /// <summary>Stochastic gradient descent with PyTorch's update rule (see <see cref="Homework.LibTorch.SGD"/>).</summary>
        public static SGD SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);
    }
}
