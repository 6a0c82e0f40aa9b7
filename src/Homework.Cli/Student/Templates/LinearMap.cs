// Your LinearMap: CMU 10-417 HW1 (003) Problem 5 §1.2, the fully connected layer y = W x + b on column vectors.
// Write Backward (003 Q3 eqs. (19), (21), (23)), then check it against autograd and central differences:
//     homework check MyLinearMap.cs
// The check runs float64 at three seeds, each with its own shape (indim, outdim, batch) = (5, 3, 4), (4, 4, 3), (3, 6, 1).
// Everything but Backward is written for you; the check calls the constructor, Parameters, Forward and Backward.
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using LinearMap = Homework.Manual.Cmu.LinearMap;

/// <summary>y = W x + b: x (indim, B), W (outdim, indim), b (outdim, 1), y (outdim, B).</summary>
public sealed class MyLinearMap : IManualModel<LinearMap.Cache, LinearMap.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;

    public MyLinearMap(long indim, long outdim, double alpha, ScalarType dtype)
    {
        W = torch.zeros(outdim, indim, dtype).DetachFromDisposeScope();   // the check copies its values in
        b = torch.zeros(outdim, 1, dtype).DetachFromDisposeScope();
        parameters = new() { ["linear.weight"] = W, ["linear.bias"] = b.view(-1).DetachFromDisposeScope() };
    }

    public Tensor W { get; }   // (outdim, indim)
    public Tensor b { get; }   // (outdim, 1)

    // Named as the autograd twin's nn.Linear: linear.weight (outdim, indim), linear.bias (outdim).
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    public (Tensor y, LinearMap.Cache cache) Forward(Tensor x) =>
        (W.matmul(x) + b, new LinearMap.Cache(x));          // (outdim, B); the cache keeps x (indim, B)

    // dy = dL/dy (outdim, B); return dL/dx, dL/dW, dL/db.
    public LinearMap.Gradients Backward(Tensor dy, LinearMap.Cache cache)
    {
        var x = cache.Input;                                  // (indim, B)
        // dx = ...                                           // (indim, B)
        // dW = ...                                           // (outdim, indim)
        // db = ...                                           // (outdim, 1)
        throw new NotImplementedException("write Backward: dx, dW and db");
        // return new LinearMap.Gradients(dx, dW, db);
    }

    public IReadOnlyDictionary<string, Tensor> Named(LinearMap.Gradients g) =>
        new Dictionary<string, Tensor> { ["linear.weight"] = g.dW, ["linear.bias"] = g.db.view(-1) };

    public void Step(LinearMap.Gradients g, double lr)
    {
        W.add_(g.dW, alpha: -lr);
        b.add_(g.db, alpha: -lr);
    }

    public void Dispose()
    {
        parameters["linear.bias"].Dispose();
        W.Dispose();
        b.Dispose();
    }
}
