// Every command with bad values, the way a new user types them: one line on standard error naming the problem and
// the fix, exit code 2, no stack trace, and no result reported. The `homework` program runs in-process (its entry
// point), with standard output and error captured.
using System.Reflection;
using Homework.Experiments;

namespace Homework.Cli.Tests.Commands;

public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("homework-badinput-");

    public void Dispose() => root.Delete(recursive: true);

    /// <summary>Runs <c>homework args</c> in-process; returns the exit code, standard output and standard error.</summary>
    public static (int code, string stdout, string stderr) Homework(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var entry = typeof(Homework.Cli.Commands.ExperimentCommands).Assembly.EntryPoint!;
            var code = (int)entry.Invoke(null, [args])!;
            return (code, stdout.ToString(), stderr.ToString());
        }
        catch (TargetInvocationException e)
        {
            return (-1, stdout.ToString(), stderr + e.InnerException!.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    private static void AssertRefused(string[] args, string mustContain)
    {
        var (code, _, stderr) = Homework(args);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shown = $"homework {string.Join(' ', args)} -> exit {code}, stderr:\n{stderr}";
        Assert.True(code == 2, shown);
        Assert.True(lines.Length == 1, shown);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(mustContain, lines[0]);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    public static TheoryData<string[], string> CommandCases() => new()
    {
        { ["run"], "homework list" },
        { ["run", "no-such/experiment"], "no experiment 'no-such/experiment'" },
        { ["list", "extra"], "'extra'" },
        { ["report", "extra"], "'extra'" },
        { ["all", "--quick=maybe"], "'maybe'" },
        { ["all", "cmu"], "no homework 'cmu': use one of cs229-w25, cs229-f20, wpi-ds541, cmu-10417, tdt4265" },
        { ["all", "--jobs", "0"], "--jobs must be a whole number from 1 to 64" },
        { ["all", "--jobs", "two"], "'two'" },
        { ["no-such-command"], "'no-such-command'" },
        { ["--epochs", "-1"], "--epochs must be a whole number from 1 to 1000; got '-1'" },
        { ["mnist", "--epochs", "-1"], "--epochs must be a whole number from 1 to 1000; got '-1'" },
        { ["mnist", "--impl", "gpu"], "--impl must be one of manual, autograd; got 'gpu'" },
        { ["mnist", "--cnn-epochs", "0"], "--cnn-epochs must be a whole number" },
        { ["mnist", "--lr", "NaN"], "--lr must be a number greater than 0" },
        { ["cnn-vs-mlp", "--epochs", "x"], "--epochs must be a whole number" },
        { ["gradcheck", "--seed", "abc"], "Cannot parse argument 'abc' for option '--seed' as a whole number" },
        { ["run", "wpi-ds541/q1-xor", "--reports", ""], "--reports '' is empty or blank; name a folder" },
        { ["run", "wpi-ds541/q1-xor", "--reports", " "], "--reports ' ' is empty or blank; name a folder" },
        { ["run", "wpi-ds541/q1-xor", "--checkpoints", ""], "--checkpoints '' is empty or blank; name a folder" },
        { ["gradcheck", "--dtype", "float16"], "'float16'" },
        { ["gradcheck", "--model", "NoSuchModel"], "no model 'NoSuchModel'" },
        { ["data", "--bogus"], "'--bogus'" },
        { ["info", "extra"], "'extra'" },
    };

    [Theory]
    [MemberData(nameof(CommandCases))]
    public void Each_command_refuses_a_bad_value_in_one_line(string[] args, string mustContain) => AssertRefused(args, mustContain);

    [Fact]
    public void Every_option_of_every_experiment_refuses_a_non_value_and_an_out_of_range_value()
    {
        Assert.NotEmpty(ExperimentRegistry.All);
        foreach (var e in ExperimentRegistry.All)
            foreach (var o in e.Options)
            {
                if (o.DefaultText is "true" or "false") continue; // a switch takes no value
                AssertRefused(["run", e.Id, o.Name, "not-a-value"], $"{o.Name} must be");
                if (o.DefaultText.All(c => char.IsAsciiDigit(c) || c is '.' or 'E' or 'e' or '-'))
                    AssertRefused(["run", e.Id, o.Name, "-1e30"], $"{o.Name} must be");
            }
    }

    [Fact]
    public void An_unwritable_reports_or_checkpoints_folder_is_named_with_the_option_to_change_it()
    {
        // Root ignores permission bits, so "unwritable" is a path whose parent is a file.
        var file = Path.Combine(root.FullName, "a-file");
        File.WriteAllText(file, "");
        var blocked = Path.Combine(file, "reports");
        AssertRefused(["report", "--reports", blocked], "--reports");
        AssertRefused(["all", "--quick", "--reports", blocked], "--reports");
        foreach (var e in ExperimentRegistry.All)
        {
            AssertRefused(["run", e.Id, "--quick", "--reports", blocked], "--reports");
            AssertRefused(["run", e.Id, "--quick", "--reports", Path.Combine(root.FullName, "r"), "--checkpoints", blocked], "--checkpoints");
        }
    }

    [Fact]
    public void A_missing_data_folder_names_the_setup_command_and_the_run_reports_no_numbers()
    {
        var reports = Path.Combine(root.FullName, "reports");
        Environment.SetEnvironmentVariable("HOMEWORK_DATA", Path.Combine(root.FullName, "no-data"));
        try
        {
            AssertRefused(["run", "cs229-w25/q4-mnist", "--quick", "--reports", reports, "--checkpoints", Path.Combine(root.FullName, "c")], "./scripts/setup.sh");
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOMEWORK_DATA", null);
        }
        var record = RunRecord.Load(reports, "cs229-w25/q4-mnist", quick: true)!;
        Assert.False(record.Succeeded);
        Assert.Empty(record.Comparisons);
        Assert.Empty(record.Numbers);
        Assert.Contains("./scripts/setup.sh", record.Error);
        Assert.Contains("The run failed", File.ReadAllText(Path.Combine(reports, "quick", "cs229-w25", "q4-mnist", "index.html")));
    }

    [Fact]
    public void Resume_under_other_settings_or_to_fewer_epochs_is_one_line_and_leaves_the_checkpoint()
    {
        string[] Run(params string[] extra) => ["run", "cs229-w25/q4-mnist", "--quick", "--reports", Path.Combine(root.FullName, "r"), "--checkpoints", Path.Combine(root.FullName, "c"), .. extra];
        var (code, _, stderr) = Homework(Run("--epochs", "3"));
        Assert.True(code == 0, stderr);
        var dat = Path.Combine(root.FullName, "c", "cs229-w25", "q4-mnist", "quick-mlp-autograd.dat");
        var before = File.ReadAllBytes(dat);
        AssertRefused(Run("--epochs", "4", "--lr", "1", "--resume"), "was trained with other settings: --lr 5 (now 1)");
        AssertRefused(Run("--epochs", "2", "--resume"), "has trained 3 epochs, more than the 2 asked for");
        Assert.Equal(before, File.ReadAllBytes(dat));
        File.Delete(Path.ChangeExtension(dat, null) + ".train.json");
        AssertRefused(Run("--epochs", "4", "--resume"), "there is no saved run at");
    }

    [Fact]
    public void An_index_that_cannot_be_written_is_refused_before_the_run()
    {
        var reports = Path.Combine(root.FullName, "immutable");
        Directory.CreateDirectory(reports);
        var index = Path.Combine(reports, "index.html");
        File.WriteAllText(index, "kept");
        // chmod does not stop root; the immutable attribute does.
        Chattr("+i", index);
        try
        {
            AssertRefused(["run", "wpi-ds541/q1-xor", "--reports", reports, "--checkpoints", Path.Combine(root.FullName, "c")], "index.html cannot be written");
            Assert.False(Directory.Exists(Path.Combine(reports, "wpi-ds541")));
        }
        finally
        {
            Chattr("-i", index);
        }
        Assert.Equal("kept", File.ReadAllText(index));
    }

    private static void Chattr(string flag, string path)
    {
        var psi = global::Homework.Reports.SystemProgram.StartInfo("chattr");
        psi.ArgumentList.Add(flag);
        psi.ArgumentList.Add(path);
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"chattr {flag} {path}: {p.StandardError.ReadToEnd()}");
    }
}
