// Where the datasets live (data/ at the repository root) and the one "file is missing" error.
// Not a downloader: scripts/fetch-data.sh (run by ./scripts/setup.sh) fetches and verifies.
namespace Homework.Data;

/// <summary>Locations under <c>data/</c> and the check that a fetched file is there.</summary>
public static class DataFiles
{
    /// <summary>The command that fetches every dataset and generates the course CSVs.</summary>
    public const string FetchCommand = "./scripts/setup.sh";

    /// <summary>
    /// The data directory: <c>$HOMEWORK_DATA</c> if set, else <c>data</c> under the nearest ancestor of the
    /// working directory (then of the program) that holds <c>Homework.sln</c>, else <c>./data</c>.
    /// </summary>
    public static string Root => Environment.GetEnvironmentVariable("HOMEWORK_DATA") is { Length: > 0 } env ? env : DefaultRoot.Value;

    private static readonly Lazy<string> DefaultRoot = new(() =>
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(System.IO.Path.Combine(d.FullName, "Homework.sln"))) return System.IO.Path.Combine(d.FullName, "data");
        return System.IO.Path.GetFullPath("data");
    });

    /// <summary>A path under <see cref="Root"/>, e.g. <c>Path("mnist", "t10k-labels-idx1-ubyte")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Throws a <see cref="FileNotFoundException"/> naming the fetch command unless <paramref name="path"/> exists.</summary>
    public static void Require(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"dataset file {path} is missing: fetch the datasets with {FetchCommand} (it downloads, verifies and generates everything under data/)", path);
    }
}
