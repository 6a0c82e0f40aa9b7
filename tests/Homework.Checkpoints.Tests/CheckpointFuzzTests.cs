// Seeded fuzz of TrainingState.Load (issue 26, item 9): thousands of damaged copies of each of a saved run's three
// files. Damaged .dat and .optim.dat files get a re-stamped sidecar (their hashes and its checksum), so the damage
// reaches the parsers rather than the hash check; damaged sidecars come both raw (the checksum must catch them) and
// re-stamped (the parser and the value checks must), and some change only the generator state or one value.
// Every load must either succeed or throw CheckpointException having changed nothing (every tensor, the optimizer's
// state and the generator compared before and after). A few seconds on an idle machine.
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Homework.Checkpoints.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class CheckpointFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Mutants = 1500;
    private readonly SavedRun run = new();

    public void Dispose() => run.Dispose();

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0F, 0x40, (byte)'"', (byte)'{', (byte)'-'];

    // One random change of the kinds a damaged disk, a cut copy or a careless edit makes.
    private static (byte[] bytes, string what) Mutate(Random random, byte[] original)
    {
        var b = original.ToList();
        var at = random.Next(b.Count);
        switch (random.Next(7))
        {
            case 0:
                var bit = random.Next(8);
                b[at] ^= (byte)(1 << bit);
                return ([.. b], $"bit {bit} of byte {at} flipped");
            case 1:
                var value = Interesting[random.Next(Interesting.Length)];
                b[at] = value;
                return ([.. b], $"byte {at} set to {value:X2}");
            case 2:
                return ([.. b.Take(at)], $"cut to {at} bytes");
            case 3:
                var inserted = Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256)).ToArray();
                b.InsertRange(at, inserted);
                return ([.. b], $"{inserted.Length} bytes inserted at {at}");
            case 4:
                var removed = Math.Min(random.Next(1, 17), b.Count - at);
                b.RemoveRange(at, removed);
                return ([.. b], $"{removed} bytes removed at {at}");
            case 5:
                var length = Math.Min(random.Next(1, 33), b.Count - at);
                b.InsertRange(random.Next(b.Count), b.GetRange(at, length));
                return ([.. b], $"{length} bytes at {at} repeated");
            default:
                var count = random.Next(2, 6);
                for (var i = 0; i < count; i++) b[random.Next(b.Count)] = (byte)random.Next(256);
                return ([.. b], $"{count} random bytes");
        }
    }

    private (int loaded, int refused) Run(string kind, string[] damaged, Func<Random, string> damage)
    {
        var random = new Random(kind.Length * 7919 + 26);
        var (loaded, refused) = (0, 0);
        for (var i = 0; i < Mutants; i++)
        {
            run.Restore(damaged);
            var what = $"{kind} mutant {i}: {damage(random)}";
            if (run.LoadOrRefuse(what) is null) loaded++;
            else refused++;
        }
        output.WriteLine($"{kind}: {loaded} loaded, {refused} refused");
        Assert.True(refused > Mutants / 2, $"{kind}: only {refused} of {Mutants} damaged files were refused");
        return (loaded, refused);
    }

    [Fact]
    public void DamagedWeightFilesAreRefusedWholeOrLoadWhole() => Run("dat", [run.Dat, run.Train], random =>
    {
        var (bytes, what) = Mutate(random, run.DatBytes);
        File.WriteAllBytes(run.Dat, bytes);
        run.Stamp(run.State());
        return what;
    });

    [Fact]
    public void DamagedOptimizerFilesAreRefusedWholeOrLoadWhole() => Run("optim", [run.Optim, run.Train], random =>
    {
        var (bytes, what) = Mutate(random, run.OptimBytes);
        File.WriteAllBytes(run.Optim, bytes);
        run.Stamp(run.State());
        return what;
    });

    private static readonly string[] Values = ["null", "-1", "-5", "0", "1e400", "\"\"", "[]", "{}", "true", "\"NaN\"", "2147483648", "\"AAAA\"", "[null]", "{\"loss\": null}"];

    [Fact]
    public void DamagedSidecarsAreRefusedWholeOrLoadWhole()
    {
        var text = Encoding.UTF8.GetString(run.TrainBytes);
        var start = text.IndexOf('{', text.IndexOf("\"State\"", StringComparison.Ordinal));
        var state = Encoding.UTF8.GetBytes(text[start..text.LastIndexOf('}')]);
        var rng = Convert.FromBase64String((string)run.State()["RngState"]!);
        var names = run.State().Select(p => p.Key).ToArray();
        Run("train", [run.Train], random =>
        {
            switch (random.Next(4))
            {
                case 0: // as a disk damages it: the checksum must catch it
                    var (raw, rawWhat) = Mutate(random, run.TrainBytes);
                    File.WriteAllBytes(run.Train, raw);
                    return $"whole file, {rawWhat}";
                case 1: // a writer with a bug: damaged, then given a valid checksum
                    var (body, bodyWhat) = Mutate(random, state);
                    run.Stamp(body);
                    return $"state re-stamped, {bodyWhat}";
                case 2: // one value replaced
                    var edited = run.State();
                    var name = names[random.Next(names.Length)];
                    var value = Values[random.Next(Values.Length)];
                    edited[name] = JsonNode.Parse(value);
                    run.Stamp(edited, hashes: false);
                    return $"{name} = {value}";
                default: // the generator state's header or words changed, still base64 of the right length
                    var (bytes, what) = Mutate(random, rng);
                    if (bytes.Length != rng.Length) bytes = [.. rng.AsSpan(0, 8), .. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)), .. rng.AsSpan(24)];
                    var withRng = run.State();
                    withRng["RngState"] = Convert.ToBase64String(bytes);
                    run.Stamp(withRng, hashes: false);
                    return $"RngState {what}";
            }
        });
    }
}
