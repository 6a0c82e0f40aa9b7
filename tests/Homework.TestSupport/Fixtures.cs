// Locates the repository's committed fixtures and generated data from any test's bin folder.
namespace Homework.TestSupport;

/// <summary>Paths to fixtures (tests/fixtures) and data (data/) in the checkout.</summary>
public static class Fixtures
{
    /// <summary>The repository root: the nearest ancestor holding Homework.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>A file under tests/fixtures.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoRoot, "tests", "fixtures", .. parts]);

    /// <summary>A file under data/.</summary>
    public static string Data(params string[] parts) => System.IO.Path.Combine([RepoRoot, "data", .. parts]);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Homework.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find Homework.sln above " + AppContext.BaseDirectory);
    }
}
