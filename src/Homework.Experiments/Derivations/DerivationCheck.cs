// The live numeric checks beside the derivations, in four kinds: gradient formulas against autograd and central
// differences (GradientCheck, judged by Homework.GradCheck's rule), identities against an independent reference
// (Witness), expectations against Monte Carlo (Estimate), and existence or impossibility claims by construction or
// exhaustion (Claim). Each check runs in float64 on small shapes, in well under a second. Not the derivations' text.
using Homework.Common;
using System.Globalization;
using Homework.Data;
using Homework.GradCheck;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Experiments.Derivations;

/// <summary>One line of a check's table: its cells, and whether it holds.</summary>
/// <param name="Cells">As shown, one per column of <see cref="CheckOutcome.Header"/>.</param>
/// <param name="Passed">The line holds.</param>
/// <param name="Failure">Why it does not ("" when it does).</param>
public sealed record CheckLine(IReadOnlyList<string> Cells, bool Passed, string Failure = "");

/// <summary>What a check found: how it judged, a table, and the verdict (every line holds).</summary>
/// <param name="Method">How the check works and judges, one paragraph.</param>
/// <param name="Header">The table's columns.</param>
/// <param name="Lines">The table's rows.</param>
public sealed record CheckOutcome(string Method, IReadOnlyList<string> Header, IReadOnlyList<CheckLine> Lines)
{
    /// <summary>True when there is at least one line and every line holds.</summary>
    public bool Passed => Lines.Count > 0 && Lines.All(l => l.Passed);

    /// <summary>"all 6 hold" or "2 of 6 FAIL".</summary>
    public string Summary => Passed ? $"all {Lines.Count} hold" : $"{Lines.Count(l => !l.Passed)} of {Lines.Count} FAIL";
}

/// <summary>A live check of one derivation.</summary>
public interface IDerivationCheck
{
    /// <summary>Runs the check (float64, small shapes, a fixed seed) and returns its table and verdict.</summary>
    CheckOutcome Run();
}

/// <summary>The rows of one twin check that a derivation covers: those whose gradient name starts with one of <paramref name="Parameters"/> (all when empty).</summary>
/// <param name="Twin">The check whose manual backward implements the derivation's formula.</param>
/// <param name="Parameters">Prefixes of the gradient names covered.</param>
public sealed record GradientSource(ITwinCheck Twin, params string[] Parameters)
{
    /// <summary>Whether <paramref name="row"/> is one of these.</summary>
    public bool Covers(GradCheckRow row) => row.Model == Twin.Name && (Parameters.Length == 0 || Parameters.Any(p => row.Parameter.StartsWith(p, StringComparison.Ordinal)));
}

/// <summary>
/// A gradient formula checked by the twin checks that implement it: the hand-derived gradient (Homework.Manual)
/// against autograd (Homework.Torch) and central differences, float64, on seeds 0, 1 and 2 (fresh random inputs and
/// upstream gradient each), judged by <see cref="GradCheckRow"/>'s rule.
/// </summary>
/// <param name="Sources">The twin checks and the rows of each that this derivation covers.</param>
public sealed record GradientCheck(IReadOnlyList<GradientSource> Sources) : IDerivationCheck
{
    /// <summary>The rows of <paramref name="twin"/> (registered in <see cref="TwinChecks"/>) that start with one of <paramref name="parameters"/>.</summary>
    public GradientCheck(string twin, params string[] parameters) : this([new GradientSource(TwinChecks.Find(twin), parameters)]) { }

    /// <summary>The rows of <paramref name="twin"/> that start with one of <paramref name="parameters"/>.</summary>
    public GradientCheck(ITwinCheck twin, params string[] parameters) : this([new GradientSource(twin, parameters)]) { }

    /// <summary>This check, also covering rows of the registered twin check <paramref name="twin"/> (the same formula in another module).</summary>
    public GradientCheck And(string twin, params string[] parameters) => this with { Sources = [.. Sources, new GradientSource(TwinChecks.Find(twin), parameters)] };

    /// <summary>The seeds each gradient is checked on.</summary>
    public static readonly long[] Seeds = [0, 1, 2];

    /// <summary>Whether <paramref name="row"/> of <c>homework gradcheck</c> is one this derivation covers.</summary>
    public bool Covers(GradCheckRow row) => Sources.Any(s => s.Covers(row));

    /// <inheritdoc />
    public CheckOutcome Run()
    {
        var lines = new List<CheckLine>();
        foreach (var source in Sources)
            foreach (var seed in Seeds)
                foreach (var r in TwinChecks.Rows(source.Twin, ScalarType.Float64, seed).Where(r => r.Parameter == "(check did not run)" || source.Covers(r)))
                    lines.Add(new CheckLine(
                        [r.Model, r.Parameter, Shapes.Format(r.Shape), seed.ToString(CultureInfo.InvariantCulture), Sci(r.MaxAbs), Sci(r.MaxRel),
                         r.FiniteDifferenceMaxAbs is { } fd ? Sci(fd) : "-", r.FiniteDifferenceMaxRel is { } fdRel ? Sci(fdRel) : "-", r.Passed ? "pass" : "FAIL"], r.Passed, r.Failure ?? ""));
        return new CheckOutcome(
            $"The hand-derived gradient (Homework.Manual, the formula above as code) against autograd (Homework.Torch) and against central differences " +
            $"(h = 1e-6), float64, on seeds {string.Join(", ", Seeds)} (fresh random inputs and upstream gradient each). Shapes are the twin checks': " +
            $"{string.Join("; ", Sources.Select(s => $"{s.Twin.Name} ({s.Twin.Source})"))}. " +
            $"A gradient passes if every element satisfies {GradCheckTolerance.Float64} against autograd and {GradCheckTolerance.FiniteDifference} against central differences.",
            ["model", "gradient", "shape", "seed", "max abs vs autograd", "max rel vs autograd", "max abs vs central diff", "max rel vs central diff", "verdict"], lines);
    }

    /// <summary>A number in the gradient tables' format, e.g. 1.23e-15.</summary>
    public static string Sci(double v) => v.ToString("0.00e+00", CultureInfo.InvariantCulture);
}

/// <summary>One line of a <see cref="WitnessCheck"/>.</summary>
public interface IWitness
{
    /// <summary>Computes and judges the line; cells are quantity, ours, reference, |difference|, tolerance, verdict.</summary>
    CheckLine Line();
}

/// <summary>
/// An identity checked numerically: <paramref name="Claimed"/> (the derived formula) against <paramref name="Reference"/>
/// (an independent computation: autograd, a direct sum, an optimiser), elementwise; it holds when every
/// |claimed − reference| ≤ <paramref name="Tolerance"/> · max(1, |reference|).
/// </summary>
/// <param name="Quantity">What is compared, with its inputs.</param>
/// <param name="Claimed">The formula of the derivation.</param>
/// <param name="Reference">The independent value.</param>
/// <param name="Tolerance">Relative slack (absolute below magnitude 1).</param>
public sealed record Witness(string Quantity, Func<double[]> Claimed, Func<double[]> Reference, double Tolerance) : IWitness
{
    /// <inheritdoc />
    public CheckLine Line()
    {
        using var scope = torch.NewDisposeScope();
        var (c, r) = (Claimed(), Reference());
        if (c.Length != r.Length)
            return new([Quantity, Show(c), Show(r), "-", Tol(), "FAIL"], false, $"{c.Length} values but the reference has {r.Length}");
        var worst = c.Zip(r, (a, b) => double.IsNaN(a - b) ? double.PositiveInfinity : Math.Abs(a - b)).DefaultIfEmpty(0).Max();
        var holds = c.Zip(r, (a, b) => Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Abs(b))).All(ok => ok);
        return new([Quantity, Show(c), Show(r), GradientCheck.Sci(worst), Tol(), holds ? "holds" : "FAIL"], holds, holds ? "" : $"max |difference| {worst:G4}");
    }

    private string Tol() => $"{GradientCheck.Sci(Tolerance)} · max(1, |ref|)";

    /// <summary>A value or a few, as a table cell.</summary>
    public static string Show(IReadOnlyList<double> v) => v.Count switch
    {
        0 => "(none)",
        1 => G(v[0]),
        <= 4 => string.Join(", ", v.Select(G)),
        _ => $"{string.Join(", ", v.Take(3).Select(G))}, … ({v.Count} values)",
    };

    /// <summary>A number with 6 significant digits, invariant culture.</summary>
    public static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// An expectation checked by Monte Carlo: <paramref name="Claimed"/> (the closed form) against the sample mean of
/// <paramref name="Sample"/>'s draws; it holds when they differ by at most <paramref name="StandardErrors"/> standard errors
/// (a correct formula fails with probability ~6e-5 at 4).
/// </summary>
/// <param name="Quantity">What is compared.</param>
/// <param name="Claimed">The closed form.</param>
/// <param name="Sample">The draws (fixed seed inside).</param>
/// <param name="StandardErrors">How many standard errors of the mean are allowed.</param>
public sealed record Estimate(string Quantity, Func<double> Claimed, Func<double[]> Sample, double StandardErrors = 4) : IWitness
{
    /// <inheritdoc />
    public CheckLine Line()
    {
        using var scope = torch.NewDisposeScope();
        var claimed = Claimed();
        var draws = Sample();
        var mean = draws.Average();
        var se = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1) / draws.Length);
        var diff = Math.Abs(claimed - mean);
        var holds = diff <= StandardErrors * se;
        return new([Quantity, Witness.G(claimed), $"{Witness.G(mean)} ± {Witness.G(se)} (mean of {draws.Length:N0} draws ± s.e.)", GradientCheck.Sci(diff),
            $"{StandardErrors:0} s.e. = {GradientCheck.Sci(StandardErrors * se)}", holds ? "holds" : "FAIL"], holds, holds ? "" : $"{diff / se:F1} standard errors away");
    }
}

/// <summary>
/// An existence or impossibility claim checked by construction or exhaustion: <paramref name="Test"/> builds the object
/// (or enumerates the cases) and says whether the claim holds, with its evidence.
/// </summary>
/// <param name="Quantity">The claim.</param>
/// <param name="Test">Whether it holds, and the evidence as one line.</param>
/// <param name="How">How it is judged.</param>
public sealed record Claim(string Quantity, Func<(bool holds, string evidence)> Test, string How) : IWitness
{
    /// <inheritdoc />
    public CheckLine Line()
    {
        using var scope = torch.NewDisposeScope();
        var (holds, evidence) = Test();
        return new([Quantity, evidence, "-", "-", How, holds ? "holds" : "FAIL"], holds, holds ? "" : evidence);
    }
}

/// <summary>A derivation's identities, expectations and claims, one line each.</summary>
/// <param name="Method">How the lines are computed, one paragraph.</param>
/// <param name="Witnesses">The lines.</param>
public sealed record WitnessCheck(string Method, params IWitness[] Witnesses) : IDerivationCheck
{
    /// <inheritdoc />
    public CheckOutcome Run() =>
        new(Method, ["quantity", "ours (the derived formula)", "reference", "|difference|", "tolerance", "verdict"], [.. Witnesses.Select(w => w.Line())]);
}

/// <summary>Every derivation's check, by derivation id.</summary>
public static class DerivationChecks
{
    private static readonly Lazy<IReadOnlyDictionary<string, IDerivationCheck>> all = new(() =>
        Checks.Cs229W25.All.Concat(Checks.Cs229F20.All).Concat(Checks.WpiDs541.All).Concat(Checks.Cmu10417.All).Concat(Checks.Tdt4265.All)
            .ToDictionary(p => p.Key, p => p.Value));

    /// <summary>The checks, by derivation id.</summary>
    public static IReadOnlyDictionary<string, IDerivationCheck> All => all.Value;

    /// <summary>The check of <paramref name="derivationId"/>.</summary>
    public static IDerivationCheck For(string derivationId) =>
        All.TryGetValue(derivationId, out var c) ? c : throw new InvalidOperationException($"derivation '{derivationId}' has no check registered in DerivationChecks");
}
