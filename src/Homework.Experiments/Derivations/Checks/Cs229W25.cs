// The live checks of CS229 W25 PS2's derivations (000): the min-norm family of Q1(a)-(b), GD from zero (Q1(d)),
// the quadratic model's zero-cost family and gradient (Q1(e)-(f)), ridge's closed form (Q2(a)), and the gradients of
// Q3(a) and Q4(a)-(c). Small random problems, float64, fixed seeds.
using TorchSharp;
using static Homework.Experiments.Derivations.Checks.Num;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

internal static class Cs229W25
{
    private const long N = 5, Dim = 12;

    // A noiseless linear problem with n < d: X (n, d), y = Xβ*.
    private static (torch.Tensor x, torch.Tensor y, torch.Tensor betaStar) Problem(long seed)
    {
        torch.manual_seed(seed);
        var x = Randn(N, Dim);
        var betaStar = Randn(Dim);
        return (x, x.matmul(betaStar), betaStar);
    }

    private static torch.Tensor J(torch.Tensor x, torch.Tensor y, torch.Tensor beta) => (x.matmul(beta) - y).square().sum() / (2 * N);   // eq. (1)

    // Gradient descent on eq. (1) with step η = n / λ_max(XXᵀ), eq. (3).
    private static torch.Tensor Descend(torch.Tensor x, torch.Tensor y, torch.Tensor start, int steps, Action<torch.Tensor>? each = null)
    {
        var eta = N / torch.linalg.eigvalsh(x.matmul(x.T)).max().item<double>();
        var beta = start.clone();
        for (var t = 0; t < steps; t++)
        {
            beta = beta - eta / N * x.T.matmul(x.matmul(beta) - y);
            each?.Invoke(beta);
        }
        return beta;
    }

    public static IEnumerable<KeyValuePair<string, IDerivationCheck>> All =>
    [
        new("cs229-w25/q1a-zero-cost-family", new WitnessCheck(
            $"A random noiseless problem, n = {N} < d = {Dim}, X with standard normal entries, y = Xβ* (seed 1). ζ is a random vector projected onto the null space of X. " +
            "\"If\": J(ρ + ζ) = 0. \"Only if\": β* is a zero-cost β not built from ρ, and β* − ρ is orthogonal to every x⁽ⁱ⁾.",
            new Witness("Xρ = y (ρ = Xᵀ(XXᵀ)⁻¹y fits every example)", () => { var (x, y, _) = Problem(1); return D(x.matmul(MinNorm(x, y))); }, () => D(Problem(1).y), 1e-12),
            new Witness("J(ρ + ζ) for three random ζ ⟂ all x⁽ⁱ⁾", () =>
            {
                var (x, y, _) = Problem(1);
                var rho = MinNorm(x, y);
                return [.. Enumerable.Range(0, 3).Select(_ => J(x, y, rho + NullProjector(x).matmul(Randn(Dim) * 3)).item<double>())];
            }, () => Zeros(3), 1e-12),
            new Witness("X(β* − ρ) for the zero-cost β* (so ζ = β* − ρ is orthogonal to the data)", () =>
            {
                var (x, y, betaStar) = Problem(1);
                return D(x.matmul(betaStar - MinNorm(x, y)));
            }, () => Zeros(N), 1e-12),
            new Claim("β* − ρ ≠ 0: the family has more than one member", () =>
            {
                var (x, y, betaStar) = Problem(1);
                var norm = (betaStar - MinNorm(x, y)).norm().item<double>();
                return (norm > 1e-3, $"‖β* − ρ‖ = {Witness.G(norm)}");
            }, "‖β* − ρ‖ > 1e-3"))),

        new("cs229-w25/q1b-min-norm", new WitnessCheck(
            $"The problem of Q1(a) (n = {N}, d = {Dim}, seed 2); 200 random zero-cost β = ρ + ζ, ζ a random null-space vector of random length.",
            new Witness("ρᵀζ for five random ζ (ρ lies in the row space)", () =>
            {
                var (x, y, _) = Problem(2);
                var rho = MinNorm(x, y);
                return [.. Enumerable.Range(0, 5).Select(_ => rho.dot(NullProjector(x).matmul(Randn(Dim))).item<double>())];
            }, () => Zeros(5), 1e-12),
            new Witness("‖β‖² − (‖ρ‖² + ‖ζ‖²) for five random β = ρ + ζ", () =>
            {
                var (x, y, _) = Problem(2);
                var rho = MinNorm(x, y);
                return [.. Enumerable.Range(0, 5).Select(_ =>
                {
                    var zeta = NullProjector(x).matmul(Randn(Dim) * 2);
                    return ((rho + zeta).square().sum() - rho.square().sum() - zeta.square().sum()).item<double>();
                })];
            }, () => Zeros(5), 1e-12),
            new Claim("‖ρ‖ ≤ ‖β‖ for 200 random zero-cost β", () =>
            {
                var (x, y, _) = Problem(2);
                var rho = MinNorm(x, y);
                var p = NullProjector(x);
                var smallest = Enumerable.Range(0, 200).Min(i => (rho + p.matmul(Randn(Dim) * (i % 10) / 10.0)).norm().item<double>());
                return (smallest >= rho.norm().item<double>() - 1e-12, $"‖ρ‖ = {Witness.G(rho.norm().item<double>())}, smallest ‖β‖ = {Witness.G(smallest)}");
            }, "min ‖β‖ ≥ ‖ρ‖ − 1e-12"))),

        new("cs229-w25/q1d-gd-from-zero", new WitnessCheck(
            $"Gradient descent, eq. (3), on the problem of Q1(a) (n = {N}, d = {Dim}, seed 3), step η = n / λ_max(XXᵀ), 3000 steps. " +
            "From zero it stays in the row space of X and converges to ρ; from a random start β⁽⁰⁾ it converges to ρ + (I − Xᵀ(XXᵀ)⁻¹X)β⁽⁰⁾ instead, " +
            "which is why the zero start matters.",
            new Witness("β⁽³⁰⁰⁰⁾ from β⁽⁰⁾ = 0, against ρ", () => { var (x, y, _) = Problem(3); return D(Descend(x, y, torch.zeros(Dim, dtype: ScalarType.Float64), 3000)); },
                () => { var (x, y, _) = Problem(3); return D(MinNorm(x, y)); }, 1e-9),
            new Witness("max over t of ‖(I − Xᵀ(XXᵀ)⁻¹X)β⁽ᵗ⁾‖ from zero (β⁽ᵗ⁾ = Xᵀv⁽ᵗ⁾ at every step)", () =>
            {
                var (x, y, _) = Problem(3);
                var p = NullProjector(x);
                var worst = 0.0;
                Descend(x, y, torch.zeros(Dim, dtype: ScalarType.Float64), 3000, b => worst = Math.Max(worst, p.matmul(b).norm().item<double>()));
                return [worst];
            }, () => [0], 1e-12),
            new Witness("β⁽³⁰⁰⁰⁾ from a random β⁽⁰⁾, against ρ + (I − Xᵀ(XXᵀ)⁻¹X)β⁽⁰⁾", () =>
            {
                var (x, y, _) = Problem(3);
                torch.manual_seed(30);
                return D(Descend(x, y, Randn(Dim), 3000));
            }, () =>
            {
                var (x, y, _) = Problem(3);
                torch.manual_seed(30);
                return D(MinNorm(x, y) + NullProjector(x).matmul(Randn(Dim)));
            }, 1e-9))),

        new("cs229-w25/q1d-least-squares-gradient", new GradientCheck("LeastSquares", "J: dbeta")),

        new("cs229-w25/q1e-qp-zero-cost", new WitnessCheck(
            $"A problem of Q1(a) (n = {N}, d = {Dim}, seed 4) as the quadratic model's data: y = Xβ*. For two zero-cost β (ρ and ρ + ζ) and c ∈ {{0, 0.5, 2}}, " +
            "θ = √(max(β, 0) + c), φ = √(max(−β, 0) + c) elementwise, so θ⊙² − φ⊙² = β; J(θ, φ) = (1/4n)Σ(f − y)².",
            new Witness("J(θ, φ) for 2 zero-cost β × 3 values of c", () =>
            {
                var (x, y, _) = Problem(4);
                var rho = MinNorm(x, y);
                var betas = new[] { rho, rho + NullProjector(x).matmul(Randn(Dim)) };
                return [.. betas.SelectMany(b => new[] { 0, 0.5, 2 }.Select(c =>
                {
                    var theta = (b.clamp(min: 0) + c).sqrt();
                    var phi = ((-b).clamp(min: 0) + c).sqrt();
                    return (x.matmul(theta.square() - phi.square()) - y).square().sum().item<double>() / (4 * N);   // eq. (5)
                }))];
            }, () => Zeros(6), 1e-12),
            new Claim("the six (θ, φ) are pairwise distinct", () =>
            {
                var (x, y, _) = Problem(4);
                var rho = MinNorm(x, y);
                var betas = new[] { rho, rho + NullProjector(x).matmul(Randn(Dim)) };
                var points = betas.SelectMany(b => new[] { 0, 0.5, 2 }.Select(c => torch.cat([(b.clamp(min: 0) + c).sqrt(), ((-b).clamp(min: 0) + c).sqrt()]))).ToList();
                var closest = points.SelectMany((p, i) => points.Skip(i + 1).Select(q => (p - q).norm().item<double>())).Min();
                return (closest > 1e-3, $"closest pair {Witness.G(closest)} apart");
            }, "min distance > 1e-3"))),

        new("cs229-w25/q1f-qp-gradient", new GradientCheck("QuadraticModel")),

        new("cs229-w25/q2a-ridge-closed-form", new WitnessCheck(
            "Random X (8 × 5, and 4 × 9 where XᵀX is singular), y standard normal (seeds 5, 6), λ = 0.7. The closed form (XᵀX + λI)⁻¹Xᵀy against the minimiser " +
            "found by 5000 steps of gradient descent on J_λ (step 1/(λ_max(XᵀX) + λ)), and ∇J_λ at the closed form. Eq. (9)'s λ = 0 case is checked as the limit λ → 0⁺ (λ = 1e-6).",
            new Witness("closed form vs gradient descent, X 8 × 5", () => D(Ridge(5, 8, 5, 0.7).closed), () => D(Ridge(5, 8, 5, 0.7).descended), 1e-9),
            new Witness("closed form vs gradient descent, X 4 × 9 (XᵀX singular)", () => D(Ridge(6, 4, 9, 0.7).closed), () => D(Ridge(6, 4, 9, 0.7).descended), 1e-9),
            new Witness("∇J_λ = XᵀXβ̂ − Xᵀy + λβ̂ at the closed form (autograd)", () => D(Ridge(5, 8, 5, 0.7).gradient), () => Zeros(5), 1e-12),
            // λ = 1e-6: the limit is reached to O(λ) while the solve's rounding, about cond(XᵀX + λI)·ε ≈ 1e-10, stays far
            // below the tolerance (at λ = 1e-9 it reached 4e-7 against 1e-6, and varied with the BLAS's summation order).
            new Witness("(XᵀX)⁺Xᵀy (eq. 9) vs the closed form at λ = 1e-6, X 4 × 9", () =>
            {
                torch.manual_seed(6);
                var (x, y) = (Randn(4, 9), Randn(4));
                return D(torch.linalg.pinv(x.T.matmul(x)).matmul(x.T.matmul(y)));
            }, () => D(Ridge(6, 4, 9, 1e-6).closed), 1e-5))),

        new("cs229-w25/q3a-sigmoid-update", new GradientCheck("TwoThreeOneNetwork")),
        new("cs229-w25/q4a-softmax-ce", new GradientCheck("SoftmaxCrossEntropy")),
        new("cs229-w25/q4bc-mlp-backprop", new GradientCheck("SigmoidMlp")),
    ];

    private static (torch.Tensor closed, torch.Tensor descended, torch.Tensor gradient) Ridge(long seed, long n, long d, double lambda)
    {
        torch.manual_seed(seed);
        var (x, y) = (Randn(n, d), Randn(n));
        var eye = torch.eye(d, dtype: ScalarType.Float64);
        var closed = torch.linalg.solve(x.T.matmul(x) + lambda * eye, x.T.matmul(y).unsqueeze(1)).squeeze(1);   // eq. (8)
        var step = 1 / (torch.linalg.eigvalsh(x.T.matmul(x)).max().item<double>() + lambda);
        var beta = torch.zeros(d, dtype: ScalarType.Float64);
        for (var t = 0; t < 5000; t++) beta = beta - step * (x.T.matmul(x.matmul(beta) - y) + lambda * beta);
        var gradient = Grad(b => 0.5 * (x.matmul(b) - y).square().sum() + lambda / 2 * b.square().sum(), closed);
        return (closed, beta, gradient);
    }
}
