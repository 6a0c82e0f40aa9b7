// `homework check`'s run of a student's class: the registered check of its model, with the student's class as the
// hand-derived side (IReplaceableCheck.With), judged row by row exactly as `homework gradcheck` judges the project's
// own. It runs in the command's child process (Commands/CheckCommand), which the parent stops at the time limit.
// Not the printing (Commands/CheckCommand) and not the pass rule (Homework.GradCheck.GradCheckRow).
using Homework.Experiments;
using Homework.Cli.Commands;
using Homework.GradCheck;
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Cli.Student;

/// <summary>What a check came to: rows to judge, or the one error block that stopped it.</summary>
/// <param name="Model">The model checked, or null when the file did not get that far.</param>
/// <param name="Rows">Every gradient of every seed that ran, judged.</param>
/// <param name="Error">A compile error, an exception in the student's code, a missing member, a time-out or a crash, as printed.</param>
public sealed record CheckOutcome(string? Model, IReadOnlyList<GradCheckRow> Rows, string? Error)
{
    /// <summary>0 every gradient passes, 1 some value is wrong, 2 the file must be fixed before values compare (an error or a wrong shape).</summary>
    public int ExitCode => Error is not null || Rows.Any(r => r.ShapeMismatch) ? ErrorGuard.UserFault : Rows.All(r => r.Passed) ? 0 : 1;
}

/// <summary>Compiles a student's file, finds its model and runs that model's check on it.</summary>
public static class StudentCheck
{
    /// <summary>The seeds every check runs: each picks a different shape of its model (an odd batch among them).</summary>
    public static readonly long[] Seeds = [0, 1, 2];

    /// <summary>The checks whose hand-derived side a student's class can take, by name.</summary>
    public static IReadOnlyList<IReplaceableCheck> Models { get; } = [.. TwinChecks.All.OfType<IReplaceableCheck>()];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or a <see cref="UserError"/> listing them.</summary>
    public static IReplaceableCheck Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserError($"no model '{name}' to check; choose one of {string.Join(", ", Models.Select(m => m.Name))} (homework check --list)");

    /// <summary>Compiles <paramref name="path"/> and checks it against <paramref name="model"/> (or the model its classes fit), in this process.</summary>
    public static CheckOutcome Run(string path, string? model)
    {
        StudentCode code;
        try
        {
            code = StudentCode.Compile(path);
        }
        catch (CompileException e)
        {
            return new(model, [], $"{path} does not compile:\n{e.Message}");
        }
        var (check, error) = Bind(code, model);
        if (check is null) return new(model, [], error);

        // Each seed on its own: a missing transpose throws on a rectangular shape but gives wrong values on the square
        // one, and both are worth showing.
        var rows = new List<GradCheckRow>();
        var thrown = new List<(long seed, Exception e)>();
        foreach (var seed in Seeds)
            try
            {
                using var scope = torch.NewDisposeScope();
                rows.AddRange([.. TwinChecks.Judged(check, ScalarType.Float64, seed).Select(r => r with { Parameter = $"seed {seed}: {r.Parameter}" })]);
            }
            catch (Exception e)
            {
                thrown.Add((seed, e));
            }
        if (thrown.Count == 0) return new(check.Name, rows, null);
        var seeds = thrown.Count == 1 ? $"seed {thrown[0].seed}" : $"seeds {string.Join(", ", thrown.Select(t => t.seed))}";
        return new(check.Name, rows, $"at {seeds}: {Describe(thrown[0].e, code)}");
    }

    // The check bound to the file's class: the named model's, or the first model some class fits, the model a class is
    // named after first (MySoftmaxCrossEntropyLoss also fits SoftmaxCrossEntropy's contract, on other shapes).
    private static (ITwinCheck? check, string? error) Bind(StudentCode code, string? model)
    {
        if (code.Types.Count == 0) return (null, $"{code.Path} has no public class; write one (homework check --template <model> writes a start)");
        IReadOnlyList<IReplaceableCheck> candidates = model is null
            ? [.. Models.OrderByDescending(m => code.Types.Any(t => t.Name.EndsWith(m.Name, StringComparison.Ordinal)) ? m.Name.Length : 0)]
            : [Find(model)];
        var reasons = new List<string>();
        foreach (var candidate in candidates)
            foreach (var type in code.Types)
                try
                {
                    return (candidate.With(type), null);
                }
                catch (ContractException e)
                {
                    reasons.Add($"{candidate.Name}: {e.Message}");
                }
        return (null, model is null
            ? $"no class in {code.Path} has the contract of a model; name the model with --model <name> to see what is missing (homework check --list)"
            : $"{code.Path} does not fit {candidates[0].Name}'s contract: {reasons[0].Split(": ", 2)[1]}");
    }

    // An exception from the check: the student's frames with their lines, or our contract's message.
    private static string Describe(Exception e, StudentCode code)
    {
        var root = e;
        while (root.InnerException is not null && root is System.Reflection.TargetInvocationException) root = root.InnerException;
        if (root is ContractException) return root.Message;
        var frames = code.Frames(e);
        var message = $"{root.GetType().Name}: {root.Message.Split('\n')[0].Trim()}";
        return frames.Count > 0
            ? $"your code threw {message}\n{string.Join("\n", frames)}"
            : $"the check of {code.Path} failed outside your code: {message}" +
              (Environment.GetEnvironmentVariable("HOMEWORK_DEBUG") == "1" ? $"\n{e}" : " (HOMEWORK_DEBUG=1 prints the stack trace)");
    }
}
