// Twin check for the CNN of 000 Q4(e): im2col convolution backward vs nn.Conv2d + nn.Linear under autograd,
// for the logits with a random dY and for the mean cross entropy. Not a training test.
using TorchSharp;
using static Homework.GradCheck.Checks.TwinTensors;
using static TorchSharp.torch;
using ManualModels = Homework.Manual.Models;
using TorchModels = Homework.Torch.Models;

namespace Homework.GradCheck.Checks;

/// <summary>Cnn: conv weight and bias, W2, b2 and the input image gradients, 32 filters on 4×4 images, 3 classes.</summary>
public sealed class CnnCheck : ITwinCheck
{
    /// <inheritdoc />
    public string Name => "Cnn";

    /// <inheritdoc />
    public string Source => "000 Q4(e)";

    /// <inheritdoc />
    public IReadOnlyList<GradientComparison> Run(ScalarType dtype, long seed)
    {
        const int r = 4, k = 3, filters = 32;
        var n = ShapeIndex(seed, 3) switch { 0 => 2, 1 => 3, _ => 1 };   // the batch: seed 0 is the README table's, then odd ones
        torch.manual_seed(seed);
        var X = torch.randn([n, 1, r, r], torch.float64);
        var labels = torch.randint(k, [n]);
        var convWeight = torch.randn([filters, 1, 3, 3], torch.float64);
        var convBias = torch.randn(filters, torch.float64);
        var W2 = torch.randn(filters * r * r, k, torch.float64) / r; // keeps logits O(1) so softmax is not saturated
        var b2 = torch.randn(k, torch.float64);
        var dY = torch.randn(n, k, torch.float64);
        var dJ = torch.randn([], torch.float64);

        using var manual = new ManualModels.Cnn(Copy(convWeight, dtype), Copy(convBias, dtype), Copy(W2, dtype), Copy(b2, dtype));
        var Xm = Copy(X, dtype);
        var (_, cache) = manual.Forward(Xm);
        var g = manual.Backward(Copy(dY, dtype), cache);
        var (logitsJ, cacheJ) = manual.Forward(Xm);
        var gJ = manual.Backward(ManualModels.ClassLabels.LossGradient(logitsJ, labels), cacheJ);   // the mean cross entropy's (softmax − e_y)/N

        using var twin = new TorchModels.Cnn(r, k, filters, dtype: dtype);
        twin.LoadHomeworkLayout(Copy(convWeight, dtype), Copy(convBias, dtype), Copy(W2, dtype), Copy(b2, dtype));
        var Xa = Leaf(X, dtype);
        torch.Tensor[] layers = [twin.conv.weight, twin.conv.bias!, twin.fc.weight, twin.fc.bias!];
        var a = Grad(twin.forward(Xa), dY, [.. layers, Xa]);
        var aJ = Grad(TorchModels.Cnn.Loss(twin.forward(Xa), labels), dJ, [.. layers, Xa]);

        using var reference = new ManualModels.Cnn(convWeight, convBias, W2, b2);
        torch.Tensor[] refWeights = [reference.conv_weight, reference.conv_bias, reference.W2, reference.b2, X];
        var fd = CentralDifferences(() => (reference.Forward(X).y * dY).sum(), refWeights);
        var fdJ = CentralDifferences(() => ManualModels.Cnn.Loss(reference.Forward(X).y, labels) * dJ, refWeights);

        // nn.Linear keeps weight as (out, in): the homework's dW2 (F·r·r, k) is fc.weight.grad transposed.
        return
        [
            new(Name, "logits: dconv.weight", g.conv_weight, a[0], fd[0]),
            new(Name, "logits: dconv.bias", g.conv_bias, a[1], fd[1]),
            new(Name, "logits: dW2 (fc.weight^T)", g.W2, a[2].T, fd[2]),
            new(Name, "logits: db2 (fc.bias)", g.b2, a[3], fd[3]),
            new(Name, "logits: dX", g.X!, a[4], fd[4]),
            new(Name, "J: dconv.weight", gJ.conv_weight * dJ, aJ[0], fdJ[0]),
            new(Name, "J: dconv.bias", gJ.conv_bias * dJ, aJ[1], fdJ[1]),
            new(Name, "J: dW2 (fc.weight^T)", gJ.W2 * dJ, aJ[2].T, fdJ[2]),
            new(Name, "J: db2 (fc.bias)", gJ.b2 * dJ, aJ[3], fdJ[3]),
            new(Name, "J: dX", gJ.X! * dJ, aJ[4], fdJ[4]),
        ];
    }
}
