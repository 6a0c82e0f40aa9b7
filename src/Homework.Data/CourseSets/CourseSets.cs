// The registry of regenerated course CSVs (data/generated/<set>/), their generation and their loading.
// Not a downloader: these sets exist nowhere to fetch (docs: design/sources.md), so they are rebuilt from each homework's stated process.
using TorchSharp;
using static TorchSharp.torch;

namespace Homework.Data.CourseSets;

/// <summary>One regenerated set: its folder name, the homework it serves, its files and its generator.</summary>
/// <param name="Name">Folder under data/generated, named as in the homework's <c>src/&lt;name&gt;/</c>.</param>
/// <param name="Homework">The homework question that uses it.</param>
/// <param name="Files">The CSV files the generator writes, named as in the homework.</param>
/// <param name="Generate">Writes every file into the given directory; deterministic (fixed seed).</param>
public sealed record CourseSet(string Name, string Homework, string[] Files, Action<string> Generate);

/// <summary>Every regenerated course set, and the one way to generate and to load them.</summary>
public static class CourseSets
{
    /// <summary>Name of the marker file written after a set's files are complete.</summary>
    public const string CompleteMarker = ".complete";

    /// <summary>The sets, in homework order.</summary>
    public static IReadOnlyList<CourseSet> All { get; } =
    [
        ImplicitReg.Set,
        DoubleDescent.DoubleDescentSet,
        SimpleNn.Set,
        Stability.Set,
        Perceptron.Set,
        DoubleDescent.BayesianRegSet,
    ];

    /// <summary>The set called <paramref name="name"/>; throws naming the known sets otherwise.</summary>
    public static CourseSet Get(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no course set '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}", nameof(name));

    /// <summary>data/generated (or <paramref name="root"/>/generated when a data root is given).</summary>
    public static string Dir(string? root = null) => Path.Combine(root ?? DataFiles.Root, "generated");

    /// <summary>
    /// Generates, in <see cref="Dir"/>, every set whose files are not all present with their completion marker
    /// (or every set when <paramref name="force"/>). Returns the sets it generated.
    /// </summary>
    public static IReadOnlyList<CourseSet> EnsureGenerated(string? root = null, bool force = false, Action<string>? log = null)
    {
        var made = new List<CourseSet>();
        foreach (var set in All)
        {
            var dir = Path.Combine(Dir(root), set.Name);
            var marker = Path.Combine(dir, CompleteMarker);
            if (!force && File.Exists(marker) && set.Files.All(f => File.Exists(Path.Combine(dir, f)))) continue;
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            set.Generate(dir);
            File.WriteAllText(marker, set.Homework + "\n");
            log?.Invoke($"generated {set.Name} ({set.Homework}) -> {Path.GetRelativePath(Directory.GetCurrentDirectory(), dir)}");
            made.Add(set);
        }
        return made;
    }

    /// <summary>The path of <paramref name="file"/> (e.g. "train200.csv") in set <paramref name="set"/>; the file must exist.</summary>
    /// <exception cref="FileNotFoundException">Not generated yet; the message names <see cref="DataFiles.FetchCommand"/>.</exception>
    public static string FilePath(string set, string file, string? root = null)
    {
        var known = Get(set);
        if (!known.Files.Contains(file))
            throw new ArgumentException($"set '{set}' has no file '{file}'; it has: {string.Join(", ", known.Files)}", nameof(file));
        var path = Path.Combine(Dir(root), set, file);
        DataFiles.Require(path);
        return path;
    }

    /// <summary>
    /// Reads a generated file as (X (N, d), y (N)) in <paramref name="dtype"/> (float64 by default). Every generated file
    /// has a header ending in the label column y; one without it (a column lost) is a <see cref="DatasetException"/>.
    /// </summary>
    public static (Tensor X, Tensor Y) Load(string set, string file, ScalarType dtype = ScalarType.Float64, string? root = null)
    {
        var table = CsvTable.Read(FilePath(set, file, root));
        if (table.Columns[^1] != "y")
            throw new DatasetException($"{table.Path}: its header ({string.Join(",", table.Columns)}) does not end in the label column y; " +
                $"the file is damaged: delete it and run {DataFiles.FetchCommand} to regenerate it");
        return table.ToTensors(dtype);
    }
}
