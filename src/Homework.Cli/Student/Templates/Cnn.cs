// Your CNN: CS229 W2025 PS2 (000) Q4(e), a1 = ReLU(Conv2D(x)) with F filters 3×3 (with bias, padding 1, stride 1),
// a2 = Flatten(a1), logits = W2ᵀ a2 + b2, trained on the mean cross entropy of softmax(logits). Images x (N, C, r, r),
// C = 1 in the homework; L = r·r pixels. The convolution is a matrix product over patches (im2col): cols = unfold(x)
// (N, C·9, L) holds each pixel's 3×3 patch as a column, and z = Wc cols + bias (N, F, L) with Wc the filters as (F, C·9).
// Write Backward (the gradients of the logits for any upstream dlogits), then check it against autograd (nn.Conv2d and
// nn.Linear) and central differences:
//     homework check MyCnn.cs
// The check runs float64 at three seeds, each with its own shape (N, F, r) = (2, 32, 4), (3, 32, 4) (the homework's 32
// filters), (1, 4, 3), C = 1 and 3 classes: on the logits with a random upstream gradient, and on the mean cross
// entropy (its gradient (softmax − onehot)/N reaches Backward as dlogits).
using Homework.Manual;
using TorchSharp;
using static TorchSharp.torch;
using Cnn = Homework.Manual.Models.Cnn;

public sealed class MyCnn : IManualModel<Cnn.Cache, Cnn.Gradients>
{
    private readonly Dictionary<string, Tensor> parameters;

    public MyCnn(Tensor conv_weight, Tensor conv_bias, Tensor W2, Tensor b2)
    {
        this.conv_weight = conv_weight.clone().DetachFromDisposeScope();   // (F, C, 3, 3)
        this.conv_bias = conv_bias.clone().DetachFromDisposeScope();       // (F)
        this.W2 = W2.clone().DetachFromDisposeScope();                     // (F·L, k)
        this.b2 = b2.clone().DetachFromDisposeScope();                     // (k)
        parameters = new()
        {
            ["conv.weight"] = this.conv_weight, ["conv.bias"] = this.conv_bias, ["fc.weight"] = this.W2.T.DetachFromDisposeScope(), ["fc.bias"] = this.b2,
        };
    }

    public Tensor conv_weight { get; }
    public Tensor conv_bias { get; }
    public Tensor W2 { get; }
    public Tensor b2 { get; }

    // Named as the autograd twin's nn.Conv2d and nn.Linear: conv.weight (F, C, 3, 3), conv.bias (F), fc.weight (k, F·L), fc.bias (k).
    public IReadOnlyDictionary<string, Tensor> Parameters => parameters;

    // The logits (N, k) of images X (N, C, r, r); the cache keeps X, cols, where the ReLU passes (1 or 0, (N, F, L)) and a2.
    public (Tensor y, Cnn.Cache cache) Forward(Tensor X)
    {
        var cols = torch.nn.functional.unfold(X, (3, 3), padding: (1, 1));                              // (N, C·9, L)
        var z = conv_weight.reshape(conv_weight.size(0), -1).matmul(cols) + conv_bias.unsqueeze(1);     // (N, F, L)
        var active = z.gt(0).to(z.dtype);                                                                // (N, F, L)
        var a2 = (z * active).reshape(X.size(0), -1);         // (N, F·L): ReLU, then flattened channel by channel
        return (a2.matmul(W2) + b2, new Cnn.Cache(X, cols, active, a2));                                // (N, k)
    }

    // dlogits = dL/dlogits (N, k); return dL/dconv_weight, dL/dconv_bias, dL/dW2, dL/db2 and dL/dX. Sum over the batch with
    // .sum(dim: 0): a bare .sum(0) takes the 0 for a dtype and sums every element.
    public Cnn.Gradients Backward(Tensor dlogits, Cnn.Cache cache)
    {
        var (X, cols, active, a2) = (cache.X, cache.Cols, cache.Active, cache.A2);   // (N, C, r, r), (N, C·9, L), (N, F, L), (N, F·L)
        var Wc = conv_weight.reshape(conv_weight.size(0), -1);                      // (F, C·9)
        // var dW2 = ...                                      // (F·L, k)
        // var db2 = ...                                      // (k)
        // var dz = ...                                       // (N, F, L): back through the flatten and the ReLU
        // var dWc = ...                                      // (F, C·9), returned as conv_weight's (F, C, 3, 3)
        // var dbias = ...                                    // (F)
        // var dcols = ...                                    // (N, C·9, L)
        // var dX = torch.nn.functional.fold(dcols, (X.size(2), X.size(3)), (3, 3), padding: (1, 1));   // (N, C, r, r): col2im, the patch copies summed back
        throw new NotImplementedException("write Backward: dW2, db2, dz, dWc, dbias, dcols and dX");
        // return new Cnn.Gradients(dWc.reshape(conv_weight.shape), dbias, dW2, db2, dX);
    }

    public IReadOnlyDictionary<string, Tensor> Named(Cnn.Gradients g) => new Dictionary<string, Tensor>
    {
        ["conv.weight"] = g.conv_weight, ["conv.bias"] = g.conv_bias, ["fc.weight"] = g.W2.T, ["fc.bias"] = g.b2,
    };

    public void Step(Cnn.Gradients g, double lr)
    {
        conv_weight.sub_(lr * g.conv_weight); conv_bias.sub_(lr * g.conv_bias); W2.sub_(lr * g.W2); b2.sub_(lr * g.b2);
    }

    public void Dispose()
    {
        parameters["fc.weight"].Dispose();
        conv_weight.Dispose(); conv_bias.Dispose(); W2.Dispose(); b2.Dispose();
    }
}
