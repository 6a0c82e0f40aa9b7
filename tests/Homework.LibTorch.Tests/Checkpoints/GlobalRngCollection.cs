// libtorch has one global CPU generator: a test that compares two seeded runs bit for bit must not
// share it with tests running in parallel. Tests in this collection run alone, after the parallel ones.
namespace Homework.LibTorch.Tests.Checkpoints;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    public const string Name = "libtorch global generator";
}
