// CMU 10-417 HW1 (003 Problem 5) LinearMap on (features, batch) columns, as an nn.Linear.
// Not hand-differentiated; momentum is optim.SGD(momentum: α), whose rule is 003 §1.3's. Twin of Manual.Cmu.LinearMap.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Torch.Cmu;

/// <summary>
/// y = W x + b for x (indim, B): nn.Linear applied to xᵀ. nn.Linear's weight (outdim, indim) is the homework's W;
/// its bias is (outdim) where the homework keeps (outdim, 1). Train it with <see cref="Optimizer"/>.
/// </summary>
public sealed class LinearMap : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly Linear linear;

    /// <summary>The homework template's initialisation: W ~ U(±sqrt(6 / (indim + outdim))), b = 0.</summary>
    public LinearMap(long indim, long outdim, ScalarType dtype = ScalarType.Float32) : base(nameof(LinearMap))
    {
        linear = torch.nn.Linear(indim, outdim, dtype: dtype);
        var s = Math.Sqrt(6) / Math.Sqrt(indim + outdim);
        using (torch.no_grad())
        {
            torch.nn.init.uniform_(linear.weight, -s, s);
            torch.nn.init.zeros_(linear.bias!);
        }
        RegisterComponents();
    }

    /// <summary>W (outdim, indim).</summary>
    public Parameter weight => linear.weight;

    /// <summary>b (outdim).</summary>
    public Parameter bias => linear.bias!;

    /// <summary>y (outdim, B) for <paramref name="input"/> (indim, B).</summary>
    public override torch.Tensor forward(torch.Tensor input) => linear.forward(input.T).T;

    /// <summary>
    /// 003 §1.3's momentum update for <paramref name="parameters"/>: PyTorch's SGD with dampening 0 keeps
    /// G_M = α G_M + G (its first buffer, G, equals α·0 + G) and steps p -= lr G_M.
    /// </summary>
    public static SGD Optimizer(IEnumerable<Parameter> parameters, double alpha, double lr) =>
        torch.optim.SGD(parameters, lr, momentum: alpha);
}
