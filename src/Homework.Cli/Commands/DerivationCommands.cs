// `homework derivation <id>` and `homework derivations [<homework>]`: run derivations' live checks and write their
// pages and the report index. Not the checks (Derivations/Checks) nor the page (DerivationRunner).
using System.CommandLine;
using Homework.Experiments.Derivations;
using Homework.Experiments;

namespace Homework.Cli.Commands;

/// <summary>Builds the derivation subcommands.</summary>
public static class DerivationCommands
{
    private static readonly Option<string> Reports = new("--reports") { Description = "Folder for the report pages.", DefaultValueFactory = _ => "reports" };

    /// <summary>The lines <c>homework list</c> prints for the derivations.</summary>
    public static IEnumerable<string> ListLines()
    {
        var width = DerivationRegistry.All.Max(d => d.Id.Length);
        yield return $"derivations ({DerivationRegistry.All.Count}; ./homework derivation <id> writes one page, ./homework derivations all):";
        foreach (var d in DerivationRegistry.All)
            yield return $"{d.Id.PadRight(width)}  {d.Title} ({d.Homework.Code} {d.Questions}){(d.Erratum.Length > 0 ? " [erratum]" : "")}";
    }

    /// <summary><c>homework derivation &lt;id&gt;</c>: one derivation's check and page.</summary>
    public static Command One()
    {
        var id = new Argument<string>("id") { Description = "The derivation's id; `homework list` shows them." };
        var command = new Command("derivation", "Run one derivation's live check and write its page: homework derivation <id>.") { id, Reports };
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            var name = parse.GetValue(id)!;
            var d = DerivationRegistry.Find(name) ?? throw new UserError($"no derivation '{name}'; `homework list` shows the ids");
            return DerivationRunner.Write(d, parse.GetValue(Reports)!, Console.Out).Passed ? 0 : ErrorGuard.InternalFault;
        }));
        return command;
    }

    /// <summary><c>homework derivations [&lt;homework&gt;]</c>: every derivation (or one homework's).</summary>
    public static Command All()
    {
        var keys = string.Join(", ", HomeworkInfo.All.Select(h => h.Key));
        var only = new Argument<string?>("homework") { Description = $"Only this homework's derivations: one of {keys}.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("derivations", "Run every derivation's live check and write its page and the report index.") { only, Reports };
        command.SetAction(parse => ErrorGuard.Guard(() =>
        {
            var key = parse.GetValue(only);
            if (key is not null && HomeworkInfo.All.All(h => h.Key != key))
                throw new UserError($"no homework '{key}': use one of {keys}");
            return WriteAll(key, parse.GetValue(Reports)!, Console.Out) ? 0 : ErrorGuard.InternalFault;
        }));
        return command;
    }

    /// <summary>Writes every derivation of <paramref name="homeworkKey"/> (all when null), then the index; true when every check holds.</summary>
    public static bool WriteAll(string? homeworkKey, string reportsRoot, TextWriter output)
    {
        var records = DerivationRegistry.All.Where(d => homeworkKey is null || d.Homework.Key == homeworkKey)
            .Select(d => DerivationRunner.Write(d, reportsRoot, output, writeIndex: false)).ToList();
        var index = ReportIndex.Write(reportsRoot);
        var failed = records.Where(r => !r.Passed).Select(r => r.Id).ToList();
        output.WriteLine($"{records.Count - failed.Count} of {records.Count} derivation checks hold ({records.Sum(r => r.Seconds):F1} s of checks); report: {index}");
        if (failed.Count > 0) Console.Error.WriteLine($"error: {failed.Count} derivation checks fail: {string.Join(", ", failed)}");
        return failed.Count == 0;
    }
}
