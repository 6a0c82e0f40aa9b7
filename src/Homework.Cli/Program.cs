// Entry point of the `homework` command: one subcommand per experiment, registered in Commands/.
using System.CommandLine;
using Homework.Cli.Commands;

var root = new RootCommand("Homework: the five deep-learning homeworks, runnable (manual gradients vs autograd, training, plots).");
foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
MnistCommand.AttachDefault(root);
return root.Parse(args).Invoke();
