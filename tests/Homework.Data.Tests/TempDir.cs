// A scratch directory for corrupted copies of dataset files; deleted when the test ends.
namespace Homework.Data.Tests;

public sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("homework-data-tests-").FullName;

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
