// The one contract of a trainable hand-derived model (CS231n layers.py style): Forward(x) -> (y, cache),
// Backward(dy, cache) -> typed gradients, named Parameters in the autograd twin's state_dict layout, Step(gradients, lr).
// Not a loss (losses are their own Forward/Backward pairs: SoftmaxCrossEntropy, LogLoss, SquaredError) and not a
// training loop (Homework.Training's ManualTwin drives any model through this contract).
using TorchSharp;

namespace Homework.Manual;

/// <summary>
/// What every trainable manual model has, whatever its cache and gradients: its parameters and their lifetime.
/// <para><b>Ownership rule.</b> A model owns its parameter tensors: every constructor <i>copies</i> the tensors it is
/// given (the caller's tensors stay the caller's, untouched and usable), and <see cref="IDisposable.Dispose"/> frees
/// the parameters, the views in <see cref="Parameters"/> and any optimiser state (e.g. momentum buffers).</para>
/// </summary>
public interface IManualModel : IDisposable
{
    /// <summary>
    /// The parameters by the autograd twin's <c>state_dict</c> names and in its layouts (e.g. <c>fc1.weight</c> (m, d)
    /// for a W1 kept as (d, m)), so a checkpoint maps by name. Each entry is a view of the model's own storage:
    /// copying into it sets the parameter. Owned by the model; never dispose them.
    /// </summary>
    IReadOnlyDictionary<string, torch.Tensor> Parameters { get; }
}

/// <summary>
/// A manual model with typed cache and gradients (<c>readonly record struct</c>s).
/// <para>Backward gives the gradients of the model's own output; a loss's gradient comes from that loss's Backward, and a
/// regulariser the model carries (an L2 penalty) or its optimiser state (momentum) is applied by <see cref="Step"/>,
/// documented on each model. With no regulariser and fresh state, Step is exactly p ← p − lr·g for every parameter.</para>
/// <para>Step may consume its gradients (a fused step scales their factors in place): read what you need of them before
/// stepping.</para>
/// </summary>
/// <typeparam name="TCache">What Forward keeps for Backward.</typeparam>
/// <typeparam name="TGradients">The gradients Backward returns and Step applies.</typeparam>
public interface IManualModel<TCache, TGradients> : IManualModel
    where TCache : struct
    where TGradients : struct
{
    /// <summary>The model's output for the batch <paramref name="x"/> and what Backward needs.</summary>
    (torch.Tensor y, TCache cache) Forward(torch.Tensor x);

    /// <summary>Gradients of a scalar L given dL/dy (<paramref name="dy"/>, y's shape) and the cache of the Forward that made y.</summary>
    TGradients Backward(torch.Tensor dy, TCache cache);

    /// <summary>Each parameter's gradient in <paramref name="gradients"/>, by the names and layouts of <see cref="IManualModel.Parameters"/>.</summary>
    IReadOnlyDictionary<string, torch.Tensor> Named(TGradients gradients);

    /// <summary>One gradient step with learning rate <paramref name="lr"/>: p ← p − lr·g, plus the model's documented extras.</summary>
    void Step(TGradients gradients, double lr);
}
