// .dat checkpoints: byte layout, independent Python writer, validation errors, fuzzing, atomic save.
// Malformed inputs must give a CheckpointException and leave the module untouched.
using Homework.Checkpoints;
using System.Text.Json;
using Homework.Binding.Tests.nn;
using Homework.TestSupport;
using Xunit.Abstractions;

namespace Homework.Binding.Tests.Checkpoints;

public sealed class DatFormatTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-dat-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static Sequential PythonNet() => torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3), torch.nn.Linear(3, 1));

    private static Dictionary<string, torch.Tensor> Snapshot(torch.nn.Module m) =>
        m.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void AssertUnchanged(torch.nn.Module m, Dictionary<string, torch.Tensor> before)
    {
        foreach (var (k, v) in m.state_dict()) TensorAssert.Close($"{k} unchanged", v, before[k], Tolerance.Exact);
    }

    [Fact]
    public void Linear2To1IsByteExactAgainstTheSpecExample()
    {
        using var scope = NewDisposeScope();
        using var fc = torch.nn.Linear(2, 1);
        fc.load_state_dict(new() { ["weight"] = tensor(new float[] { 1.5f, -2f }, [1, 2]), ["bias"] = tensor(new float[] { 0.25f }) });
        fc.save(PathOf("linear.dat"));
        byte[] expected =
        [
            0x02,
            0x06, (byte)'w', (byte)'e', (byte)'i', (byte)'g', (byte)'h', (byte)'t', 0x06, 0x02, 0x01, 0x02,
            0x00, 0x00, 0xC0, 0x3F, /* 1.5f */ 0x00, 0x00, 0x00, 0xC0, /* -2f */
            0x04, (byte)'b', (byte)'i', (byte)'a', (byte)'s', 0x06, 0x01, 0x01,
            0x00, 0x00, 0x80, 0x3E, /* 0.25f */
        ];
        Assert.Equal(expected, File.ReadAllBytes(PathOf("linear.dat")));
    }

    [Fact]
    public void MultiByteDimensionsUseLeb128()
    {
        using var fc = torch.nn.Linear(9216, 300, hasBias: false);
        fc.save(PathOf("wide.dat"));
        var head = File.ReadAllBytes(PathOf("wide.dat")).AsSpan(0, 14).ToArray();
        // 1 entry, "weight", float32, 2 dims: 300 = AC 02, 9216 = 80 48.
        Assert.Equal(new byte[] { 0x01, 0x06, (byte)'w', (byte)'e', (byte)'i', (byte)'g', (byte)'h', (byte)'t', 0x06, 0x02, 0xAC, 0x02, 0x80, 0x48 }, head);
    }

    [Fact]
    public void SaveThenLoadRestoresEveryTensorExactly()
    {
        using var scope = NewDisposeScope();
        using var a = PythonNet();
        a.train();
        a.call(randn(16, 2)); // running statistics and num_batches_tracked move
        a.save(PathOf("net.dat"));
        using var b = PythonNet();
        b.load(PathOf("net.dat"));
        foreach (var (k, v) in a.state_dict()) TensorAssert.Close(k, b.state_dict()[k], v, Tolerance.Exact);
        Assert.Equal(1L, b.state_dict()["1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void AFileFromTheIndependentPythonWriterLoadsAndIsWrittenBackIdentically()
    {
        using var scope = NewDisposeScope();
        using var net = PythonNet();
        net.load(Fixtures.Path("nn", "python_written.dat"));
        var expected = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("nn", "python_written.json"))).RootElement;
        foreach (var p in expected.EnumerateObject())
            TensorAssert.Close(p.Name, net.state_dict()[p.Name], p.Value.ToTensor(), Tolerance.Exact);
        Assert.NotEqual(0.0, net.state_dict()["1.running_mean"].abs().sum().item<float>());
        net.save(PathOf("again.dat"));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("nn", "python_written.dat")), File.ReadAllBytes(PathOf("again.dat")));
    }

    [Fact]
    public void EntryOrderInTheFileDoesNotMatter()
    {
        using var scope = NewDisposeScope();
        using var a = PythonNet();
        using (var s = File.Create(PathOf("reversed.dat"))) DatFile.Write(s, a.state_dict().Reverse());
        using var b = PythonNet();
        b.load(PathOf("reversed.dat"));
        foreach (var (k, v) in a.state_dict()) TensorAssert.Close(k, b.state_dict()[k], v, Tolerance.Exact);
    }

    [Fact]
    public void EveryTruncationIsAClearErrorAndLeavesTheModuleUnchanged()
    {
        using var scope = NewDisposeScope();
        var bytes = File.ReadAllBytes(Fixtures.Path("nn", "python_written.dat"));
        using var net = PythonNet();
        var before = Snapshot(net);
        for (var n = 0; n < bytes.Length; n++)
        {
            File.WriteAllBytes(PathOf("cut.dat"), bytes[..n]);
            var e = Assert.Throws<CheckpointException>(() => net.load(PathOf("cut.dat")));
            Assert.Contains("cut.dat", e.Message);
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("entries but only"), $"length {n}: {e.Message}");
        }
        AssertUnchanged(net, before);
    }

    [Fact]
    public void FlippedHeaderBytesAreNamedErrors()
    {
        using var scope = NewDisposeScope();
        var good = File.ReadAllBytes(Fixtures.Path("nn", "python_written.dat"));
        using var net = PythonNet();
        var before = Snapshot(net);

        string LoadWith(Action<byte[]> mutate)
        {
            var bytes = (byte[])good.Clone();
            mutate(bytes);
            File.WriteAllBytes(PathOf("flipped.dat"), bytes);
            return Assert.Throws<CheckpointException>(() => net.load(PathOf("flipped.dat"))).Message;
        }

        // Entry count 9 -> 8: the last entry becomes garbage after the declared ones.
        Assert.Contains("trailing garbage", LoadWith(b => b[0] = 8));
        // 0.weight -> 0.weighu: a key the module does not have.
        Assert.Contains("unexpected key '0.weighu'", LoadWith(b => b[2 + "0.weight".Length - 1] ^= 0x01));
        // num_batches_tracked (last entry, 0-dim int64) relabelled float64: same size, wrong dtype.
        var last = good.Length - 8 - 2;
        Assert.Equal(0x04, good[last]);
        Assert.Contains("'1.num_batches_tracked' is float64 in the source but int64 in the module", LoadWith(b => b[last] = 0x07));
        // An unknown dtype code.
        Assert.Contains("dtype code 9", LoadWith(b => b[last] = 0x09));
        // A continuation bit on every byte from the count on: an over-long or over-large integer.
        Assert.Contains("integer", LoadWith(b => Array.Fill(b, (byte)0xFF, 0, 12)));
        // Garbage appended.
        File.WriteAllBytes(PathOf("long.dat"), [.. good, 0x00]);
        Assert.Contains("1 bytes of trailing garbage", Assert.Throws<CheckpointException>(() => net.load(PathOf("long.dat"))).Message);
        AssertUnchanged(net, before);
    }

    [Fact]
    public void WrongShapeNamesTheKeyAndBothShapes()
    {
        using var scope = NewDisposeScope();
        using var a = torch.nn.Linear(2, 3);
        a.save(PathOf("a.dat"));
        using var b = torch.nn.Linear(3, 2);
        var before = Snapshot(b);
        var e = Assert.Throws<CheckpointException>(() => b.load(PathOf("a.dat")));
        Assert.Contains("key 'weight' has shape [3, 2] in the source but [2, 3] in the module", e.Message);
        AssertUnchanged(b, before);
    }

    [Fact]
    public void WrongDtypeNamesTheKeyAndBothTypes()
    {
        using var scope = NewDisposeScope();
        using var a = torch.nn.Linear(2, 3, dtype: float64);
        a.save(PathOf("a.dat"));
        using var b = torch.nn.Linear(2, 3);
        var before = Snapshot(b);
        var e = Assert.Throws<CheckpointException>(() => b.load(PathOf("a.dat")));
        Assert.Contains("key 'weight' is float64 in the source but float32 in the module", e.Message);
        AssertUnchanged(b, before);
    }

    [Fact]
    public void UnknownKeyFailsStrictlyAndIsSkippedOtherwise()
    {
        using var scope = NewDisposeScope();
        using var a = torch.nn.Sequential(("enc", torch.nn.Linear(2, 2)), ("head", torch.nn.Linear(2, 1)));
        a.save(PathOf("a.dat"));
        using var b = torch.nn.Sequential(("enc", torch.nn.Linear(2, 2)), ("out", torch.nn.Linear(2, 1)));
        var before = Snapshot(b);
        var e = Assert.Throws<CheckpointException>(() => b.load(PathOf("a.dat")));
        Assert.Contains("unexpected key 'head.weight'", e.Message);
        AssertUnchanged(b, before);

        b.load(PathOf("a.dat"), strict: false);
        TensorAssert.Close("enc.weight loaded", b.state_dict()["enc.weight"], a.state_dict()["enc.weight"], Tolerance.Exact);
        TensorAssert.Close("out.weight kept", b.state_dict()["out.weight"], before["out.weight"], Tolerance.Exact);
    }

    [Fact]
    public void EntryCountMismatchUsesTorchSharpsMessage()
    {
        using var scope = NewDisposeScope();
        using var a = torch.nn.Linear(2, 1, hasBias: false);
        a.save(PathOf("a.dat"));
        using var b = torch.nn.Linear(2, 1);
        var e = Assert.Throws<CheckpointException>(() => b.load(PathOf("a.dat")));
        Assert.Contains("Mismatched state_dict sizes: expected 2, but found 1", e.Message);
        Assert.Contains("missing from the source: bias", e.Message);
    }

    [Fact]
    public void MissingFileSaysSo()
    {
        using var net = torch.nn.Linear(2, 1);
        var e = Assert.Throws<FileNotFoundException>(() => net.load(PathOf("nope.dat")));
        Assert.Contains("no checkpoint at", e.Message);
    }

    [Fact]
    public void ThousandsOfRandomMutationsNeverCrashAndNeverHalfLoad()
    {
        using var scope = NewDisposeScope();
        var good = File.ReadAllBytes(Fixtures.Path("nn", "python_written.dat"));
        using var net = PythonNet();
        var rng = new Random(1234);
        var before = Snapshot(net);
        int loaded = 0, rejected = 0;
        for (var trial = 0; trial < 5000; trial++)
        {
            var bytes = new List<byte>(good);
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                var at = rng.Next(bytes.Count);
                switch (rng.Next(5))
                {
                    case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                    case 1: bytes[at] = (byte)rng.Next(256); break;
                    case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, rng.Next(1, 16))); break;
                    case 3: bytes.InsertRange(at, Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256))); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
                if (bytes.Count == 0) break;
            }
            File.WriteAllBytes(PathOf("fuzz.dat"), [.. bytes]);
            try
            {
                net.load(PathOf("fuzz.dat"));
                loaded++;
                foreach (var t in before.Values) t.Dispose();
                before = Snapshot(net);
            }
            catch (CheckpointException)
            {
                rejected++;
                AssertUnchanged(net, before);
            }
        }
        output.WriteLine($"5000 mutations: {loaded} loaded, {rejected} rejected with a CheckpointException");
        Assert.Equal(5000, loaded + rejected);
        Assert.True(rejected > 2500, $"only {rejected} of 5000 mutations were rejected");
    }

    [Fact]
    public void ANonContiguousParameterIsLoadedThroughACopy()
    {
        using var scope = NewDisposeScope();
        using var a = torch.nn.Linear(3, 2);
        a.save(PathOf("a.dat"));
        using var b = torch.nn.Linear(3, 2);
        b.weight = new Parameter(zeros(3, 2).t()); // shape [2, 3], not contiguous
        Assert.False(b.weight.is_contiguous());
        b.load(PathOf("a.dat"));
        foreach (var (k, v) in a.state_dict()) TensorAssert.Close(k, b.state_dict()[k], v, Tolerance.Exact);
    }

    // A 4 GiB parameter that is never touched (empty: no memory committed, but for two rows) and a small one after it.
    private sealed class Huge : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        public readonly Parameter weight = new(empty([1L << 29, 2]));
        public readonly Parameter bias = new(zeros(3));

        public Huge() : base(nameof(Huge)) => RegisterComponents();

        public override torch.Tensor forward(torch.Tensor x) => x;
    }

    [Fact]
    public void ErrorsPast2GiBAreFoundBeforeAnythingChanges()
    {
        // A sparse file (no disk used): weight's 4 GiB of data is a hole, the bias header and data follow it.
        using var scope = NewDisposeScope();
        using var net = new Huge();
        using (no_grad())
        {
            net.weight[0].fill_(1);
            net.weight[(1L << 29) - 1].fill_(2);
            net.bias.fill_(3);
        }
        string Load(string key, byte dtype, int cut)
        {
            var path = PathOf("huge.dat");
            using (var f = new FileStream(path, FileMode.Create))
            using (var w = new BinaryWriter(f))
            {
                w.Write7BitEncodedInt64(2);
                w.Write("weight");
                foreach (var v in (long[])[6, 2, 1L << 29, 2]) w.Write7BitEncodedInt64(v);
                w.Flush();
                f.Seek(4L << 30, SeekOrigin.Current);
                w.Write(key);
                foreach (var v in (long[])[dtype, 1, 3]) w.Write7BitEncodedInt64(v);
                w.Write(new byte[12]);
                w.Flush();
                f.SetLength(f.Length - cut);
            }
            return Assert.Throws<CheckpointException>(() => net.load(path)).Message;
        }
        Assert.Contains("entry 1 ('bias') of shape [3] float32 needs 12 bytes but only 11 are left: the file is truncated", Load("bias", 6, 1));
        Assert.Contains("unexpected key 'bias2'", Load("bias2", 6, 0));
        Assert.Contains("key 'bias' is float64 in the source but float32 in the module", Load("bias", 7, -12));
        Assert.Contains("has 1 bytes of trailing garbage", Load("bias", 6, -1));
        Assert.Equal(1f, net.weight[0][1].item<float>());
        Assert.Equal(2f, net.weight[(1L << 29) - 1][0].item<float>());
        TensorAssert.Close("bias unchanged", net.bias, full([3], 3), Tolerance.Exact);
    }

    [Fact]
    public void ASaveInterruptedBeforeTheRenameKeepsThePreviousCheckpoint()
    {
        using var scope = NewDisposeScope();
        using var net = torch.nn.Linear(3, 2);
        var path = PathOf("net.dat");
        net.save(path);
        var saved = Snapshot(net);

        using (no_grad()) net.weight.fill_(42);
        AtomicFile.BeforeRename = _ => throw new IOException("simulated crash between write and rename");
        try { Assert.Throws<IOException>(() => net.save(path)); }
        finally { AtomicFile.BeforeRename = null; }

        // A crash also leaves a stale temp file behind; neither it nor the failed save may matter.
        File.WriteAllBytes(PathOf(".net.dat.0123456789abcdef.tmp"), [0x09, 0xFF]);
        using var fresh = torch.nn.Linear(3, 2);
        fresh.load(path);
        AssertUnchanged(fresh, saved);
        Assert.Equal([".net.dat.0123456789abcdef.tmp", "net.dat"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());

        net.save(path); // and the next save goes through
        fresh.load(path);
        Assert.Equal(42f, fresh.weight.data<float>()[0]);
    }
}
