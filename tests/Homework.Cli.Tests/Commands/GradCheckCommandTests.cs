// The README's `homework gradcheck` table is what the command prints: same models, gradients, shapes and verdicts,
// row for row (the error columns are masked: they move in the last digits with the BLAS build and thread count).
using System.Text.RegularExpressions;
using Homework.TestSupport;

namespace Homework.Cli.Tests.Commands;

public sealed class GradCheckCommandTests
{
    private static readonly Regex Number = new(@"\d\.\d\de[+-]\d\d", RegexOptions.Compiled);

    private static string[] Rows(IEnumerable<string> lines) =>
        [.. lines.Select(l => Regex.Replace(Number.Replace(l, "#"), @"\s+", " ").Trim()).Where(l => l.Length > 0)];

    [Fact]
    public void The_readme_table_is_the_commands_output()
    {
        var (code, stdout, stderr) = BadInputTests.Homework("gradcheck");
        Assert.True(code == 0, stderr);
        var readme = File.ReadAllLines(Path.Combine(Fixtures.RepoRoot, "README.md"));
        var start = Array.FindIndex(readme, l => l.Contains("`./homework gradcheck` prints the following", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no gradcheck table");
        var open = Array.FindIndex(readme, start, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(readme, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var expected = Rows(readme[(open + 1)..close]);
        var actual = Rows(stdout.Split('\n'));
        Assert.Equal(expected, actual);
    }
}
