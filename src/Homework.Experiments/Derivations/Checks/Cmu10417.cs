// The live checks of CMU 10-417 HW1's derivations (003): the perceptron's impossibility (P1.1), the four-neuron and
// N-neuron constructions (P1.2, P1.3), the activation identities (P2), back-propagation's partials (P3), and dropout
// as ridge in expectation (P4 5.1-5.2). Float64, fixed seeds.
using Homework.Experiments.Cmu10417;
using Homework.Data;
using TorchSharp;
using static Homework.Experiments.Derivations.Checks.Num;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

/// <summary>003 P1.3's construction: N step neurons along one direction u that realise any labels on N distinct points.</summary>
public static class StepInterpolant
{
    /// <summary>
    /// Weights (w_j = u for all j), biases b_j and output weights a_j such that Σ_j a_j σ(w_jᵀx⁽ⁱ⁾ + b_j) = y⁽ⁱ⁾, σ(z) = 1 for z ≥ 0:
    /// sort the projections t = uᵀx, put neuron j's threshold below the j-th smallest, and a telescopes the sorted labels.
    /// </summary>
    public static (double[] u, double[] b, double[] a) Build(double[][] x, double[] y, Random random)
    {
        var d = x[0].Length;
        while (true)
        {
            var u = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var t = x.Select(p => p.Zip(u, (pi, ui) => pi * ui).Sum()).ToArray();
            var order = Enumerable.Range(0, x.Length).OrderBy(i => t[i]).ToArray();
            var sorted = order.Select(i => t[i]).ToArray();
            if (sorted.Zip(sorted.Skip(1), (p, q) => q - p).DefaultIfEmpty(1).Min() < 1e-9) continue;   // two points project alike: redraw u
            var b = Enumerable.Range(0, x.Length).Select(j => j == 0 ? -(sorted[0] - 1) : -(sorted[j - 1] + sorted[j]) / 2).ToArray();
            var a = Enumerable.Range(0, x.Length).Select(j => j == 0 ? y[order[0]] : y[order[j]] - y[order[j - 1]]).ToArray();
            return (u, b, a);
        }
    }

    /// <summary>Σ_j a_j σ(uᵀx + b_j).</summary>
    public static double Output(double[] u, double[] b, double[] a, double[] x)
    {
        var t = x.Zip(u, (xi, ui) => xi * ui).Sum();
        return a.Select((aj, j) => t + b[j] >= 0 ? aj : 0).Sum();
    }
}

internal static class Cmu10417
{
    private static readonly double[][] Points = [.. StepNeurons.Points.Select(p => p.X)];
    private static readonly double[] Labels = [.. StepNeurons.Points.Select(p => (double)p.Y)];

    private static double[] Grid(double from, double to, int count) => [.. Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1))];

    private static torch.Tensor GridTensor(double from, double to, int count) => T(Grid(from, to, count));

    // Dropout on linear least squares, R_ij ~ Bernoulli(p) the RETAIN mask (003 eq. (27)).
    private static (torch.Tensor x, torch.Tensor y, torch.Tensor w) Regression(long seed, long n, long d)
    {
        torch.manual_seed(seed);
        return (Randn(n, d), Randn(n), Randn(d));
    }

    private const double Keep = 0.7;

    private static double RidgeForm(torch.Tensor x, torch.Tensor y, torch.Tensor w, double p) =>
        (y - p * x.matmul(w)).square().sum().item<double>() + p * (1 - p) * (x.square().sum(dim: 0) * w.square()).sum().item<double>();   // eq. (29)

    // E_R‖y − (R ⊙ X)w‖² exactly: every mask R weighted by p^(kept) (1 − p)^(dropped).
    private static double ExactExpectation(torch.Tensor x, torch.Tensor y, torch.Tensor w, double p)
    {
        var (n, d) = ((int)x.size(0), (int)x.size(1));
        var (xs, ys, ws) = (D(x), D(y), D(w));
        var total = 0.0;
        for (var mask = 0; mask < 1 << (n * d); mask++)
        {
            var weight = 1.0;
            var loss = 0.0;
            for (var i = 0; i < n; i++)
            {
                var prediction = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var kept = (mask >> (i * d + j) & 1) == 1;
                    weight *= kept ? p : 1 - p;
                    if (kept) prediction += xs[i * d + j] * ws[j];
                }
                loss += (ys[i] - prediction) * (ys[i] - prediction);
            }
            total += weight * loss;
        }
        return total;
    }

    private static double[] MonteCarlo(torch.Tensor x, torch.Tensor y, torch.Tensor w, double p, long samples)
    {
        torch.manual_seed(99);
        var r = torch.rand([samples, x.size(0), x.size(1)], ScalarType.Float64).lt(p).to(ScalarType.Float64);   // (S, N, D)
        return D((y - (r * x).matmul(w)).square().sum(1));                                                      // (S)
    }

    public static IEnumerable<KeyValuePair<string, IDerivationCheck>> All =>
    [
        new("cmu-10417/p1.1-no-perceptron", new WitnessCheck(
            "The four points of P1.1. The convex hull of the points labelled 1 meets the hull of those labelled 0 (both contain (½, ½)), so no line separates them; " +
            "Homework.Data.Separability decides separability exactly (hulls and the separating axis theorem). As supporting evidence, an exhaustive scan of " +
            "(w₁, w₂, b) on a grid finds no perceptron that realises the labels.",
            new Witness("½x⁽¹⁾ + ½x⁽²⁾ and ½x⁽³⁾ + ½x⁽⁴⁾ (a common point of the two hulls)", () => [0.5, 0.5, 0.5, 0.5],
                () => [(Points[0][0] + Points[1][0]) / 2, (Points[0][1] + Points[1][1]) / 2, (Points[2][0] + Points[3][0]) / 2, (Points[2][1] + Points[3][1]) / 2], 0),
            new Claim("no line separates the labels (convex hulls intersect)", () =>
            {
                var separable = Separability.LinearlySeparable(Points, Labels);
                return (!separable, separable ? "Separability finds a separating line" : "Separability: the hulls intersect, no separating line");
            }, "exact hull test"),
            new Claim("no (w₁, w₂, b) on a 41³ grid over [−5, 5]³ realises the four labels", () =>
            {
                var grid = Grid(-5, 5, 41);
                var found = grid.SelectMany(w1 => grid.SelectMany(w2 => grid.Select(b => (w1, w2, b))))
                    .Count(p => Points.Select((x, i) => StepNeurons.Step(p.w1 * x[0] + p.w2 * x[1] + p.b) == Labels[i]).All(ok => ok));
                return (found == 0, $"{found} of {41 * 41 * 41:N0} grid perceptrons realise the labels");
            }, "exhaustive over the grid"))),

        new("cmu-10417/p1.2-four-step-neurons", new WitnessCheck(
            "The homework's reference weights and ours (b₁ = −0.9), evaluated exactly at the four points (multiples of 0.1; the step only reads the sign).",
            new Claim("with b₁ = −0.9, Σⱼ aⱼσ(wⱼᵀx⁽ⁱ⁾ + bⱼ) = y⁽ⁱ⁾ at all four points", () =>
            {
                var outputs = Points.Select(StepNeurons.Corrected.Output).ToArray();
                return (outputs.SequenceEqual(Labels), $"outputs {string.Join(", ", outputs)} for labels {string.Join(", ", Labels)}");
            }, "exact at every point"),
            new Claim("erratum: the reference answer's b₁ = 0.9 misses x⁽³⁾ and x⁽⁴⁾", () =>
            {
                var outputs = Points.Select(StepNeurons.Stated.Output).ToArray();
                var wrong = Enumerable.Range(0, 4).Where(i => outputs[i] != Labels[i]).Select(i => $"x({i + 1})").ToArray();
                return (wrong.SequenceEqual(["x(3)", "x(4)"]), $"stated weights output {string.Join(", ", outputs)}; wrong at {string.Join(", ", wrong)}");
            }, "the stated weights fail exactly there"))),

        new("cmu-10417/p1.3-n-point-construction", new WitnessCheck(
            "The construction built and evaluated on random point sets: N ∈ {1, 2, 3, 5, 10, 20, 50} distinct points in ℝ^d, d ∈ {1, 2, 5}, coordinates uniform on [−1, 1] " +
            "(and, for d = 1, an integer grid with repeated projections impossible), labels standard normal; 5 sets per (N, d), seed 15.",
            new Claim("Σⱼ aⱼσ(wⱼᵀx⁽ⁱ⁾ + bⱼ) = y⁽ⁱ⁾ for every point of 105 random sets up to N = 50", () =>
            {
                var random = new Random(15);
                double worst = 0;
                var sets = 0;
                foreach (var n in new[] { 1, 2, 3, 5, 10, 20, 50 })
                    foreach (var d in new[] { 1, 2, 5 })
                        for (var s = 0; s < 5; s++, sets++)
                        {
                            var x = Enumerable.Range(0, n).Select(i => d == 1 && s == 0 ? [i - n / 2.0] : Enumerable.Range(0, d).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
                            var y = Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
                            var (u, b, a) = StepInterpolant.Build(x, y, random);
                            worst = Math.Max(worst, x.Select((p, i) => Math.Abs(StepInterpolant.Output(u, b, a, p) - y[i])).Max());
                        }
                return (worst <= 1e-12, $"{sets} sets; max |f(x⁽ⁱ⁾) − y⁽ⁱ⁾| = {GradientCheck.Sci(worst)} (float64 sums of the telescoped labels)");
            }, "max error ≤ 1e-12"))),

        new("cmu-10417/p2.1-sigmoid-derivative", new WitnessCheck(
            "σ′(x) = σ(x)(1 − σ(x)) on 241 points of [−12, 12], against autograd's derivative of σ.",
            new Witness("σ(x)(1 − σ(x)) vs autograd dσ/dx", () => { var s = GridTensor(-12, 12, 241).sigmoid(); return D(s * (1 - s)); },
                () => D(Grad(x => x.sigmoid().sum(), GridTensor(-12, 12, 241))), 1e-15))),

        new("cmu-10417/p2.2-sigmoid-limits", new WitnessCheck(
            "σ′(x) = exp(−|x|)/(1 + exp(−|x|))² ≤ exp(−|x|): the derived bound against autograd's σ′ at |x| ∈ {5, 10, 20, 40}, both signs.",
            new Claim("autograd σ′(±x) ≤ exp(−|x|) for |x| ∈ {5, 10, 20, 40}", () =>
            {
                var xs = new double[] { -40, -20, -10, -5, 5, 10, 20, 40 };
                var d = D(Grad(x => x.sigmoid().sum(), T(xs)));
                var holds = xs.Select((x, i) => d[i] <= Math.Exp(-Math.Abs(x)) * (1 + 1e-6)).All(ok => ok);   // for x > 0, float64 computes 1 − σ(x) with cancellation (relative error ~1e-16·e^x)
                return (holds, $"σ′(±40) = {Witness.G(d[0])}, {Witness.G(d[^1])}; σ′(±5) = {Witness.G(d[3])}, {Witness.G(d[4])}");
            }, "σ′ ≤ exp(−|x|)·(1 + 1e-6)"),
            // σ′ is even; on the negative side σ(x) is tiny and float64 keeps σ′'s digits (at +40, 1 − σ rounds to 0).
            new Witness("σ′(x)·exp(|x|) → 1 as |x| grows (x = −20, −40)", () => D(Grad(x => x.sigmoid().sum(), T(new double[] { -20, -40 }))).Select((v, i) => v * Math.Exp(20 * (i + 1))).ToArray(),
                () => [1, 1], 1e-8))),

        new("cmu-10417/p2.3-vanishing-gradient", new WitnessCheck(
            "A chain of L sigmoids, a_L = σ(σ(⋯σ(x))), at x = 0.3: the chain rule's product Π σ′(a_(l−1)) against autograd's d a_L / dx for L = 1..10, " +
            "and the bound (¼)^L that makes it vanish.",
            new Witness("Πₗ σ′(aₗ₋₁) vs autograd, L = 1..10", () =>
            {
                var values = new double[10];
                double a = 0.3, product = 1;
                for (var l = 0; l < 10; l++) { var s = 1 / (1 + Math.Exp(-a)); product *= s * (1 - s); a = s; values[l] = product; }
                return values;
            }, () => [.. Enumerable.Range(1, 10).Select(depth => D(Grad(x => { var h = x; for (var l = 0; l < depth; l++) h = h.sigmoid(); return h.sum(); },
                T(new[] { 0.3 })))[0])], 1e-15),
            new Claim("d a_L/dx ≤ (¼)^L for L = 1..10", () =>
            {
                var ok = Enumerable.Range(1, 10).All(depth => D(Grad(x => { var h = x; for (var l = 0; l < depth; l++) h = h.sigmoid(); return h.sum(); },
                    T(new[] { 0.3 })))[0] <= Math.Pow(0.25, depth));
                return (ok, $"at L = 10 the bound is (¼)^10 = {Witness.G(Math.Pow(0.25, 10))}");
            }, "every L"))),

        new("cmu-10417/p2.4-tanh-from-sigmoid", new WitnessCheck(
            "tanh(x) = 2σ(2x) − 1 on 241 points of [−12, 12], against libtorch's tanh.",
            new Witness("2σ(2x) − 1 vs tanh(x)", () => D(2 * (2 * GridTensor(-12, 12, 241)).sigmoid() - 1), () => D(GridTensor(-12, 12, 241).tanh()), 1e-15))),

        new("cmu-10417/p2.5-tanh-network-weights", new WitnessCheck(
            "A random sigmoid network (D = 3 inputs, M = 4 hidden units, K = 2 outputs, weights standard normal, seed 16) and the tanh network with u⁽¹⁾ = w⁽¹⁾/2 " +
            "(biases included), u⁽²⁾_kj = w⁽²⁾_kj/2, u⁽²⁾_k0 = w⁽²⁾_k0 + ½Σⱼ w⁽²⁾_kj: their outputs at 20 random inputs.",
            new Witness("y′ (tanh network, mapped weights) vs y (sigmoid network), 20 inputs × 2 outputs", () =>
            {
                var (x, w1, w10, w2, w20) = TwoNets();
                var (u1, u10, u2, u20) = (w1 / 2, w10 / 2, w2 / 2, w20 + w2.sum(1) / 2);
                return D((x.matmul(u1.T) + u10).tanh().matmul(u2.T) + u20);
            }, () =>
            {
                var (x, w1, w10, w2, w20) = TwoNets();
                return D((x.matmul(w1.T) + w10).sigmoid().matmul(w2.T) + w20);
            }, 1e-14))),

        new("cmu-10417/p2.6-tanh-vanishing", new WitnessCheck(
            "tanh′(x) = 4σ′(2x) = 1 − tanh²(x) on 241 points of [−12, 12] against autograd; its maximum 1 at 0 (σ′'s is ¼), and its limits.",
            new Witness("4σ(2x)(1 − σ(2x)) vs autograd d tanh/dx", () => { var s = (2 * GridTensor(-12, 12, 241)).sigmoid(); return D(4 * s * (1 - s)); },
                () => D(Grad(x => x.tanh().sum(), GridTensor(-12, 12, 241))), 1e-15),
            new Witness("tanh′(0) and σ′(0) (autograd)", () => [1, 0.25], () => [D(Grad(x => x.tanh().sum(), torch.zeros(1, dtype: ScalarType.Float64)))[0],
                D(Grad(x => x.sigmoid().sum(), torch.zeros(1, dtype: ScalarType.Float64)))[0]], 1e-15),
            new Claim("tanh′(±20) ≤ 4·exp(−40): it vanishes too", () =>
            {
                var d = D(Grad(x => x.tanh().sum(), T(new double[] { -20, 20 })));
                return (d.All(v => v <= 4 * Math.Exp(-40)), $"tanh′(±20) = {Witness.G(d[0])}, {Witness.G(d[1])}");
            }, "≤ 4·exp(−2|x|)"))),

        // Each Part's partials in the one-example network, then the same formula in the module the code trains with.
        new("cmu-10417/p3-4.1-output-gradients", new GradientCheck(new CmuBackpropCheck(), "∂L/∂o", "∂L/∂b2").And("SoftmaxCrossEntropyLoss").And("LinearMap", "db")),
        new("cmu-10417/p3-4.2-hidden-gradient", new GradientCheck(new CmuBackpropCheck(), "∂L/∂h").And("LinearMap", "dx")),
        new("cmu-10417/p3-4.3-weight-gradient", new GradientCheck(new CmuBackpropCheck(), "∂L/∂W2").And("LinearMap", "dW")),
        new("cmu-10417/p3-4.4-relu-gradient", new GradientCheck(new CmuBackpropCheck(), "∂L/∂q", "∂L/∂W1", "∂L/∂b1").And("ReLU").And("SingleLayerMLP").And("TwoLayerMLP")),

        new("cmu-10417/p4-5.1-dropout-scalar", new WitnessCheck(
            $"N = D = 1: x = 1.3, y = 0.7, w = 0.9, retain probability p = {Keep}. The derived (y − pxw)² + p(1 − p)(xw)² against the exact expectation over " +
            "R ∈ {0, 1} (p(y − xw)² + (1 − p)y²) and against 200,000 Monte Carlo draws of R; the reference answer's sign is checked too.",
            new Witness("(y − pxw)² + p(1 − p)(xw)² vs the exact E_R", () => [ScalarForm(+1)], () => [Keep * Math.Pow(0.7 - 1.3 * 0.9, 2) + (1 - Keep) * 0.7 * 0.7], 1e-15),
            new Estimate("(y − pxw)² + p(1 − p)(xw)² vs Monte Carlo", () => ScalarForm(+1),
                () => MonteCarlo(T(new[,] { { 1.3 } }), T(new[] { 0.7 }), T(new[] { 0.9 }), Keep, 200_000)),
            new Claim("erratum: the reference answer's (y − pxw)² − p(1 − p)(xw)² is not E_R", () =>
            {
                var exact = Keep * Math.Pow(0.7 - 1.3 * 0.9, 2) + (1 - Keep) * 0.7 * 0.7;
                var gap = Math.Abs(ScalarForm(-1) - exact);
                return (gap > 1e-3, $"it gives {Witness.G(ScalarForm(-1))}, the expectation is {Witness.G(exact)}: off by 2p(1 − p)(xw)² = {Witness.G(gap)}");
            }, "differs by more than 1e-3"))),

        new("cmu-10417/p4-5.2-dropout-general", new WitnessCheck(
            $"N = 3, D = 4 (seed 17), retain probability p = {Keep}. The derived ‖y − pXw‖² + p(1 − p)‖Γw‖², Γ = diag(XᵀX)^½, against the exact expectation " +
            "summed over all 2¹² masks R (each weighted by its probability) and against 100,000 Monte Carlo draws.",
            new Witness("‖y − pXw‖² + p(1 − p)‖Γw‖² vs the exact E_R over 4096 masks", () => { var (x, y, w) = Regression(17, 3, 4); return [RidgeForm(x, y, w, Keep)]; },
                () => { var (x, y, w) = Regression(17, 3, 4); return [ExactExpectation(x, y, w, Keep)]; }, 1e-12),
            new Estimate("‖y − pXw‖² + p(1 − p)‖Γw‖² vs Monte Carlo", () => { var (x, y, w) = Regression(17, 3, 4); return RidgeForm(x, y, w, Keep); },
                () => { var (x, y, w) = Regression(17, 3, 4); return MonteCarlo(x, y, w, Keep, 100_000); }))),
    ];

    // 5.1's closed form with the variance term's sign: +1 derived, −1 the reference answer's.
    private static double ScalarForm(int sign) => Math.Pow(0.7 - Keep * 1.3 * 0.9, 2) + sign * Keep * (1 - Keep) * Math.Pow(1.3 * 0.9, 2);

    private static (torch.Tensor x, torch.Tensor w1, torch.Tensor w10, torch.Tensor w2, torch.Tensor w20) TwoNets()
    {
        torch.manual_seed(16);
        return (Randn(20, 3), Randn(4, 3), Randn(4), Randn(2, 4), Randn(2));
    }
}
