// The live checks of NTNU TDT4265 A1's derivations (004): the logistic (Task 1a) and softmax (Task 1b) regression
// gradients per example, and the L2-regularised softmax gradient of Task 4a with and without the bias row penalised.
using Homework.GradCheck.Checks;
using TorchSharp;
using static Homework.Experiments.Derivations.Checks.Num;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

internal static class Tdt4265
{
    private const long Examples = 5, Inputs = 4, Classes = 3;

    // x with the bias trick (a 1 appended), targets, weights: logistic (w ∈ ℝ^{I+1}) and softmax (w ∈ ℝ^{K×(I+1)}).
    private static (torch.Tensor x, torch.Tensor y, torch.Tensor w) Logistic(long seed)
    {
        torch.manual_seed(seed);
        return (torch.cat([Randn(Examples, Inputs), torch.ones(Examples, 1, dtype: ScalarType.Float64)], 1),
            torch.randint(2, [Examples]).to(ScalarType.Float64), Randn(Inputs + 1));
    }

    private static (torch.Tensor x, torch.Tensor y, torch.Tensor w) Softmax(long seed)
    {
        torch.manual_seed(seed);
        return (torch.cat([Randn(Examples, Inputs), torch.ones(Examples, 1, dtype: ScalarType.Float64)], 1),
            torch.nn.functional.one_hot(torch.randint(Classes, [Examples]), Classes).to(ScalarType.Float64), Randn(Classes, Inputs + 1));
    }

    // Per example n: ∂Cⁿ/∂wᵢ by the derived formula (eq. 6), rows n; and autograd's gradient of each Cⁿ (eq. 3).
    private static double[] LogisticFormula(long seed)
    {
        var (x, y, w) = Logistic(seed);
        return D(-(y - x.matmul(w).sigmoid()).unsqueeze(1) * x);
    }

    private static double[] LogisticAutograd(long seed)
    {
        var (x, y, w) = Logistic(seed);
        return [.. Enumerable.Range(0, (int)Examples).SelectMany(n => D(Grad(ww =>
        {
            var p = x[n].dot(ww).sigmoid();
            return -(y[n] * p.log() + (1 - y[n]) * (1 - p).log());
        }, w)))];
    }

    // ∂Cⁿ/∂w_kj = −x_jⁿ(y_kⁿ − ŷ_kⁿ) (eq. 13) as (N, K, I+1), against autograd's gradient of each Cⁿ = −Σ_k y_k ln ŷ_k (eq. 5).
    private static double[] SoftmaxFormula(long seed)
    {
        var (x, y, w) = Softmax(seed);
        var yHat = x.matmul(w.T).softmax(1);                       // (N, K)
        return D(-(y - yHat).unsqueeze(2) * x.unsqueeze(1));        // (N, K, I+1)
    }

    private static double[] SoftmaxAutograd(long seed)
    {
        var (x, y, w) = Softmax(seed);
        return [.. Enumerable.Range(0, (int)Examples).SelectMany(n => D(Grad(ww => -(y[n] * ww.matmul(x[n]).log_softmax(0)).sum(), w)))];
    }

    public static IEnumerable<KeyValuePair<string, IDerivationCheck>> All =>
    [
        new("tdt4265/t1a-logistic-gradient", new WitnessCheck(
            $"N = {Examples} examples (an odd batch), I = {Inputs} inputs plus the bias trick's 1, targets 0/1 (seeds 18, 19). Eq. (6), −(yⁿ − ŷⁿ)xᵢⁿ for every n and i, " +
            "against autograd's gradient of each example's cross entropy Cⁿ(w), eq. (3). The training code's batch gradient is gradchecked under LogisticRegression dw [004].",
            new Witness("∂Cⁿ/∂wᵢ, all n, i (seed 18)", () => LogisticFormula(18), () => LogisticAutograd(18), 1e-13),
            new Witness("∂Cⁿ/∂wᵢ, all n, i (seed 19)", () => LogisticFormula(19), () => LogisticAutograd(19), 1e-13))),

        new("tdt4265/t1b-softmax-gradient", new WitnessCheck(
            $"N = {Examples} examples, I = {Inputs} inputs plus the bias trick's 1, K = {Classes} classes, one-hot targets (seeds 20, 21). Eq. (13), −x_jⁿ(y_kⁿ − ŷ_kⁿ) " +
            "for every n, k, j, against autograd's gradient of each Cⁿ(w), eq. (5).",
            new Witness("∂Cⁿ/∂w_kj, all n, k, j (seed 20)", () => SoftmaxFormula(20), () => SoftmaxAutograd(20), 1e-13),
            new Witness("∂Cⁿ/∂w_kj, all n, k, j (seed 21)", () => SoftmaxFormula(21), () => SoftmaxAutograd(21), 1e-13))),

        new("tdt4265/t4a-l2-gradient", new GradientCheck(new SoftmaxRegressionCheck(withBiasRowPenalty: true), "dW [004")),
    ];
}
