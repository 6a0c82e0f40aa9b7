// A checkpoint and an optimizer-state file over 2 GiB, each holding one tensor of more than 2^31 bytes: saved (byte for
// byte the files of tests/fixtures/interchange/large_sha256.py), loaded back and checked against values from
// arithmetic, with the process's peak memory measured around each load and save. Runs on both backends (./test), so it
// also shows that TorchSharp 0.107 handles such files and that both write the same bytes.
// Costs ~4.3 GB of disk (temp folder, deleted) and ~4.3 GB of memory at its peak.
using System.Security.Cryptography;
using System.Text.Json;
using Homework.TestSupport;
using Xunit.Abstractions;

namespace Homework.Checkpoints.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class LargeFileTests(ITestOutputHelper output) : IDisposable
{
    // weight[r, c] = c + Period·(r mod 7): exact in float32, and a prime row length, so data landing at any offset
    // other than its own (a chunk shifted by a power of two, a 32-bit offset wrapping) reads back as other values.
    private const long Period = 4099;
    private const long Rows = 7 * 18_711;
    private const long Bytes = Rows * Period * sizeof(float); // 2,147,498,892 = 2^31 + 15,244

    // Memory a streamed load or save may add: buffers, not a copy of the data.
    private const long Slack = 256L << 20;
    private const long ManagedSlack = 16L << 20;

    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("interchange", "large_sha256.json"))).RootElement;

    private readonly string folder = Directory.CreateTempSubdirectory("hw-large-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class Big : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        public readonly Parameter weight = new(empty([Rows, Period]));

        public Big() : base(nameof(Big)) => RegisterComponents();

        public override torch.Tensor forward(torch.Tensor x) => x.matmul(weight);
    }

    private static float Value(long r, long c) => c + Period * (r % 7);

    private static float Gradient(long c) => c % 5;

    [Fact]
    public void ATensorAndFilesOver2GiBRoundTripStreamedOnThisBackend()
    {
        Assert.True(Bytes > int.MaxValue);
        using var scope = NewDisposeScope();
        using var model = new Big();
        var weight = model.weight;
        using (no_grad())
        {
            weight.copy_(tensor(Enumerable.Range(0, (int)Period).Select(c => (float)c).ToArray()));
            weight.add_(tensor(Enumerable.Range(0, (int)Rows).Select(r => Value(r, 0)).ToArray()).view(Rows, 1));
        }
        // SGD steps with a gradient that is a broadcast view (no 2 GiB of its own). Nothing large is freed before a
        // measurement (the checks come after them), so an allocator that keeps freed pages cannot hide a copy of the data.
        var g = tensor(Enumerable.Range(0, (int)Period).Select(c => Gradient(c)).ToArray()).expand(Rows, Period);
        using var sgd = torch.optim.SGD(model.parameters(), learningRate: 1, momentum: 0.5);
        weight.grad = g;
        sgd.step(); // buffer = g, weight = v - g
        var datPath = Path.Combine(folder, "big.dat");
        var optimPath = Path.Combine(folder, "big.optim.dat");
        Measure("model save", () => model.save(datPath));
        Measure("optimizer save", () => sgd.save_state_dict(optimPath));
        // The bytes TorchSharp's layouts give for these values, computed by tests/fixtures/interchange/large_sha256.py.
        foreach (var (file, key) in new[] { (datPath, "dat"), (optimPath, "optim") })
        {
            var expected = Fixture.GetProperty(key);
            Assert.Equal(expected.GetProperty("bytes").GetInt64(), new FileInfo(file).Length);
            using var stream = File.OpenRead(file);
            Assert.Equal(expected.GetProperty("sha256").GetString(), Convert.ToHexString(SHA256.HashData(stream)));
        }

        sgd.step(); // buffer = 1.5 g, weight = v - 2.5 g: both differ from the files now
        Measure("model load", () => model.load(datPath));
        Measure("optimizer load", () => sgd.load_state_dict(optimPath));
        Check("loaded weight = v - g", weight, (r, c) => Value(r, c) - Gradient(c));
        // From the loaded buffer g: buffer = 1.5 g, weight = v - 2.5 g (from the unloaded 1.5 g it would be v - 2.75 g).
        sgd.step();
        Check("weight after a step from the loaded buffer = v - 2.5 g", weight, (r, c) => Value(r, c) - 2.5f * Gradient(c));
    }

    // Runs an action and fails if the process's peak resident memory rose by more than Slack (a second copy of the
    // data, in a byte[] or a tensor, would add 2 GiB), or if it allocated more than ManagedSlack of managed memory.
    private void Measure(string what, Action action)
    {
        GC.Collect();
        var rss = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets the peak (VmHWM) to the current resident size
        var managed = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        action();
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - managed;
        var rise = Status("VmHWM") - rss;
        output.WriteLine($"{what}: {seconds:F1} s, peak resident memory +{rise >> 20} MiB, managed allocations {allocated >> 10} KiB");
        Assert.True(rise < Slack, $"{what}: peak resident memory rose by {rise >> 20} MiB (allowed {Slack >> 20})");
        Assert.True(allocated < ManagedSlack, $"{what}: allocated {allocated >> 20} MiB of managed memory");
    }

    private static long Status(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith(field + ":"))[(field.Length + 1)..].Trim().Split(' ')[0]) << 10;

    // Sampled values (fixed places: both ends, the 2^31-byte boundary, 64 MiB chunk boundaries; and random ones)
    // and the float64 sum over every element, both against the formula.
    private void Check(string what, torch.Tensor t, Func<long, long, float> expected)
    {
        var places = new List<long> { 0, 1, Rows * Period - 1, (1L << 29) - 1, 1L << 29 };
        for (var k = 1L; k * (1 << 24) < Rows * Period; k++) places.AddRange([k * (1 << 24) - 1, k * (1 << 24)]);
        var rng = new Random(17);
        for (var i = 0; i < 2000; i++) places.Add(rng.NextInt64(Rows * Period));
        foreach (var at in places)
        {
            var (r, c) = (at / Period, at % Period);
            Assert.True(expected(r, c) == t[r][c].item<float>(), $"{what}: element ({r}, {c}) is {t[r][c].item<float>()}, expected {expected(r, c)}");
        }
        double sum = 0;
        for (var r = 0L; r < 7; r++)
            for (var c = 0L; c < Period; c++)
                sum += expected(r, c);
        sum *= Rows / 7;
        // In slices: a float64 sum of the whole tensor would first convert all of it to float64 (4 GiB more).
        double actual = 0;
        for (var r = 0L; r < Rows; r += 1 << 13)
            using (var part = t.narrow(0, r, Math.Min(1 << 13, Rows - r)).sum(ScalarType.Float64))
                actual += part.item<double>();
        Assert.Equal(sum, actual);
        output.WriteLine($"{what}: {places.Count} sampled elements and the sum {sum:R} match");
    }
}
