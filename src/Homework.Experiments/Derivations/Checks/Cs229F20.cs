// The live checks of CS229 F20 PS2's derivations (001): MAP as likelihood × prior (Q4(a)), the Gaussian prior's λ
// (Q4(b)), θ_MAP in closed form (Q4(c)), the Laplace prior's γ (Q4(e)), and batch normalisation's gradients (Q6).
// Small random problems, float64, fixed seeds; Q1(d)'s SVM runs on dataset B itself.
using Homework.Data;
using Homework.Data.CourseSets;
using TorchSharp;
using static Homework.Experiments.Derivations.Checks.Num;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations.Checks;

internal static class Cs229F20
{
    private const long N = 7, Dim = 4;
    private const double Sigma = 0.5, Eta = 0.8, B = 0.3;

    // y = Xθ + ε, ε ~ N(0, σ²I): X (n, d), y (n).
    private static (torch.Tensor x, torch.Tensor y) Data(long seed)
    {
        torch.manual_seed(seed);
        var x = Randn(N, Dim);
        return (x, x.matmul(Randn(Dim) * Eta) + Sigma * Randn(N));
    }

    private static torch.Tensor Eye(long n) => torch.eye(n, dtype: ScalarType.Float64);

    // The minimiser of −log p(y|X,θ) − log p(θ) found numerically: gradient descent on its smooth Gaussian form.
    private static torch.Tensor MinimiseNegativeLogPosterior(torch.Tensor x, torch.Tensor y)
    {
        var theta = torch.zeros(Dim, dtype: ScalarType.Float64);
        var step = 1 / (torch.linalg.eigvalsh(x.T.matmul(x)).max().item<double>() / (Sigma * Sigma) + 1 / (Eta * Eta));
        for (var t = 0; t < 1500; t++)
            theta = theta - step * Grad(th => -Log(x, y, th) - Num.GaussianLogDensity(th, torch.zeros(Dim, dtype: ScalarType.Float64), Eta * Eta * Eye(Dim)), theta);
        return theta;
    }

    // log p(y|X,θ) from the general Gaussian density with Σ = σ²I, kept as a tensor for autograd.
    private static torch.Tensor Log(torch.Tensor x, torch.Tensor y, torch.Tensor theta) =>
        -(y - x.matmul(theta)).square().sum() / (2 * Sigma * Sigma) - N / 2.0 * Math.Log(2 * Math.PI * Sigma * Sigma);

    // The posterior mean by Gaussian conditioning of the joint (θ, y): η²Xᵀ(η²XXᵀ + σ²I)⁻¹y — a different route to the same point.
    private static torch.Tensor Conditioned(torch.Tensor x, torch.Tensor y) =>
        Eta * Eta * x.T.matmul(torch.linalg.solve(Eta * Eta * x.matmul(x.T) + Sigma * Sigma * Eye(N), y.unsqueeze(1))).squeeze(1);

    // Dataset B (stability/ds1_b.csv): rows (1, x₁, x₂) with the intercept, labels ±1, and the raw 0/1 labels.
    private static (double[][] x, double[] y, double[] labels) SetB()
    {
        var table = CsvTable.Read(CourseSets.FilePath("stability", "ds1_b.csv"));
        return ([.. table.Rows.Select(r => new[] { 1.0, r[0], r[1] })], [.. table.Rows.Select(r => r[2] == 1 ? 1.0 : -1.0)], [.. table.Rows.Select(r => r[2])]);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    // Logistic loss (1/n) Σ log(1 + exp(−y θᵀx)), computed stably.
    private static double LogisticLoss(double[][] x, double[] y, double[] theta) =>
        x.Select((xi, i) => { var m = y[i] * Dot(theta, xi); return m > 0 ? double.LogP1(Math.Exp(-m)) : -m + double.LogP1(Math.Exp(m)); }).Average();

    private const double SvmLambda = 0.01;

    // J(θ) = λ/2 ‖θ‖² + (1/n) Σ max(0, 1 − y θᵀx).
    private static double SvmObjective(double[][] x, double[] y, double[] theta) =>
        SvmLambda / 2 * Dot(theta, theta) + x.Select((xi, i) => Math.Max(0, 1 - y[i] * Dot(theta, xi))).Average();

    // Pegasos on the full batch: θ ← θ − (1/(λt)) (λθ − (1/n) Σ_{margin<1} y x); returns θ after each of the given step counts.
    private static List<double[]> Pegasos(double[][] x, double[] y, params int[] at)
    {
        var theta = new double[x[0].Length];
        var kept = new List<double[]>();
        for (var t = 1; t <= at.Max(); t++)
        {
            var g = theta.Select(v => SvmLambda * v).ToArray();
            for (var i = 0; i < x.Length; i++)
                if (y[i] * Dot(theta, x[i]) < 1)
                    for (var j = 0; j < g.Length; j++) g[j] -= y[i] * x[i][j] / x.Length;
            var step = 1 / (SvmLambda * t);
            for (var j = 0; j < g.Length; j++) theta[j] -= step * g[j];
            if (at.Contains(t)) kept.Add([.. theta]);
        }
        return kept;
    }

    private static string Vec(double[] v) => "(" + string.Join(", ", v.Select(c => c.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    public static IEnumerable<KeyValuePair<string, IDerivationCheck>> All =>
    [
        new("cs229-f20/q1d-svm-on-b", new WitnessCheck(
            $"On dataset B (our regeneration of ds1_b.csv, 100 points, labels as ±1, intercept included): B is separable (convex-hull test); " +
            $"logistic loss along the SVM's separating ray falls for c = 1 … 64 towards 0; the SVM objective (λ = {SvmLambda}) minimised by " +
            "full-batch Pegasos reaches a θ whose norm is the same after 20,000 and 40,000 steps (within 0.5%), that separates B, and that no rescaling c·θ improves.",
            new Claim("B is linearly separable", () =>
            {
                var (x, _, labels) = SetB();
                var holds = Separability.LinearlySeparable([.. x.Select(r => new[] { r[1], r[2] })], labels);
                return (holds, holds ? "the two classes' convex hulls do not meet" : "the hulls meet");
            }, "convex hulls of the two classes (Homework.Data.Separability)"),
            new Claim("logistic loss has no minimiser on B: L(cθ) falls strictly towards 0 along a separating ray", () =>
            {
                var (x, y, _) = SetB();
                var theta = Pegasos(x, y, 40_000)[0];
                var losses = new[] { 1.0, 2, 4, 8, 16, 32, 64 }.Select(c => LogisticLoss(x, y, [.. theta.Select(v => c * v)])).ToArray();
                var falling = losses.Zip(losses.Skip(1), (a, b) => b < a).All(f => f);
                return (falling && losses[^1] < losses[0] / 100, $"L(cθ) for c = 1, 2, …, 64: {string.Join(", ", losses.Select(GradientCheck.Sci))}");
            }, "θ = the SVM's separator; logistic loss evaluated along c·θ"),
            new Claim("the SVM's iterates converge: ‖θ‖ after 20,000 and 40,000 Pegasos steps agree within 0.5%", () =>
            {
                var (x, y, _) = SetB();
                var kept = Pegasos(x, y, 10_000, 20_000, 40_000);
                var norms = kept.Select(t => Math.Sqrt(Dot(t, t))).ToArray();
                return (Math.Abs(norms[2] - norms[1]) <= 0.005 * norms[2], $"‖θ‖ = {norms[0]:0.####}, {norms[1]:0.####}, {norms[2]:0.####} after 10k, 20k, 40k steps; θ = {Vec(kept[2])}");
            }, "full-batch Pegasos, step 1/(λt), from θ = 0"),
            new Claim("the SVM's θ separates B and no rescaling c·θ lowers J", () =>
            {
                var (x, y, _) = SetB();
                var theta = Pegasos(x, y, 40_000)[0];
                var minMargin = x.Select((xi, i) => y[i] * Dot(theta, xi)).Min();
                var j = SvmObjective(x, y, theta);
                var scaled = new[] { 0.5, 0.9, 1.1, 2, 10 }.Select(c => SvmObjective(x, y, [.. theta.Select(v => c * v)])).ToArray();
                return (minMargin > 0 && scaled.All(s => s >= j - 1e-9),
                    $"smallest margin yθᵀx = {minMargin:0.####}; J(θ) = {j:0.######}; J(cθ) for c = 0.5, 0.9, 1.1, 2, 10: {string.Join(", ", scaled.Select(s => s.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)))}");
            }, "margins and J along the ray c·θ"))),

        new("cs229-f20/q4a-map-is-likelihood-times-prior", new WitnessCheck(
            $"Linear regression y = θᵀx + ε, ε ~ N(0, σ²), prior θ ~ N(0, η²I) drawn independently of x (σ = {Sigma}, η = {Eta}, n = {N}, d = {Dim}, seed 7). " +
            "The posterior's mode is computed by Gaussian conditioning of the joint distribution of (θ, y) given x (posterior mean = mode for a Gaussian): η²Xᵀ(η²XXᵀ + σ²I)⁻¹y. " +
            "It must equal the maximiser of p(y|x, θ)p(θ), found by 1500 steps of gradient descent on −log p(y|x, θ) − log p(θ). And −log p(θ|x, y) differs " +
            "from −log p(y|x, θ) − log p(θ) by the same constant log p(y|x) at every θ.",
            new Witness("argmax p(y|x,θ)p(θ) (gradient descent) vs the conditioned posterior's mode", () => { var (x, y) = Data(7); return D(MinimiseNegativeLogPosterior(x, y)); },
                () => { var (x, y) = Data(7); return D(Conditioned(x, y)); }, 1e-9),
            new Witness("log p(θ|x,y) − log p(y|x,θ) − log p(θ) + log p(y|x) at five random θ", () =>
            {
                var (x, y) = Data(7);
                var zero = torch.zeros(Dim, dtype: ScalarType.Float64);
                var mean = Conditioned(x, y);
                var cov = torch.linalg.inv(x.T.matmul(x) / (Sigma * Sigma) + Eye(Dim) / (Eta * Eta));            // posterior covariance
                var evidence = Num.GaussianLogDensity(y, torch.zeros(N, dtype: ScalarType.Float64), Eta * Eta * x.matmul(x.T) + Sigma * Sigma * Eye(N));
                return [.. Enumerable.Range(0, 5).Select(_ =>
                {
                    var th = Randn(Dim);
                    return (Num.GaussianLogDensity(th, mean, cov) - Log(x, y, th) - Num.GaussianLogDensity(th, zero, Eta * Eta * Eye(Dim)) + evidence).item<double>();
                })];
            }, () => Zeros(5), 1e-10))),

        new("cs229-f20/q4b-gaussian-prior-l2", new WitnessCheck(
            $"σ = {Sigma}, η = {Eta}, n = {N}, d = {Dim} (seed 8). −log p(y|x,θ) − log p(θ), with log p(θ) from the general multivariate normal density of N(0, η²I) " +
            "(its inverse and determinant computed numerically), minus (−log p(y|x,θ) + λ‖θ‖²) with λ = 1/(2η²), must be the same constant at every θ, " +
            "so both have the same minimiser. The constant is d/2·log(2πη²).",
            new Witness("the difference at five random θ, minus d/2·log(2πη²)", () =>
            {
                var (x, y) = Data(8);
                var lambda = 1 / (2 * Eta * Eta);
                return [.. Enumerable.Range(0, 5).Select(_ =>
                {
                    var th = Randn(Dim) * 2;
                    var negLogPosterior = (-Log(x, y, th) - Num.GaussianLogDensity(th, torch.zeros(Dim, dtype: ScalarType.Float64), Eta * Eta * Eye(Dim))).item<double>();
                    var regularised = -Log(x, y, th).item<double>() + lambda * th.square().sum().item<double>();
                    return negLogPosterior - regularised - Dim / 2.0 * Math.Log(2 * Math.PI * Eta * Eta);
                })];
            }, () => Zeros(5), 1e-10))),

        new("cs229-f20/q4c-map-closed-form", new WitnessCheck(
            $"σ = {Sigma}, η = {Eta}, n = {N}, d = {Dim} (seed 9). θ_MAP = (XᵀX + (σ²/η²)I)⁻¹Xᵀy against two independent routes: the minimiser of the negative log " +
            "posterior by gradient descent, and the posterior mode by Gaussian conditioning, η²Xᵀ(η²XXᵀ + σ²I)⁻¹y.",
            new Witness("closed form vs gradient descent on −log p(y|x,θ) − log p(θ)", () => { var (x, y) = Data(9); return D(MapClosedForm(x, y)); },
                () => { var (x, y) = Data(9); return D(MinimiseNegativeLogPosterior(x, y)); }, 1e-9),
            new Witness("closed form vs Gaussian conditioning", () => { var (x, y) = Data(9); return D(MapClosedForm(x, y)); },
                () => { var (x, y) = Data(9); return D(Conditioned(x, y)); }, 1e-10))),

        new("cs229-f20/q4e-laplace-prior-l1", new WitnessCheck(
            $"σ = {Sigma}, b = {B}, n = {N}, d = {Dim} (seed 10). 2σ²·(−log p(y|x,θ) − Σᵢ log f_L(θᵢ|0, b)), with f_L the Laplace density evaluated as given, minus " +
            "(‖Xθ − y‖² + γ‖θ‖₁) with γ = 2σ²/b, must be the same constant at every θ: 2σ²(n/2·log(2πσ²) + d·log(2b)).",
            new Witness("the difference at five random θ, minus the constant", () =>
            {
                var (x, y) = Data(10);
                var gamma = 2 * Sigma * Sigma / B;
                return [.. Enumerable.Range(0, 5).Select(_ =>
                {
                    var th = Randn(Dim);
                    var logPrior = D(th).Sum(t => Math.Log(1 / (2 * B) * Math.Exp(-Math.Abs(t) / B)));
                    var scaled = 2 * Sigma * Sigma * (-Log(x, y, th).item<double>() - logPrior);
                    var lasso = (x.matmul(th) - y).square().sum().item<double>() + gamma * th.abs().sum().item<double>();
                    return scaled - lasso - 2 * Sigma * Sigma * (N / 2.0 * Math.Log(2 * Math.PI * Sigma * Sigma) + Dim * Math.Log(2 * B));
                })];
            }, () => Zeros(5), 1e-10))),

        new("cs229-f20/q4-map-objective-gradient", new GradientCheck("Ridge", "J: dtheta")),
        new("cs229-f20/q6a-batchnorm-beta-gamma-xhat", new GradientCheck("BatchNorm", "eps=0: dbeta", "eps=0: dgamma", "eps=0: dxhat", "eps=1e-5: dbeta", "eps=1e-5: dgamma", "eps=1e-5: dxhat")),
        new("cs229-f20/q6b-batchnorm-variance", new GradientCheck("BatchNorm", "eps=0: dv", "eps=1e-5: dv")),
        new("cs229-f20/q6c-batchnorm-mean", new GradientCheck("BatchNorm", "eps=0: dmu", "eps=1e-5: dmu")),
        new("cs229-f20/q6d-batchnorm-input", new GradientCheck("BatchNorm", "eps=0: dx", "eps=1e-5: dx")),
    ];

    private static torch.Tensor MapClosedForm(torch.Tensor x, torch.Tensor y) =>
        torch.linalg.solve(x.T.matmul(x) + Sigma * Sigma / (Eta * Eta) * Eye(Dim), x.T.matmul(y).unsqueeze(1)).squeeze(1);
}
