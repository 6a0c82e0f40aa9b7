// `homework export` and `homework import`: a checkpoint to and from PyTorch's state-dict files (.safetensors, .pt),
// through TorchSharp.PyBridge (Homework.Checkpoints.PyTorchStateDict). TorchSharp engine only: on debian-libtorch both
// commands say so in one line.
using Homework.Experiments;
using System.CommandLine;
#if TORCHSHARP
using Homework.Checkpoints;
#endif

namespace Homework.Cli.Commands;

/// <summary>Builds the <c>export</c> and <c>import</c> subcommands.</summary>
public static class InterchangeCommand
{
    /// <summary><c>homework export &lt;checkpoint.dat&gt; --to &lt;file.safetensors|file.pt&gt;</c>.</summary>
    public static Command Export()
    {
        var dat = new Argument<string>("checkpoint") { Description = "A .dat model file (e.g. checkpoints/cs229-w25/q4-mnist/mlp-autograd.dat)." };
        var to = new Option<string>("--to") { Description = "The file to write: .safetensors or .pt (torch.save's format); PyTorch loads either with load_state_dict.", Required = true };
        var command = new Command("export", "Write a checkpoint's tensors as a PyTorch state dict (.safetensors or .pt).") { dat, to };
        command.SetAction(parse => Run("export", () =>
        {
#if TORCHSHARP
            var n = PyTorchStateDict.Export(parse.GetValue(dat)!, parse.GetValue(to)!);
            Console.WriteLine($"exported {n} tensors of {parse.GetValue(dat)} to {parse.GetValue(to)}");
#endif
        }));
        return command;
    }

    /// <summary><c>homework import &lt;file.safetensors|file.pt&gt; --to &lt;checkpoint.dat&gt;</c>.</summary>
    public static Command Import()
    {
        var source = new Argument<string>("state-dict") { Description = "A state dict PyTorch saved: .safetensors, or .pt from torch.save(model.state_dict(), path)." };
        var to = new Option<string>("--to") { Description = "The .dat model file to write (a model's strict load then checks names, dtypes and shapes).", Required = true };
        var command = new Command("import", "Write a PyTorch state dict (.safetensors or .pt) as a .dat checkpoint.") { source, to };
        command.SetAction(parse => Run("import", () =>
        {
#if TORCHSHARP
            var n = PyTorchStateDict.Import(parse.GetValue(source)!, parse.GetValue(to)!);
            Console.WriteLine($"imported {n} tensors of {parse.GetValue(source)} into {parse.GetValue(to)}");
#endif
        }));
        return command;
    }

    private static int Run(string name, Action body) => ErrorGuard.Guard(() =>
    {
        if (!EngineInfo.IsTorchSharp)
            throw new UserError($"{name} needs the TorchSharp engine (TorchSharp.PyBridge); this run is on debian-libtorch: run it without HOMEWORK_ENGINE=debian-libtorch or --engine debian-libtorch");
        body();
        return 0;
    });
}
