// The live checks of WPI DS541 HW2's derivations (002): the XOR least-squares minimiser (Q1), the softmax Jacobian's
// two cases (Q2), the cross-entropy gradient (Q2) and its regularised form trained in Q3. Float64, fixed seeds.
using TorchSharp;
using static Homework.Experiments.Derivations.Checks.Num;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

internal static class WpiDs541
{
    private static readonly double[,] Xor = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    private static readonly double[] XorY = [0, 1, 1, 0];

    // f_MSE(w, b) = 1/4 Σ (xᵢᵀw + b − yᵢ)², the deep learning book's eq. (6.1), with θ = (w₁, w₂, b).
    private static torch.Tensor Mse(torch.Tensor theta)
    {
        var x = T(Xor);
        return (x.matmul(theta.narrow(0, 0, 2)) + theta[2] - T(XorY)).square().mean();
    }

    private const long M = 4, C = 3, Examples = 7;

    // z = Wᵀx + b, ŷ = softmax(z): W (m, c), one example x (m).
    private static (torch.Tensor x, torch.Tensor w, torch.Tensor b) Softmax(long seed)
    {
        torch.manual_seed(seed);
        return (Randn(M), Randn(M, C), Randn(C));
    }

    private static torch.Tensor YHat(torch.Tensor x, torch.Tensor w, torch.Tensor b) => (w.T.matmul(x) + b).softmax(0);

    // ∇_{w(l)} ŷ_k by autograd, for every (k, l): entry [k, l] is an m-vector.
    private static double[] JacobianByAutograd(long seed, bool sameClass)
    {
        var (x, w, b) = Softmax(seed);
        var values = new List<double>();
        for (var k = 0; k < C; k++)
        {
            var g = Grad(ww => YHat(x, ww, b)[k], w);        // (m, c): column l is ∇_{w(l)} ŷ_k
            for (var l = 0; l < C; l++)
                if ((k == l) == sameClass) values.AddRange(D(g.select(1, l)));
        }
        return [.. values];
    }

    private static double[] JacobianByFormula(long seed, bool sameClass)
    {
        var (x, w, b) = Softmax(seed);
        var p = D(YHat(x, w, b));
        var xs = D(x);
        var values = new List<double>();
        for (var k = 0; k < C; k++)
            for (var l = 0; l < C; l++)
                if ((k == l) == sameClass)
                    values.AddRange(xs.Select(xi => k == l ? xi * p[l] * (1 - p[l]) : -xi * p[k] * p[l]));
        return [.. values];
    }

    // n = 7 examples, one-hot labels: f_CE and its gradients by the derived formulas.
    private static (torch.Tensor x, torch.Tensor y, torch.Tensor w, torch.Tensor b) Batch(long seed)
    {
        torch.manual_seed(seed);
        return (Randn(Examples, M), torch.nn.functional.one_hot(torch.randint(C, [Examples]), C).to(ScalarType.Float64), Randn(M, C), Randn(C));
    }

    private static torch.Tensor Ce(torch.Tensor x, torch.Tensor y, torch.Tensor w, torch.Tensor b) => -(y * (x.matmul(w) + b).log_softmax(1)).sum() / Examples;

    public static IEnumerable<KeyValuePair<string, IDerivationCheck>> All =>
    [
        new("wpi-ds541/q1-xor-linear", new WitnessCheck(
            "The four XOR points with f_MSE = ¼Σ(xᵀw + b − y)². The derived minimiser (0, 0, ½) against the solution of the normal equations computed numerically, " +
            "autograd's gradient there, the loss value, and the Hessian's smallest eigenvalue (positive: the minimiser is unique).",
            new Witness("(w₁, w₂, b) from the normal equations [X 1]ᵀ[X 1]θ = [X 1]ᵀy", () => [0, 0, 0.5], () =>
            {
                var a = torch.cat([T(Xor), torch.ones(4, 1, dtype: ScalarType.Float64)], 1);
                return D(torch.linalg.solve(a.T.matmul(a), a.T.matmul(T(XorY).unsqueeze(1))).squeeze(1));
            }, 1e-12),
            new Witness("∇f_MSE at (0, 0, ½) (autograd)", () => Zeros(3), () => D(Grad(Mse, T(new double[] { 0, 0, 0.5 }))), 1e-14),
            new Witness("f_MSE(0, 0, ½) = ¼", () => [0.25], () => [Mse(T(new double[] { 0, 0, 0.5 })).item<double>()], 1e-14),
            new Claim("the Hessian ½[X 1]ᵀ[X 1] is positive definite (a strictly convex bowl)", () =>
            {
                var a = torch.cat([T(Xor), torch.ones(4, 1, dtype: ScalarType.Float64)], 1);
                var smallest = torch.linalg.eigvalsh(a.T.matmul(a) / 2).min().item<double>();
                return (smallest > 1e-6, $"smallest eigenvalue {Witness.G(smallest)}");
            }, "smallest eigenvalue > 1e-6"))),

        new("wpi-ds541/q2-softmax-jacobian-same-class", new WitnessCheck(
            $"One random example x ∈ ℝ^{M}, W ∈ ℝ^{M}×{C}, b ∈ ℝ^{C} (seeds 11, 12). ∂ŷ_l/∂w(l) = x ŷ_l(1 − ŷ_l) against autograd's gradient of ŷ_l with respect to column l of W, for every l.",
            new Witness("∂ŷ_l/∂w(l), l = 1..c (seed 11)", () => JacobianByFormula(11, true), () => JacobianByAutograd(11, true), 1e-13),
            new Witness("∂ŷ_l/∂w(l), l = 1..c (seed 12)", () => JacobianByFormula(12, true), () => JacobianByAutograd(12, true), 1e-13))),

        new("wpi-ds541/q2-softmax-jacobian-other-class", new WitnessCheck(
            $"One random example x ∈ ℝ^{M}, W ∈ ℝ^{M}×{C}, b ∈ ℝ^{C} (seeds 11, 12). ∂ŷ_k/∂w(l) = −x ŷ_k ŷ_l for k ≠ l against autograd's gradient of ŷ_k with respect to column l of W, for every pair.",
            new Witness("∂ŷ_k/∂w(l), k ≠ l (seed 11)", () => JacobianByFormula(11, false), () => JacobianByAutograd(11, false), 1e-13),
            new Witness("∂ŷ_k/∂w(l), k ≠ l (seed 12)", () => JacobianByFormula(12, false), () => JacobianByAutograd(12, false), 1e-13))),

        new("wpi-ds541/q2-softmax-gradient", new WitnessCheck(
            $"n = {Examples} random examples (an odd batch), m = {M}, c = {C}, one-hot labels (seeds 13, 14). The derived ∇_W f_CE = −(1/n)Σ x⁽ⁱ⁾(y⁽ⁱ⁾ − ŷ⁽ⁱ⁾)ᵀ " +
            "and ∇_b f_CE = −(1/n)Σ(y⁽ⁱ⁾ − ŷ⁽ⁱ⁾) against autograd's gradients of f_CE.",
            new Witness("∇_W f_CE (seed 13)", () => D(GradW(13)), () => { var (x, y, w, b) = Batch(13); return D(Grad(ww => Ce(x, y, ww, b), w)); }, 1e-13),
            new Witness("∇_b f_CE (seed 13)", () => D(GradB(13)), () => { var (x, y, w, b) = Batch(13); return D(Grad(bb => Ce(x, y, w, bb), b)); }, 1e-13),
            new Witness("∇_W f_CE (seed 14)", () => D(GradW(14)), () => { var (x, y, w, b) = Batch(14); return D(Grad(ww => Ce(x, y, ww, b), w)); }, 1e-13),
            new Witness("∇_b f_CE (seed 14)", () => D(GradB(14)), () => { var (x, y, w, b) = Batch(14); return D(Grad(bb => Ce(x, y, w, bb), b)); }, 1e-13))),

        new("wpi-ds541/q3-regularised-gradient", new GradientCheck("SoftmaxRegression", "dW [002]", "db [002]")),
    ];

    private static torch.Tensor GradW(long seed)
    {
        var (x, y, w, b) = Batch(seed);
        return -x.T.matmul(y - (x.matmul(w) + b).softmax(1)) / Examples;
    }

    private static torch.Tensor GradB(long seed)
    {
        var (x, y, w, b) = Batch(seed);
        return -(y - (x.matmul(w) + b).softmax(1)).sum(dim: 0) / Examples;
    }
}
