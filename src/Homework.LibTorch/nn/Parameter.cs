// TorchSharp.Modules.Parameter (PyTorch's torch.nn.Parameter): a leaf tensor a module owns and an optimizer updates.
// It lives as long as its module, so no dispose scope ever frees it.
using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// A trainable tensor. It shares <c>data</c>'s storage (cut from any graph), requires gradients by
/// default, and belongs to no dispose scope: the module holding it frees it.
/// </summary>
public class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/>'s storage as a leaf parameter.</summary>
    public Parameter(Tensor data, bool requires_grad = true) : base(Detached(data))
    {
        DetachFromDisposeScope();
        this.requires_grad = requires_grad;
    }

    private static nint Detached(Tensor data)
    {
        var r = Native.detach(data.Ptr);
        GC.KeepAlive(data);
        return r;
    }
}
