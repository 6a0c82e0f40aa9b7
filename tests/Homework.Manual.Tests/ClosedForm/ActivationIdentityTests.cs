// 003 Q2: σ' = σ(1 - σ), its vanishing limits, tanh x = 2σ(2x) - 1, tanh' = 4σ'(2x), and the weight map
// that makes a tanh network compute exactly what a sigmoid network does. Checked numerically.
using Homework.TestSupport;

namespace Homework.Manual.Tests.ClosedForm;

public class ActivationIdentityTests
{
    [Fact]
    public void SigmoidDerivativeIsSigmaTimesOneMinusSigma()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-12, 12, 241, float64).requires_grad_();
        var s = x.sigmoid();
        var autogradDerivative = autograd.grad([s.sum()], [x])[0];
        using var noGrad = no_grad();
        var formula = s * (1 - s);                                                 // eq. (4)
        TensorAssert.Close("σ'(x) vs σ(1-σ)", formula, autogradDerivative, Tolerance.Float64Gradient);
    }

    [Fact]
    public void SigmoidDerivativeVanishesAtBothEnds()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -40, 40 }, requires_grad: true);
        var d = autograd.grad([x.sigmoid().sum()], [x])[0].data<double>().ToArray();
        // eq. (5): σ'(±40) = e^-40 / (1 + e^-40)² ≈ 4.2e-18
        Assert.All(d, v => Assert.InRange(v, 0, 1e-17));
    }

    [Fact]
    public void TanhIsARescaledSigmoid()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-12, 12, 241, float64);
        TensorAssert.Close("tanh x vs 2σ(2x) - 1", 2 * (2 * x).sigmoid() - 1, x.tanh(), Tolerance.Float64);  // eq. (6)
    }

    [Fact]
    public void TanhDerivativeIsFourSigmoidDerivativesAtTwoX()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-12, 12, 241, float64).requires_grad_();
        var tanhDerivative = autograd.grad([x.tanh().sum()], [x])[0];
        using var noGrad = no_grad();
        var s2 = (2 * x).sigmoid();
        TensorAssert.Close("tanh'(x) vs 4σ'(2x)", 4 * s2 * (1 - s2), tanhDerivative, Tolerance.Float64Gradient);   // Q2.6
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TanhNetworkWithMappedWeightsEqualsSigmoidNetwork(long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        const long d = 5, m = 7, k = 3, n = 11;
        var x = randn(n, d, float64);
        var w1 = randn(m, d, float64);     // w_ji
        var w10 = randn(m, float64);       // w_j0
        var w2 = randn(k, m, float64);     // w_kj
        var w20 = randn(k, float64);       // w_k0
        // eq. (7): y_k = w_k0 + Σ_j w_kj σ(Σ_i w_ji x_i + w_j0)
        var ySigmoid = (x.matmul(w1.T) + w10).sigmoid().matmul(w2.T) + w20;
        // Q2.5: u_ji = w_ji / 2, u_j0 = w_j0 / 2, u_kj = w_kj / 2, u_k0 = w_k0 + Σ_j w_kj / 2
        var u1 = w1 / 2;
        var u10 = w10 / 2;
        var u2 = w2 / 2;
        var u20 = w20 + w2.sum(1) / 2;
        // eq. (8): y'_k = u_k0 + Σ_j u_kj tanh(Σ_i u_ji x_i + u_j0)
        var yTanh = (x.matmul(u1.T) + u10).tanh().matmul(u2.T) + u20;
        TensorAssert.Close("tanh network vs sigmoid network", yTanh, ySigmoid, Tolerance.Float64);
    }
}
