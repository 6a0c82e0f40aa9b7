// 003 Q4: input dropout on linear least squares equals, in expectation, ridge regression with Γ = diag(XᵀX)^½.
// Checked by Monte Carlo with a fixed seed: |sample mean - closed form| <= 4 standard errors.
namespace Homework.Manual.Tests.ClosedForm;

public class DropoutRidgeTests
{
    private const long Samples = 200_000;
    private const double StandardErrors = 4;   // a correct formula fails with probability ~6e-5

    // E_R ‖y - (R ⊙ X) w‖², R_ij ~ Bernoulli(p) with p the RETAIN probability (003 eq. (27)):
    // the Monte Carlo mean and its standard error.
    private static (double mean, double standardError) MonteCarlo(torch.Tensor x, torch.Tensor y, torch.Tensor w, double p)
    {
        var r = rand([Samples, x.size(0), x.size(1)], float64).lt(p).to(float64);    // (S, N, D)
        var residual = y - (r * x).matmul(w);                                        // (S, N)
        var loss = residual.square().sum(1);                                         // (S)
        return (loss.mean().item<double>(), loss.std().item<double>() / Math.Sqrt(Samples));
    }

    // 003 eq. (29): ‖y - pXw‖² + p(1 - p) ‖Γw‖², ‖Γw‖² = Σ_j (XᵀX)_jj w_j²
    private static (double ridge, double withoutPenalty) ClosedForm(torch.Tensor x, torch.Tensor y, torch.Tensor w, double p)
    {
        var fit = (y - p * x.matmul(w)).square().sum().item<double>();
        var gammaW = (x.square().sum(dim: 0) * w.square()).sum().item<double>();
        return (fit + p * (1 - p) * gammaW, fit);
    }

    [Theory]
    [InlineData(1, 1, 0.8, 11)]   // eq. (28): N = D = 1
    [InlineData(6, 4, 0.8, 12)]   // eq. (29)
    [InlineData(5, 3, 0.5, 13)]
    public void DropoutLossEqualsRidgeFormInExpectation(long n, long d, double p, long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var x = randn(n, d, float64);
        var y = randn(n, float64);
        var w = randn(d, float64);
        var (mean, se) = MonteCarlo(x, y, w, p);
        var (ridge, withoutPenalty) = ClosedForm(x, y, w, p);
        Assert.True(Math.Abs(mean - ridge) <= StandardErrors * se,
            $"Monte Carlo {mean:r} ± {se:g3} (1 s.e.) vs closed form {ridge:r}: {Math.Abs(mean - ridge) / se:f2} standard errors apart");
        // The test can tell: dropping the p(1-p)‖Γw‖² term is rejected at the same threshold.
        Assert.True(Math.Abs(mean - withoutPenalty) > StandardErrors * se,
            $"without the penalty {withoutPenalty:r} is within {StandardErrors} s.e. of {mean:r}; the samples cannot discriminate");
    }
}
