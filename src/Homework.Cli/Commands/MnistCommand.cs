// `homework mnist` (also what `homework` runs with no arguments): CS229 PS2 Q4 (b-e) end to end.
// Not the training code (Experiments/Mnist) — only options, and the order the parts run in.
using Homework.Checkpoints;
using System.CommandLine;
using Homework.Cli.Experiments.Mnist;
using Homework.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.Cli.Commands;

/// <summary>Builds the <c>mnist</c> and <c>cnn-vs-mlp</c> subcommands and the default run.</summary>
public static class MnistCommand
{
    private static readonly Option<Impl> ImplOption = new("--impl") { Description = "Which twin trains the MLP: manual (hand-derived gradients) or torch (autograd).", DefaultValueFactory = _ => Impl.Torch };
    private static readonly Option<int> EpochsOption = new("--epochs") { Description = "Epochs of each MLP run (Q4: 30).", DefaultValueFactory = _ => 30 };
    private static readonly Option<bool> ResumeOption = new("--resume") { Description = "Continue interrupted runs from their last saved epoch in checkpoints/." };
    private static readonly Option<bool> NoCnnOption = new("--no-cnn") { Description = "Skip the CNN vs Linear NN comparison (Q4e)." };
    private static readonly Option<int> CnnEpochsOption = new("--cnn-epochs") { Description = "Epochs of each network in the Q4(e) comparison.", DefaultValueFactory = _ => new CompareConfig().Epochs };
    private static readonly Option<string> ReportsOption = new("--reports") { Description = "Folder for the report pages.", DefaultValueFactory = _ => "reports" };

    /// <summary>The <c>mnist</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("mnist", "CS229 PS2 Q4: train the 784-300-10 sigmoid MLP (plain and L2), checkpoint to checkpoints/*.dat, test from the checkpoints, plot; then the CNN vs Linear NN comparison.");
        AddOptions(command);
        command.SetAction(Run);
        return command;
    }

    /// <summary>The <c>cnn-vs-mlp</c> subcommand: Q4(e) alone.</summary>
    public static Command CreateComparison()
    {
        var command = new Command("cnn-vs-mlp", "CS229 PS2 Q4(e): parameter counts (closed form and real), then the CNN and the largest smaller Linear NN trained alike.");
        command.Options.Add(CnnEpochsOption);
        command.Options.Add(ReportsOption);
        command.SetAction(parse => Guard(() =>
        {
            CnnVsMlpExperiment.Run(new CompareConfig(Epochs: parse.GetValue(CnnEpochsOption)), parse.GetValue(ReportsOption)!, Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>Makes <paramref name="root"/> run the main job when given no subcommand.</summary>
    public static void AttachDefault(RootCommand root)
    {
        AddOptions(root);
        root.SetAction(Run);
    }

    private static void AddOptions(Command command)
    {
        foreach (var option in new Option[] { ImplOption, EpochsOption, ResumeOption, NoCnnOption, CnnEpochsOption, ReportsOption })
            command.Options.Add(option);
    }

    private static int Run(ParseResult parse) => Guard(() =>
    {
        var reports = parse.GetValue(ReportsOption)!;
        var (plain, l2) = MnistExperiment.Run(parse.GetValue(ImplOption), parse.GetValue(EpochsOption), parse.GetValue(ResumeOption), reports, Console.Out);
        Console.WriteLine($"Q4(d) test accuracy: unregularized {plain:F4} (homework: about 0.9287), L2 λ = 1e-4 {l2:F4} (homework: about 0.9676)");
        if (!parse.GetValue(NoCnnOption))
            CnnVsMlpExperiment.Run(new CompareConfig(Epochs: parse.GetValue(CnnEpochsOption)), reports, Console.Out);
        return 0;
    });

    // Missing data and bad checkpoints are the user's to fix: say what and how, without a stack trace.
    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DatasetException or CheckpointException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
