// Mistyped commands and experiment ids, as a new user types them: the error names the closest real one.
using Homework.Cli.Commands;

namespace Homework.Cli.Tests.Commands;

public sealed class DidYouMeanTests
{
    private static readonly string[] Names = ["list", "run", "all", "report", "gradcheck", "cs229-w25/q4-mnist", "cs229-w25/q4e-cnn-vs-mlp", "tdt4265/task4-l2"];

    [Theory]
    [InlineData("lsit", "list")]                                  // adjacent swap
    [InlineData("grdcheck", "gradcheck")]                         // one deletion
    [InlineData("cs229-w25/q4-mnst", "cs229-w25/q4-mnist")]       // one deletion in an id
    [InlineData("q4-mnist", "cs229-w25/q4-mnist")]                // a unique suffix
    [InlineData("CS229-W25/Q4-MNIST", "cs229-w25/q4-mnist")]      // case
    [InlineData("task4-l3", "tdt4265/task4-l2")]                  // close to an id's last part
    public void TheClosestNameComesFirst(string typed, string expected) =>
        Assert.Equal(expected, DidYouMean.Closest(typed, Names)[0]);

    [Fact]
    public void NothingIsSuggestedForANameFarFromAll() => Assert.Empty(DidYouMean.Closest("deploy-to-production", Names));

    [Theory]
    [InlineData(new[] { "lsit" }, "error: no command 'lsit'; did you mean list? (see `homework --help`)")]
    [InlineData(new[] { "run", "cs229-w25/q4-mnst" }, "error: no experiment 'cs229-w25/q4-mnst'; did you mean cs229-w25/q4-mnist? (`homework list` shows the ids)")]
    [InlineData(new[] { "run", "q4-mnist" }, "error: no experiment 'q4-mnist'; did you mean cs229-w25/q4-mnist? (`homework list` shows the ids)")]
    [InlineData(new[] { "cs229-w25/q4-mnist" }, "error: no command 'cs229-w25/q4-mnist'; to run an experiment: homework run cs229-w25/q4-mnist (see `homework --help`)")]
    [InlineData(new[] { "run", "no/such", "--help" }, "error: no experiment 'no/such' (`homework list` shows the ids)")]
    public void TheCliSaysItInOneLineWithExitCode2(string[] args, string line)
    {
        var (code, stdout, stderr) = BadInputTests.Homework(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(line, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
