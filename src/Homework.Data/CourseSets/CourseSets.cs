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
    /// <summary>
    /// Name of the marker file written after a set's files are complete: the homework on its first line, then one
    /// <c>sha256sum</c> line per file, so that a file changed or cut short later is noticed and regenerated.
    /// </summary>
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
    /// Generates, in <see cref="Dir"/>, every set whose files are not all present with the content its completion
    /// marker records (a file changed, cut short or removed since), or every set when <paramref name="force"/>.
    /// Returns the sets it generated.
    /// </summary>
    public static IReadOnlyList<CourseSet> EnsureGenerated(string? root = null, bool force = false, Action<string>? log = null)
    {
        var made = new List<CourseSet>();
        foreach (var set in All)
        {
            var dir = Path.Combine(Dir(root), set.Name);
            var damaged = force ? null : Damaged(set, dir);
            if (!force && damaged is null) continue;
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            set.Generate(dir);
            File.WriteAllLines(Path.Combine(dir, CompleteMarker), [set.Homework, .. set.Files.Select(f => $"{Sha256(Path.Combine(dir, f))}  {f}")]);
            log?.Invoke($"generated {set.Name} ({set.Homework}) -> {Path.GetRelativePath(Directory.GetCurrentDirectory(), dir)}" +
                (damaged is { Length: > 0 } ? $" ({damaged})" : ""));
            made.Add(set);
        }
        return made;
    }

    // Null when the set's files are all there with the SHA-256 its marker records; else why it must be regenerated
    // ("" when it was never completed).
    private static string? Damaged(CourseSet set, string dir)
    {
        var marker = Path.Combine(dir, CompleteMarker);
        if (!File.Exists(marker)) return "";
        var recorded = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(marker).Skip(1))
            if (line.Split("  ", 2) is [var sha, var name]) recorded[name] = sha;
        foreach (var file in set.Files)
        {
            var path = Path.Combine(dir, file);
            if (!File.Exists(path)) return $"{file} was missing";
            if (!recorded.TryGetValue(file, out var sha)) return $"its marker predates the recorded hashes";
            if (Sha256(path) != sha) return $"{file} had changed since it was generated";
        }
        return null;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
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
