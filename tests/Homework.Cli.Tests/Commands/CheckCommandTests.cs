// `homework check`: a student's file from --template, with the backward written from the math below (not copied from
// the project's classes), passes; each planted mistake fails naming its gradient; a compile error, an exception and an
// endless loop are each one error block with the student's file:line, exit code 2, no stack trace of ours.
// --watch runs as a child process of the test, edited while it watches.
using System.Diagnostics;

namespace Homework.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-check-");

    public void Dispose() => root.Delete(recursive: true);

    // y = W x + b, y_ob = Σ_i W_oi x_ib + b_o:  dx = Wᵀ dy,  dW = dy xᵀ,  db = Σ_b dy_ob (kept as a column).
    private const string LinearMapBackward = """
                var dx = W.T.matmul(dy);
                var dW = dy.matmul(x.T);
                var db = dy.sum(1, keepdim: true);
                return new LinearMap.Gradients(dx, dW, db);
        """;

    // L = -(1/N) Σ_n Σ_k y_nk log p_nk:  dL/dz_nk = (p_nk - y_nk) / N, scaled by the upstream dLoss.
    private const string SoftmaxCrossEntropyBackward = """
                var n = p.size(0);
                return (p - y) * dLoss / n;
        """;

    // 000 Q3(a), with z2 = h w2 + b2, z1 = X W1 + b1 and σ' = σ(1 − σ):
    //   dz2 = dO ⊙ o(1 − o);  dw2 = hᵀ dz2;  db2 = Σ_i dz2_i;  dz1 = (dz2 w2ᵀ) ⊙ h(1 − h);  dW1 = Xᵀ dz1;  db1 = Σ_i dz1_i;  dX = dz1 W1ᵀ.
    private const string TwoThreeOneBackward = """
                var dz2 = dO * o * (1 - o);
                var dz1 = dz2.outer(w2) * h * (1 - h);
                return new TwoThreeOneNetwork.Gradients(X.T.matmul(dz1), dz1.sum(dim: 0), h.T.matmul(dz2), dz2.sum().reshape(1), dz1.matmul(W1.T));
        """;

    //   dl/dw^{[1]}_{1,2} = 2/n Σ_i (o_i − y_i) o_i(1 − o_i) w^{[2]}_2 h_{2,i}(1 − h_{2,i}) x_{1,i}
    private const string GradW12Body = """
                var n = X.size(0);
                return 2 * ((o - y) * o * (1 - o) * w2[1] * h2 * (1 - h2) * x1).sum() / n;
        """;

    // z = x̃ w (+ b), x̃ = [x, 1] under the bias trick:  dw = x̃ᵀ dz;  db = Σ_n dz_n;  dx = dz w_xᵀ with w_x the entries that multiply x.
    private const string LogisticBackward = """
                var wx = b is null ? w.narrow(0, 0, w.size(0) - 1) : w;
                return new LogisticRegression.Gradients(inputs.T.matmul(dz), b is null ? null : dz.sum(), dz.outer(wx));
        """;

    // ∂(c Σ_i w_i²)/∂w_i = 2 c w_i on the penalised entries, 0 on the bias trick's last one.
    private const string LogisticPenalty = """
                var g = w * (2 * L2) * dLoss;
                return b is null ? torch.cat([g.narrow(0, 0, g.size(0) - 1), torch.zeros(1, w.dtype)]) : g;
        """;

    // 000 Q4(a), rows as examples, logits = a W2 + b2, a = σ(z), z = X W1 + b1:  da = dlogits W2ᵀ;  dz = da ⊙ a(1 − a).
    private const string SigmoidMlpBackward = """
                var da = dlogits.matmul(W2.T);
                var dz = da * a * (1 - a);
                return new SigmoidMlp.Gradients(X, a, dz, dlogits, W1);
        """;

    // ∂ lambda(‖W1‖² + ‖W2‖²) / ∂Wi = 2 lambda Wi.
    private const string SigmoidMlpPenalty = """
                return (2 * lambda * W1, 2 * lambda * W2);
        """;

    // z = x̃ W (+ b), x̃ = [x, 1] under the bias trick:  dW = x̃ᵀ dZ;  db = Σ_n dZ_n;  dx = dZ W_xᵀ with W_x the rows that multiply x.
    private const string SoftmaxRegressionBackward = """
                var wx = b is null ? W.narrow(0, 0, W.size(0) - 1) : W;
                return new SoftmaxRegression.Gradients(inputs.T.matmul(dZ), b is null ? null : dZ.sum(dim: 0), dZ.matmul(wx.T));
        """;

    // ∂(c Σ W_ik²)/∂W_ik = 2 c W_ik on the penalised rows, 0 on the bias trick's last one (004 eq. (28), 002 Q3).
    private const string SoftmaxRegressionPenalty = """
                var g = W * (2 * L2) * dLoss;
                return b is null ? torch.cat([g.narrow(0, 0, g.size(0) - 1), torch.zeros(1, W.size(1), W.dtype)]) : g;
        """;

    // 003 eq. (24): h = max(0, x) · s, so dx = dh · 1[x > 0] · s.
    private const string ReLUBackward = """
                return dy * x.gt(0).to(dy.dtype) * s;
        """;

    // 003 eq. (18) per column, averaged over the B columns: dL/do = dLoss · (p − y) / B.
    private const string CmuLossBackward = """
                return (p - y) * dLoss / p.size(1);
        """;

    // f = X θ:  dθ = Xᵀ df;  dX = df θᵀ.  d(λ‖θ‖²)/dθ = 2λθ.
    private const string RidgeBackward = """
                return new Ridge.Gradients(X.T.matmul(df), df.outer(theta));
        """;

    private const string RidgePenalty = """
                return 2 * lambda * theta;
        """;

    // f = X β:  dβ = Xᵀ df;  dX = df βᵀ.
    private const string LeastSquaresBackward = """
                return new LeastSquares.Gradients(X.T.matmul(df), df.outer(beta));
        """;

    // f = X β, β = θ⊙θ − φ⊙φ:  dβ = Xᵀ df;  dθ = 2θ ⊙ dβ;  dφ = −2φ ⊙ dβ;  dX = df βᵀ.
    private const string QuadraticBackward = """
                var dbeta = X.T.matmul(df);
                return new QuadraticModel.Gradients(2 * theta * dbeta, -2 * phi * dbeta, df.outer(beta));
        """;

    // 000 eqs. (6)-(7), r = f − y:  dJ/dθ = (1/n) Σ_i r_i (θ ⊙ x_i);  dJ/dφ = −(1/n) Σ_i r_i (φ ⊙ x_i).
    private const string QuadraticLossGradient = """
                var xr = X.T.matmul(f - y) / n;
                return (theta * xr, -phi * xr);
        """;

    // 001 Q6, sums over the batch i:  dβ = Σ dy_i;  dγ = Σ dy_i ⊙ x̂_i;  dx̂_i = γ ⊙ dy_i;  dv = Σ dx̂_i ⊙ (x_i − μ) ⊙ (−½) s³;
    // dμ = −s ⊙ Σ dx̂_i;  dx_i = s ⊙ dx̂_i + 2(x_i − μ)/m ⊙ dv + dμ/m, with s = (v + eps)^(−½).
    private const string BatchNormBackward = """
                var dbeta = dy.sum(dim: 0);
                var dgamma = (dy * xhat).sum(dim: 0);
                var dxhat = gamma * dy;
                var dv = (dxhat * (x - mu)).sum(dim: 0) * (-0.5) * s.pow(3);
                var dmu = -s * dxhat.sum(dim: 0);
                var dx = s * dxhat + 2.0 * (x - mu) / m * dv + dmu / m;
                return new BatchNorm.Gradients(dbeta, dgamma, dxhat, dv, dmu, dx);
        """;

    // logits = a2 W2 + b2, a2 = flatten(ReLU(z)), z_n = Wc cols_n + bias:  dW2 = a2ᵀ dlogits;  db2 = Σ_n dlogits_n;
    // dz = (dlogits W2ᵀ) ⊙ [z > 0];  dWc = Σ_n dz_n cols_nᵀ;  dbias = Σ_{n, pixels} dz;  dcols_n = Wcᵀ dz_n;  dX = col2im(dcols).
    private const string CnnBackward = """
                var dW2 = a2.T.matmul(dlogits);
                var db2 = dlogits.sum(dim: 0);
                var dz = dlogits.matmul(W2.T).reshape(active.shape) * active;
                var dWc = dz.matmul(cols.transpose(1, 2)).sum(dim: 0);
                var dbias = dz.sum([0, 2]);
                var dcols = Wc.T.matmul(dz);
                var dX = torch.nn.functional.fold(dcols, (X.size(2), X.size(3)), (3, 3), padding: (1, 1));
                return new Cnn.Gradients(dWc.reshape(conv_weight.shape), dbias, dW2, db2, dX);
        """;

    // 003 Part 4, columns as examples, logits = W2 h + b2, h = max(0, pot) · s, pot = W1 x + b1:  dW2 = dlogits hᵀ;
    // db2 = Σ_b dlogits;  dh = W2ᵀ dlogits;  dpot = dh · 1[pot > 0] · s;  dW1 = dpot xᵀ;  db1 = Σ_b dpot;  dx = W1ᵀ dpot.
    private const string SingleLayerMLPBackward = """
                var dW2 = dlogits.matmul(h.T);
                var db2 = dlogits.sum(1, keepdim: true);
                var dh = W2.T.matmul(dlogits);
                var dpot = dh * pot.gt(0).to(dh.dtype) * s;
                var dW1 = dpot.matmul(x.T);
                var db1 = dpot.sum(1, keepdim: true);
                var dx = W1.T.matmul(dpot);
                return new SingleLayerMLP.Gradients(dx, new LinearMap.Gradients(dx, dW1, db1), new LinearMap.Gradients(dh, dW2, db2));
        """;

    // The same two rules, LinearMap's (dW = dout inᵀ, db = Σ_b dout, din = Wᵀ dout) and ReLU's (dpot = dh · 1[pot > 0] · s),
    // through one more hidden layer.
    private const string TwoLayerMLPBackward = """
                var dW3 = dlogits.matmul(h2.T);
                var db3 = dlogits.sum(1, keepdim: true);
                var dh2 = W3.T.matmul(dlogits);
                var dpot2 = dh2 * pot2.gt(0).to(dh2.dtype) * s2;
                var dW2 = dpot2.matmul(h1.T);
                var db2 = dpot2.sum(1, keepdim: true);
                var dh1 = W2.T.matmul(dpot2);
                var dpot1 = dh1 * pot1.gt(0).to(dh1.dtype) * s1;
                var dW1 = dpot1.matmul(x.T);
                var db1 = dpot1.sum(1, keepdim: true);
                var dx = W1.T.matmul(dpot1);
                return new TwoLayerMLP.Gradients(dx, new LinearMap.Gradients(dx, dW1, db1), new LinearMap.Gradients(dh1, dW2, db2), new LinearMap.Gradients(dh2, dW3, db3));
        """;

    private string Reports => Path.Combine(root.FullName, "reports");

    // The model's template with each "write ..." stub (and a commented return after it) replaced by the bodies, in order.
    private string Student(string model, string body, string name = "Student.cs", string? second = null)
    {
        var path = Path.Combine(root.FullName, name);
        var (code, stdout, stderr) = BadInputTests.Homework("check", "--template", model, path);
        Assert.True(code == 0, stderr);
        Assert.Contains($"wrote {path}", stdout);
        var lines = File.ReadAllLines(path).ToList();
        var bodies = new Queue<string>(second is null ? [body] : [body, second]);
        var stubs = lines.Select((l, i) => (l, i)).Where(p => p.l.Contains("throw new NotImplementedException(\"write ", StringComparison.Ordinal)).Select(p => p.i).Reverse().ToList();
        Assert.Equal(bodies.Count, stubs.Count);
        var ordered = bodies.Reverse().ToList();
        for (var k = 0; k < stubs.Count; k++)
        {
            var at = stubs[k];
            if (at + 1 < lines.Count && lines[at + 1].TrimStart().StartsWith("// return", StringComparison.Ordinal)) lines.RemoveAt(at + 1);
            lines[at] = ordered[k].TrimEnd();
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    // A generous time limit unless a test sets its own: a check that takes a few seconds idle can pass the default 30 s
    // on a busy 2-core machine, and a stopped check (exit code 2) must not pass for a failed one.
    private (int code, string stdout, string stderr) Check(string path, params string[] more) =>
        BadInputTests.Homework(["check", path, "--reports", Reports, .. more, .. more.Contains("--timeout") ? Array.Empty<string>() : ["--timeout", "600"]]);

    private static void AssertNoStackTraceOfOurs(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Homework.GradCheck", stderr);
        Assert.DoesNotContain("Homework.Cli", stderr);
    }

    [Fact]
    public void A_correct_backward_passes_every_gradient_at_every_seed_and_the_page_shows_the_table()
    {
        var (code, stdout, stderr) = Check(Student("LinearMap", LinearMapBackward));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 9 gradients pass", stdout);
        foreach (var row in new[] { "seed 0: dx  [5, 4]", "seed 1: dW  [4, 4]", "seed 2: db  [6, 1]" }) Assert.Contains(row, stdout);
        var page = File.ReadAllText(Path.Combine(Reports, "check", "index.html"));
        Assert.Contains("seed 2: db", page);
        Assert.Contains("all 9 gradients pass", page);
        // The derivation pages of the gradients a LinearMap computes (003 P3's weight gradient among them) are linked.
        Assert.Contains("href=\"../cmu-10417/p3-4.3-weight-gradient/index.html\"", page);

        var (lossCode, lossOut, lossErr) = Check(Student("SoftmaxCrossEntropy", SoftmaxCrossEntropyBackward, "Loss.cs"));
        Assert.True(lossCode == 0, lossOut + lossErr);
        Assert.Contains("all 3 gradients pass", lossOut);
        Assert.Contains("seed 2: dlogits  [8, 3]", lossOut);
    }

    [Fact]
    public void The_two_three_one_network_with_the_q3a_formula_passes_and_a_forgotten_one_over_n_fails_naming_the_formula()
    {
        var (code, stdout, stderr) = Check(Student("TwoThreeOneNetwork", TwoThreeOneBackward, "Net.cs", GradW12Body));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 30 gradients pass", stdout);
        Assert.Contains("seed 1: o: dX", stdout);

        var (wrong, wrongOut, wrongErr) = Check(Student("TwoThreeOneNetwork", TwoThreeOneBackward, "Net2.cs", GradW12Body.Replace(".sum() / n;", ".sum();")));
        Assert.Equal(1, wrong);
        Assert.Contains("FAIL seed 0: l: dw1_12 (Q3a formula)", wrongErr);
        Assert.Contains("2 of 30 gradients FAIL", wrongOut);                    // seed 2 has n = 1, where 1/n is 1: it passes
        Assert.DoesNotContain("FAIL seed 2", wrongErr);
    }

    [Fact]
    public void Logistic_regression_in_its_three_forms_passes_and_a_forgotten_bias_trick_column_or_penalty_factor_fails()
    {
        var (code, stdout, stderr) = Check(Student("LogisticRegression", LogisticBackward, "Logistic.cs", LogisticPenalty));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 21 gradients pass", stdout);
        Assert.Contains("seed 2: db [002]", stdout);

        // dx from all of w under the bias trick: (N, I+1) against autograd's (N, I).
        var (shape, _, shapeErr) = Check(Student("LogisticRegression", LogisticBackward.Replace("var wx = b is null ? w.narrow(0, 0, w.size(0) - 1) : w;", "var wx = w;"), "Logistic2.cs", LogisticPenalty));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: dx [004]: wrong shape: expected [7, 4] (autograd's), got [7, 5]", shapeErr);
        // c‖w‖² differentiated as c w: only 001's form carries a penalty, so only its dw fails.
        var (half, _, halfErr) = Check(Student("LogisticRegression", LogisticBackward, "Logistic3.cs", LogisticPenalty.Replace("(2 * L2)", "L2")));
        Assert.True(half == 1, halfErr);
        Assert.Contains("FAIL seed 0: dw [001]", halfErr);
        Assert.DoesNotContain("[004]", halfErr);
    }

    [Fact]
    public void The_q4_sigmoid_network_passes_and_a_forgotten_sigmoid_derivative_or_penalty_factor_fails_naming_the_gradient()
    {
        var (code, stdout, stderr) = Check(Student("SigmoidMlp", SigmoidMlpBackward, "Mlp.cs", SigmoidMlpPenalty));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 27 gradients pass", stdout);
        Assert.Contains("seed 2: J_MB+L2: db2", stdout);

        // σ'(z) forgotten: every gradient behind the hidden layer (dW1, db1, dX) breaks, dW2 and db2 do not.
        var (sigma, _, sigmaErr) = Check(Student("SigmoidMlp", SigmoidMlpBackward.Replace("var dz = da * a * (1 - a);", "var dz = da;"), "Mlp2.cs", SigmoidMlpPenalty));
        Assert.Equal(1, sigma);
        foreach (var named in new[] { "FAIL seed 0: logits: dW1", "FAIL seed 0: logits: db1", "FAIL seed 0: logits: dX", "FAIL seed 1: J_MB+L2: dW1" }) Assert.Contains(named, sigmaErr);
        Assert.DoesNotContain("dW2", sigmaErr);
        // ‖W‖² differentiated as W: only J_MB's weight gradients carry the penalty.
        var (half, _, halfErr) = Check(Student("SigmoidMlp", SigmoidMlpBackward, "Mlp3.cs", SigmoidMlpPenalty.Replace("2 * lambda", "lambda")));
        Assert.Equal(1, half);
        Assert.Contains("FAIL seed 0: J_MB+L2: dW1", halfErr);
        Assert.Contains("FAIL seed 0: J_MB+L2: dW2", halfErr);
        Assert.DoesNotContain("logits:", halfErr);
        AssertNoStackTraceOfOurs(halfErr);
    }

    [Fact]
    public void Softmax_regression_in_both_forms_passes_and_a_bias_summed_to_a_scalar_or_a_penalised_bias_row_fails_naming_the_gradient()
    {
        var (code, stdout, stderr) = Check(Student("SoftmaxRegression", SoftmaxRegressionBackward, "Softmax.cs", SoftmaxRegressionPenalty));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 15 gradients pass", stdout);
        Assert.Contains("seed 2: dx [004]", stdout);

        // db summed over every element instead of over the batch: a scalar where autograd has (K).
        var (scalar, _, scalarErr) = Check(Student("SoftmaxRegression", SoftmaxRegressionBackward.Replace("dZ.sum(dim: 0)", "dZ.sum()"), "Softmax2.cs", SoftmaxRegressionPenalty));
        Assert.Equal(2, scalar);
        Assert.Contains("error seed 0: db [002]: wrong shape: expected [4] (autograd's), got []", scalarErr);
        // dx through the bias row too: (N, I+1) against autograd's (N, I).
        var (row, _, rowErr) = Check(Student("SoftmaxRegression", SoftmaxRegressionBackward.Replace("var wx = b is null ? W.narrow(0, 0, W.size(0) - 1) : W;", "var wx = W;"), "Softmax3.cs", SoftmaxRegressionPenalty));
        Assert.Equal(2, row);
        Assert.Contains("error seed 0: dx [004]: wrong shape: expected [6, 5] (autograd's), got [6, 6]", rowErr);
        // The bias row penalised (004 eq. (27) read literally, where the check follows 002's unpenalised bias): dW [004] fails.
        var (penalised, _, penalisedErr) = Check(Student("SoftmaxRegression", SoftmaxRegressionBackward, "Softmax4.cs",
            SoftmaxRegressionPenalty.Replace("return b is null ? torch.cat([g.narrow(0, 0, g.size(0) - 1), torch.zeros(1, W.size(1), W.dtype)]) : g;", "return g;")));
        Assert.Equal(1, penalised);
        Assert.Contains("FAIL seed 0: dW [004]", penalisedErr);
        Assert.DoesNotContain("[002]", penalisedErr);
        AssertNoStackTraceOfOurs(penalisedErr);
    }

    [Fact]
    public void The_cmu_relu_and_column_loss_pass_and_a_forgotten_dropout_factor_or_a_mean_over_the_classes_fails()
    {
        var (code, stdout, stderr) = Check(Student("ReLU", ReLUBackward, "Relu.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 6 gradients pass", stdout);
        // The dropout factor left out: the kept units agree in training, but inference's (1 − p) is missing.
        var (scale, _, scaleErr) = Check(Student("ReLU", ReLUBackward.Replace(" * s;", ";"), "Relu2.cs"));
        Assert.Equal(1, scale);
        Assert.Contains("FAIL seed 0: dx (eval, x(1-p))", scaleErr);

        var (lossCode, lossOut, lossErr) = Check(Student("SoftmaxCrossEntropyLoss", CmuLossBackward, "CmuLoss.cs"));
        Assert.True(lossCode == 0, lossOut + lossErr);
        Assert.Contains("all 3 gradients pass", lossOut);
        Assert.Contains("SoftmaxCrossEntropyLoss  seed 1: dlogits  [3, 7]", lossOut);   // bound by its class name, not to the row loss
        // Averaged over the K rows instead of the B columns (the rows-as-examples habit).
        var (rows, rowsOut, rowsErr) = Check(Student("SoftmaxCrossEntropyLoss", CmuLossBackward.Replace("p.size(1)", "p.size(0)"), "CmuLoss2.cs"));
        Assert.Equal(1, rows);
        Assert.Contains("FAIL seed 0: dlogits", rowsErr);
        Assert.Contains("3 of 3 gradients FAIL", rowsOut);
        AssertNoStackTraceOfOurs(rowsErr);
    }

    [Fact]
    public void Ridge_passes_and_a_penalty_without_its_factor_2_or_a_gradient_of_theta_transposed_fails()
    {
        var (code, stdout, stderr) = Check(Student("Ridge", RidgeBackward, "Ridge.cs", RidgePenalty));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 6 gradients pass", stdout);
        var (half, _, halfErr) = Check(Student("Ridge", RidgeBackward, "Ridge2.cs", RidgePenalty.Replace("2 * lambda", "lambda")));
        Assert.Equal(1, half);
        Assert.Contains("FAIL seed 0: J: dtheta", halfErr);
        Assert.DoesNotContain("dX", halfErr);
        // dX as θ dfᵀ: (d, n) where autograd has (n, d).
        var (shape, _, shapeErr) = Check(Student("Ridge", RidgeBackward.Replace("df.outer(theta)", "theta.outer(df)"), "Ridge3.cs", RidgePenalty));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: J: dX: wrong shape: expected [6, 5] (autograd's), got [5, 6]", shapeErr);
        AssertNoStackTraceOfOurs(shapeErr);
    }

    [Fact]
    public void Least_squares_passes_and_a_wrong_sign_or_dX_transposed_fails()
    {
        var (code, stdout, stderr) = Check(Student("LeastSquares", LeastSquaresBackward, "LeastSquares.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 6 gradients pass", stdout);
        var (sign, _, signErr) = Check(Student("LeastSquares", LeastSquaresBackward.Replace("X.T.matmul(df)", "-X.T.matmul(df)"), "LeastSquares2.cs"));
        Assert.Equal(1, sign);
        Assert.Contains("FAIL seed 0: J: dbeta (eq. 3)", signErr);
        Assert.DoesNotContain("dX", signErr);
        // dX as β dfᵀ: (d, n) where autograd has (n, d).
        var (shape, _, shapeErr) = Check(Student("LeastSquares", LeastSquaresBackward.Replace("df.outer(beta)", "beta.outer(df)"), "LeastSquares3.cs"));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: J: dX: wrong shape: expected [4, 9] (autograd's), got [9, 4]", shapeErr);
        AssertNoStackTraceOfOurs(shapeErr);
    }

    [Fact]
    public void The_quadratic_model_passes_and_a_lost_minus_on_phi_or_a_forgotten_one_over_n_in_eqs_6_7_fails()
    {
        var (code, stdout, stderr) = Check(Student("QuadraticModel", QuadraticBackward, "Quadratic.cs", QuadraticLossGradient));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 15 gradients pass", stdout);
        Assert.Contains("seed 2: J: dphi (eq. 7)", stdout);
        // d(−φ⊙φ)/dφ taken as +2φ: f's dphi breaks, nothing else (eqs. (6)-(7) are LossGradient's own).
        var (sign, _, signErr) = Check(Student("QuadraticModel", QuadraticBackward.Replace("-2 * phi * dbeta", "2 * phi * dbeta"), "Quadratic2.cs", QuadraticLossGradient));
        Assert.Equal(1, sign);
        Assert.Contains("FAIL seed 0: f: dphi", signErr);
        Assert.DoesNotContain("dtheta", signErr);
        Assert.DoesNotContain("J:", signErr);
        // J's 1/(4n) differentiated without the n: both of J's gradients break at every seed (n = 5, 3, 7), f's do not.
        var (mean, _, meanErr) = Check(Student("QuadraticModel", QuadraticBackward, "Quadratic3.cs", QuadraticLossGradient.Replace("(f - y) / n;", "(f - y);")));
        Assert.Equal(1, mean);
        foreach (var named in new[] { "FAIL seed 0: J: dtheta (eq. 6)", "FAIL seed 0: J: dphi (eq. 7)", "FAIL seed 2: J: dtheta (eq. 6)" }) Assert.Contains(named, meanErr);
        Assert.DoesNotContain("f:", meanErr);
        AssertNoStackTraceOfOurs(meanErr);
    }

    [Fact]
    public void Batch_norm_passes_and_a_wrong_sign_a_forgotten_one_over_m_or_a_kept_dimension_fails_naming_the_gradient()
    {
        var (code, stdout, stderr) = Check(Student("BatchNorm", BatchNormBackward, "BatchNorm.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 54 gradients pass", stdout);
        Assert.Contains("seed 2: eps=1e-5: dx (nn.BatchNorm1d)", stdout);
        // Q6(c)'s minus lost: dmu breaks, and dx through it; dxhat and dv, upstream of mu, do not.
        var (sign, _, signErr) = Check(Student("BatchNorm", BatchNormBackward.Replace("var dmu = -s * dxhat", "var dmu = s * dxhat"), "BatchNorm2.cs"));
        Assert.Equal(1, sign);
        foreach (var named in new[] { "FAIL seed 0: eps=0: dmu", "FAIL seed 0: eps=0: dx", "FAIL seed 1: eps=1e-5: dx (nn.BatchNorm1d)" }) Assert.Contains(named, signErr);
        Assert.DoesNotContain("dxhat", signErr);
        Assert.DoesNotContain("dv", signErr);
        // Q6(d)'s dmu/m taken as dmu: only dx breaks.
        var (mean, _, meanErr) = Check(Student("BatchNorm", BatchNormBackward.Replace("+ dmu / m;", "+ dmu;"), "BatchNorm3.cs"));
        Assert.Equal(1, mean);
        Assert.Contains("FAIL seed 0: eps=0: dx", meanErr);
        Assert.DoesNotContain("dmu", meanErr);
        Assert.DoesNotContain("dbeta", meanErr);
        // dbeta summed over the batch with the dimension kept: (1, d) where autograd has (d).
        var (shape, _, shapeErr) = Check(Student("BatchNorm", BatchNormBackward.Replace("var dbeta = dy.sum(dim: 0);", "var dbeta = dy.sum(dim: 0, keepdim: true);"), "BatchNorm4.cs"));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: eps=0: dbeta: wrong shape: expected [4] (autograd's), got [1, 4]", shapeErr);
        Assert.Contains("error seed 0: eps=0: dbeta (nn.BatchNorm1d bias): wrong shape", shapeErr);
        AssertNoStackTraceOfOurs(shapeErr);
    }

    [Fact]
    public void The_cnn_passes_and_a_wrong_sign_a_mean_over_the_batch_or_dW2_in_nn_Linear_layout_fails_naming_the_gradient()
    {
        var (code, stdout, stderr) = Check(Student("Cnn", CnnBackward, "Cnn.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 30 gradients pass", stdout);
        Assert.Contains("[1, 1, 3, 3]", stdout);                                  // seed 2's dX: one 3×3 image
        var (sign, _, signErr) = Check(Student("Cnn", CnnBackward.Replace("var dbias = dz.sum([0, 2]);", "var dbias = -dz.sum([0, 2]);"), "Cnn2.cs"));
        Assert.Equal(1, sign);
        Assert.Contains("FAIL seed 0: logits: dconv.bias", signErr);
        Assert.Contains("FAIL seed 0: J: dconv.bias", signErr);
        Assert.DoesNotContain("dconv.weight", signErr);
        // db2 averaged over the batch where the gradient sums it (the loss's 1/N is already in dlogits): seed 2's single image passes.
        var (mean, _, meanErr) = Check(Student("Cnn", CnnBackward.Replace("var db2 = dlogits.sum(dim: 0);", "var db2 = dlogits.mean([0]);"), "Cnn3.cs"));
        Assert.Equal(1, mean);
        Assert.Contains("FAIL seed 0: logits: db2 (fc.bias)", meanErr);
        Assert.Contains("FAIL seed 1: J: db2 (fc.bias)", meanErr);
        Assert.DoesNotContain("FAIL seed 2", meanErr);
        Assert.DoesNotContain("dW2", meanErr);
        // dW2 as dlogitsᵀ a2, nn.Linear's (k, F·L) layout, where the homework's W2 is (F·L, k).
        var (shape, _, shapeErr) = Check(Student("Cnn", CnnBackward.Replace("var dW2 = a2.T.matmul(dlogits);", "var dW2 = dlogits.T.matmul(a2);"), "Cnn4.cs"));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: logits: dW2 (fc.weight^T): wrong shape: expected [512, 3] (autograd's), got [3, 512]", shapeErr);
        AssertNoStackTraceOfOurs(shapeErr);
    }

    [Fact]
    public void The_cmu_single_layer_mlp_passes_and_a_forgotten_dropout_mask_a_transposed_dW1_or_a_missing_bias_gradient_fails()
    {
        var (code, stdout, stderr) = Check(Student("SingleLayerMLP", SingleLayerMLPBackward, "Mlp1.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 15 gradients pass", stdout);
        Assert.Contains("seed 2: dW1  [3, 6]", stdout);
        // The mask left out of the ReLU's backward: everything behind the hidden layer breaks, the second layer's gradients do not.
        var (mask, _, maskErr) = Check(Student("SingleLayerMLP", SingleLayerMLPBackward.Replace("pot.gt(0).to(dh.dtype) * s;", "pot.gt(0).to(dh.dtype);"), "Mlp2.cs"));
        Assert.Equal(1, mask);
        foreach (var named in new[] { "FAIL seed 0: dx", "FAIL seed 0: dW1", "FAIL seed 0: db1" }) Assert.Contains(named, maskErr);
        Assert.DoesNotContain("dW2", maskErr);
        Assert.DoesNotContain("db2", maskErr);
        // dW1 as x dpotᵀ: (indim, hidden) where autograd has (hidden, indim).
        var (shape, _, shapeErr) = Check(Student("SingleLayerMLP", SingleLayerMLPBackward.Replace("dpot.matmul(x.T)", "x.matmul(dpot.T)"), "Mlp3.cs"));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: dW1: wrong shape: expected [6, 5] (autograd's), got [5, 6]", shapeErr);
        var (bias, _, biasErr) = Check(Student("SingleLayerMLP", SingleLayerMLPBackward.Replace("var db2 = dlogits.sum(1, keepdim: true);", "var db2 = torch.zeros_like(b2);"), "Mlp4.cs"));
        Assert.Equal(1, bias);
        Assert.Contains("FAIL seed 0: db2", biasErr);
        Assert.DoesNotContain("db1", biasErr);
        AssertNoStackTraceOfOurs(biasErr);
    }

    [Fact]
    public void The_cmu_two_layer_mlp_passes_and_a_wrong_sign_in_the_middle_or_a_bias_gradient_without_its_column_fails()
    {
        var (code, stdout, stderr) = Check(Student("TwoLayerMLP", TwoLayerMLPBackward, "Mlp5.cs"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("all 21 gradients pass", stdout);
        Assert.Contains("seed 1: db3  [4, 1]", stdout);
        // dh1 with the wrong sign: the first layer's gradients and dx break, the two above do not.
        var (sign, _, signErr) = Check(Student("TwoLayerMLP", TwoLayerMLPBackward.Replace("var dh1 = W2.T.matmul(dpot2);", "var dh1 = -W2.T.matmul(dpot2);"), "Mlp6.cs"));
        Assert.Equal(1, sign);
        foreach (var named in new[] { "FAIL seed 0: dx", "FAIL seed 0: dW1", "FAIL seed 0: db1" }) Assert.Contains(named, signErr);
        foreach (var kept in new[] { "dW2", "db2", "dW3", "db3" }) Assert.DoesNotContain(kept, signErr);
        var (shape, _, shapeErr) = Check(Student("TwoLayerMLP", TwoLayerMLPBackward.Replace("var db3 = dlogits.sum(1, keepdim: true);", "var db3 = dlogits.sum(1);"), "Mlp7.cs"));
        Assert.Equal(2, shape);
        Assert.Contains("error seed 0: db3: wrong shape: expected [3, 1] (autograd's), got [3]", shapeErr);
        AssertNoStackTraceOfOurs(shapeErr);
    }

    public static TheoryData<string, string, string, string> Mistakes() => new()
    {
        // model, wrong line, replacing, what must be named
        { "LinearMap", "var dx = -W.T.matmul(dy);", "var dx = W.T.matmul(dy);", "FAIL seed 0: dx" },            // wrong sign
        { "LinearMap", "var db = torch.zeros(dy.size(0), 1, dy.dtype);", "var db = dy.sum(1, keepdim: true);", "FAIL seed 0: db" }, // missing bias gradient
        { "LinearMap", "var db = dy.sum(1);", "var db = dy.sum(1, keepdim: true);", "error seed 0: db: wrong shape: expected [3, 1] (autograd's), got [3]" },
        { "SoftmaxCrossEntropy", "return (p - y) * dLoss;", "return (p - y) * dLoss / n;", "FAIL seed 0: dlogits" },   // forgotten 1/B
        { "SoftmaxCrossEntropy", "return (y - p) * dLoss / n;", "return (p - y) * dLoss / n;", "FAIL seed 2: dlogits" }, // wrong sign
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_planted_mistake_fails_naming_its_gradient(string model, string wrong, string right, string named)
    {
        var body = model == "LinearMap" ? LinearMapBackward : SoftmaxCrossEntropyBackward;
        Assert.Contains(right, body);
        var (code, stdout, stderr) = Check(Student(model, body.Replace(right, wrong)));
        Assert.True(code is 1 or 2, stdout + stderr);
        Assert.Contains(named, stderr);
        Assert.Contains("gradients FAIL", stdout);
        AssertNoStackTraceOfOurs(stderr);
        if (named.StartsWith("FAIL", StringComparison.Ordinal)) Assert.Matches(@"the first, \[[\d, ]*\]: manual \S+ vs (autograd|central difference) \S+", stderr);
    }

    // TorchSharp as run here (the Debian 13 runtime folder) aborts the process on a libtorch error instead of throwing;
    // the command's child process turns that into an error block, without the student's line.
    private static bool TorchSharpEngine => typeof(TorchSharp.torch).Assembly.GetName().Name == "TorchSharp";

    [Fact]
    public void A_missing_transpose_fails_dx_on_the_square_layer_and_throws_at_the_students_line_on_the_others()
    {
        var path = Student("LinearMap", LinearMapBackward.Replace("var dx = W.T.matmul(dy);", "var dx = W.matmul(dy);"));
        var (code, stdout, stderr) = Check(path);
        Assert.True(code == 2, stdout + stderr);
        AssertNoStackTraceOfOurs(stderr);
        if (TorchSharpEngine)
        {
            Assert.Contains("error: libtorch stopped your code: mat1 and mat2 shapes cannot be multiplied (3x5 and 3x4)", stderr);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            return;
        }
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("var dx = W.matmul(dy);", StringComparison.Ordinal)) + 1;
        Assert.Contains("FAIL seed 1: dx: 12 of 12 elements break", stderr);
        Assert.Contains("error: at seeds 0, 2: your code threw", stderr);
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (3x5 and 3x4)", stderr);
        Assert.Contains($"at MyLinearMap.Backward in {path}:{line}", stderr);
    }

    [Fact]
    public void A_compile_error_is_one_block_with_file_line_column_and_the_compilers_message()
    {
        var path = Student("LinearMap", LinearMapBackward.Replace("var dW = dy.matmul(x.T);", "var dW = dy.matmul(xx.T);"));
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("xx.T", StringComparison.Ordinal)) + 1;
        var column = File.ReadAllLines(path)[line - 1].IndexOf("xx", StringComparison.Ordinal) + 1;
        var (code, _, stderr) = Check(path);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {path} does not compile:", stderr);
        Assert.Contains($"{path}:{line}:{column}: error CS0103: The name 'xx' does not exist in the current context", stderr);
        AssertNoStackTraceOfOurs(stderr);
        Assert.Contains("does not compile", File.ReadAllText(Path.Combine(Reports, "check", "index.html")));
    }

    [Fact]
    public void An_exception_in_the_students_code_names_their_line_and_no_frame_of_ours()
    {
        var path = Path.Combine(root.FullName, "Fresh.cs");
        Assert.Equal(0, BadInputTests.Homework("check", "--template", "LinearMap", path).code);
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("throw new NotImplementedException", StringComparison.Ordinal)) + 1;
        var (code, stdout, stderr) = Check(path);
        Assert.Equal(2, code);
        Assert.Contains("not checked", stdout);
        Assert.Contains("error: at seeds 0, 1, 2: your code threw NotImplementedException: write Backward: dx, dW and db", stderr);
        Assert.Contains($"at MyLinearMap.Backward in {path}:{line}", stderr);
        AssertNoStackTraceOfOurs(stderr);
    }

    [Fact]
    public void A_class_that_misses_the_contract_is_told_what_to_add()
    {
        var path = Path.Combine(root.FullName, "Empty.cs");
        File.WriteAllText(path, "public sealed class Mine { }");
        var (code, _, stderr) = Check(path, "--model", "LinearMap");
        Assert.Equal(2, code);
        Assert.Contains("does not fit LinearMap's contract: class Mine must implement IManualModel<LinearMap.Cache, LinearMap.Gradients>", stderr);
        var (anyCode, _, anyErr) = Check(path);
        Assert.Equal(2, anyCode);
        Assert.Contains("no class in", anyErr);
    }

    [Fact]
    public void List_names_every_model_and_each_has_a_template_that_compiles()
    {
        var (code, stdout, _) = BadInputTests.Homework("check", "--list");
        Assert.Equal(0, code);
        Assert.Contains("LinearMap", stdout);
        Assert.Contains("SoftmaxCrossEntropy", stdout);
        Assert.Contains("TwoThreeOneNetwork", stdout);
        string[] models = ["BatchNorm", "Cnn", "LeastSquares", "LinearMap", "LogisticRegression", "QuadraticModel", "ReLU", "Ridge", "SigmoidMlp", "SingleLayerMLP",
                            "SoftmaxCrossEntropy", "SoftmaxCrossEntropyLoss", "SoftmaxRegression", "TwoLayerMLP", "TwoThreeOneNetwork"];
        Assert.Equal(models, stdout.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Trim().Split(' ')[0]));
        foreach (var model in models)
        {
            var path = Path.Combine(root.FullName, $"T{model}.cs");
            Assert.Equal(0, BadInputTests.Homework("check", "--template", model, path).code);
            var (checkCode, _, stderr) = Check(path, "--model", model);
            Assert.Equal(2, checkCode);
            Assert.Contains("your code threw NotImplementedException: write Backward", stderr);   // compiled, ran, stopped at the stub
        }
    }

    [Fact]
    public void Bad_input_is_one_line_and_exit_code_2()
    {
        var existing = Path.Combine(root.FullName, "Kept.cs");
        File.WriteAllText(existing, "// mine");
        foreach (var (args, message) in new (string[], string)[]
                 {
                     (["check"], "name the file to check"),
                     (["check", Path.Combine(root.FullName, "Missing.cs")], "does not exist"),
                     (["check", "--template", "NoSuchModel"], "no model 'NoSuchModel' to check; choose one of BatchNorm, Cnn, LeastSquares, LinearMap, LogisticRegression, QuadraticModel, ReLU, Ridge, SigmoidMlp, SingleLayerMLP, SoftmaxCrossEntropy, SoftmaxCrossEntropyLoss, SoftmaxRegression, TwoLayerMLP, TwoThreeOneNetwork"),
                     (["check", "--template", "LinearMap", existing], "exists and is kept"),
                     (["check", existing, "--timeout", "0"], "--timeout must be a whole number of seconds from 1 to 3600"),
                 })
        {
            var (code, _, stderr) = BadInputTests.Homework(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: {stderr}");
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(message, stderr);
        }
        Assert.Equal("// mine", File.ReadAllText(existing));
    }

    [Fact]
    public void An_endless_loop_is_stopped_at_the_time_limit_and_the_command_exits()
    {
        var path = Student("LinearMap", LinearMapBackward.Replace("var dW = dy.matmul(x.T);", "while (dy.numel() > 0) { }\n        var dW = dy.matmul(x.T);"));
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = Check(path, "--timeout", "8");
        Assert.True(code == 2, stdout + stderr);
        Assert.Contains($"error: the check of {path} ran past its 8 s limit and was stopped (an endless loop?)", stderr);
        AssertNoStackTraceOfOurs(stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"the check returned after {clock.Elapsed.TotalSeconds:F0} s");
        Assert.Contains("ran past its 8 s limit", File.ReadAllText(Path.Combine(Reports, "check", "index.html")));
    }

    [Fact]
    public void Watch_checks_again_when_the_file_is_saved()
    {
        var path = Student("LinearMap", LinearMapBackward.Replace("var dx = W.T.matmul(dy);", "var dx = -W.T.matmul(dy);"));
        using var watch = Start("check", path, "--watch", "--reports", Reports);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        watch.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        watch.BeginOutputReadLine();
        try
        {
            Assert.True(WaitFor(output, "gradients FAIL", TimeSpan.FromSeconds(120)), string.Join("\n", output));
            Thread.Sleep(1100);                                       // a later write time than the first check saw
            File.WriteAllText(path, File.ReadAllText(path).Replace("var dx = -W.T.matmul(dy);", "var dx = W.T.matmul(dy);"));
            Assert.True(WaitFor(output, "all 9 gradients pass", TimeSpan.FromSeconds(120)), string.Join("\n", output));
            Assert.Contains(output, l => l.Contains("changed, checking again", StringComparison.Ordinal));
        }
        finally
        {
            watch.Kill();
            watch.WaitForExit();
        }
    }

    private static bool WaitFor(System.Collections.Concurrent.ConcurrentQueue<string> output, string text, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (output.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            Thread.Sleep(100);
        }
        return false;
    }

    // The homework program as a child process (the same build as this test's, beside it), with this process's environment.
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "homework.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }
}
