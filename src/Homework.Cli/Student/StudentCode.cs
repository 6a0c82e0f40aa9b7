// A student's .cs file, compiled in-process by Roslyn against the assemblies this process runs on (the project's,
// TorchSharp's, the framework's), with an embedded PDB so exceptions thrown in it carry the file's own lines.
// Not a sandbox: the code runs with the user's rights, as anything they build would.
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TorchSharp;

namespace Homework.Cli.Student;

/// <summary>A file that does not compile; <see cref="Exception.Message"/> holds every error as file:line:column, message and source line.</summary>
public sealed class CompileException(string message) : Exception(message);

/// <summary>One compiled student file: its assembly and where its source lives.</summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="Assembly">The compiled code, loaded into this process.</param>
public sealed record StudentCode(string Path, Assembly Assembly)
{
    // The SDK's implicit usings that a student's short file most likely assumes.
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.Linq;";

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Append(typeof(torch).Assembly.Location)           // whichever TorchSharp this build runs on
            .Append(typeof(Homework.Manual.IManualModel).Assembly.Location)
            .Where(p => p.Length > 0 && File.Exists(p))
            .DistinctBy(System.IO.Path.GetFileName);
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    });

    /// <summary>Compiles <paramref name="path"/>; a <see cref="CompileException"/> listing the errors if it does not compile.</summary>
    public static StudentCode Compile(string path)
    {
        var text = File.ReadAllText(path);
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(text, options, System.IO.Path.GetFullPath(path), Encoding.UTF8);
        var compilation = CSharpCompilation.Create($"homework-check-{Guid.NewGuid():N}",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, options)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!result.Success)
            throw new CompileException(string.Join("\n", result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => Describe(path, text, d))));
        return new StudentCode(path, Assembly.Load(pe.ToArray()));
    }

    /// <summary>The public classes of the file, in source order.</summary>
    public IReadOnlyList<Type> Types => [.. Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsNested)];

    /// <summary>
    /// The frames of <paramref name="e"/> (and of the exceptions it wraps) that run in this file, innermost first,
    /// as "at Class.Method in file:line" with the source line; empty when the file's code is not on the stack.
    /// </summary>
    public IReadOnlyList<string> Frames(Exception e)
    {
        var lines = File.Exists(Path) ? File.ReadAllLines(Path) : [];
        var frames = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
            foreach (var frame in new StackTrace(x, fNeedFileInfo: true).GetFrames())
            {
                var method = frame.GetMethod();
                if (method?.Module.Assembly != Assembly) continue;
                var line = frame.GetFileLineNumber();
                var source = line >= 1 && line <= lines.Length ? $"\n    {line,4} | {lines[line - 1].Trim()}" : "";
                frames.Add($"  at {method.DeclaringType?.Name}.{method.Name} in {Path}:{line}{source}");
            }
        return frames;
    }

    private static string Describe(string path, string text, Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var (line, column) = (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        var source = d.Location.IsInSource && d.Location.SourceTree?.FilePath == System.IO.Path.GetFullPath(path)
            ? text.Split('\n')[line - 1].TrimEnd('\r') : null;
        var where = source is null ? "" : $"\n    {line,4} | {source}\n         | {new string(' ', column - 1)}^";
        return $"{path}:{line}:{column}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}{where}";
    }
}
