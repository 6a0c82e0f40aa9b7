// TrainingState.Load against damaged and hostile files (issue 26, item 9): every refusal is a CheckpointException
// with a short message, taken before the model, the optimizer or the generator changes; non-regular files are refused
// without blocking; files the format allows load. One test per finding of the independent fuzz.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Homework.Checkpoints;
using Homework.TestSupport;

namespace Homework.Checkpoints.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class TrainingStateRefusalTests : IDisposable
{
    private readonly SavedRun run = new();

    public void Dispose() => run.Dispose();

    // The generator state with one int32 or uint64 field replaced, re-stamped so that only the field is wrong.
    private void RngWith(int offset, long value, int size)
    {
        var state = run.State();
        var rng = Convert.FromBase64String((string)state["RngState"]!);
        if (size == 4) BinaryPrimitives.WriteInt32LittleEndian(rng.AsSpan(offset), (int)value);
        else BinaryPrimitives.WriteInt64LittleEndian(rng.AsSpan(offset), value);
        state["RngState"] = Convert.ToBase64String(rng);
        run.Stamp(state);
    }

    // PyTorch 1.13.1's torch.set_rng_state refuses these ("Invalid mt19937 state") and accepts left 624, seeded 2 and next
    // 2^32 + 1 (it keeps next's low 32 bits): the CPUGeneratorImplState layout has left at byte 8, seeded at 12, next at 16.
    [Theory]
    [InlineData("left 0", 8, 0, 4)]
    [InlineData("left 625", 8, 625, 4)]
    [InlineData("left -1", 8, -1, 4)]
    [InlineData("unseeded", 12, 0, 4)]
    [InlineData("next 625", 16, 625, 8)]
    public void AnInvalidGeneratorStateIsRefusedBeforeAnyTensorChanges(string what, int offset, long value, int size)
    {
        RngWith(offset, value, size);
        Assert.Contains("RngState is not a valid generator state", run.Refused(what).Message);
    }

    [Theory]
    [InlineData("left 624", 8, 624, 4)]
    [InlineData("seeded 2", 12, 2, 4)]
    [InlineData("next 2^32 + 1", 16, (1L << 32) + 1, 8)]
    public void AGeneratorStateLibTorchAcceptsLoads(string what, int offset, long value, int size)
    {
        RngWith(offset, value, size);
        Assert.Null(run.LoadOrRefuse(what));
    }

    [Fact]
    public void ANegativeKeyLengthIsACheckpointException()
    {
        // The first key's length (byte 1, after the entry count) as a 5-byte 7-bit Int32 of -1.
        byte[] dat = [run.DatBytes[0], 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. run.DatBytes.AsSpan(2)];
        File.WriteAllBytes(run.Dat, dat);
        run.Stamp(run.State());
        Assert.Contains("negative length", run.Refused("negative key length").Message);
    }

    [Fact]
    public void ANegativeOptimizerNameLengthIsACheckpointException()
    {
        byte[] optim = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. run.OptimBytes.AsSpan(1)];
        File.WriteAllBytes(run.Optim, optim);
        run.Stamp(run.State());
        Assert.Contains("negative length", run.Refused("negative optimizer-name length").Message);
    }

    [Fact]
    public void AMegabyteKeyGivesAShortMessage()
    {
        var key = new string('k', 1 << 20);
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)4);
            w.Write(key);
            w.Write(run.DatBytes.AsSpan(1 + 1 + "0.weight".Length)); // the rest of the first entry and the others
        }
        File.WriteAllBytes(run.Dat, memory.ToArray());
        run.Stamp(run.State());
        var e = run.Refused("1 MiB key");
        Assert.True(e.Message.Length < 500, $"{e.Message.Length} characters");
        Assert.Contains("which the model does not have", e.Message);
    }

    [Theory]
    [InlineData("RngState", "null")]
    [InlineData("OptimizerSha256", "null")]
    [InlineData("WeightsSha256", "null")]
    [InlineData("Metrics", "null")]
    [InlineData("Settings", "null")]
    [InlineData("Epoch", "-1")]
    [InlineData("Step", "-5")]
    [InlineData("Metrics", """{"loss": null}""")]
    [InlineData("Epoch", "\"1\"")]
    [InlineData("RngState", "\"AAAA\"")]
    public void AStateValueALoadCannotUseIsRefused(string name, string json)
    {
        var state = run.State();
        state[name] = JsonNode.Parse(json);
        run.Stamp(state, hashes: false);
        run.Refused($"{name}: {json}");
    }

    [Fact]
    public void DuplicateOrUnknownOrMissingNamesAreRefusedEvenWithAValidChecksum()
    {
        var text = Encoding.UTF8.GetString(run.TrainBytes);
        var state = text[text.IndexOf("\"State\"", StringComparison.Ordinal)..];
        state = state[(state.IndexOf('{'))..state.LastIndexOf('}')].TrimEnd();
        foreach (var (what, body) in new[]
        {
            ("duplicate Epoch", state.Replace("\"Epoch\": 1,", "\"Epoch\": 1, \"Epoch\": 2,", StringComparison.Ordinal)),
            ("duplicate metric", state.Replace("\"loss\": [", "\"loss\": [1], \"loss\": [", StringComparison.Ordinal)),
            ("Epoch renamed", state.Replace("\"Epoch\"", "\"Epocj\"", StringComparison.Ordinal)),
            ("Epoch missing", state.Replace("\"Epoch\": 1,", "", StringComparison.Ordinal)),
        })
        {
            Assert.NotEqual(state, body);
            run.Stamp(Encoding.UTF8.GetBytes(body));
            run.Refused(what);
        }
    }

    [Fact]
    public void TheSidecarChecksumCatchesAChangedValue()
    {
        var text = Encoding.UTF8.GetString(run.TrainBytes);
        File.WriteAllText(run.Train, text.Replace("\"Epoch\": 1", "\"Epoch\": 7", StringComparison.Ordinal));
        Assert.Contains("does not match its checksum", run.Refused("Epoch 1 -> 7").Message);
        File.WriteAllText(run.Train, text.Replace("\"Epoch\"", "\"Epocj\"", StringComparison.Ordinal));
        Assert.Contains("does not match its checksum", run.Refused("Epoch renamed").Message);
    }

    [Fact]
    public void ASidecarWithoutAChecksumIsFromAnOlderVersion()
    {
        File.WriteAllText(run.Train, run.State().ToJsonString());
        var e = run.Refused("old sidecar");
        Assert.Contains("written by an older version", e.Message);
        Assert.Contains("delete it or train from scratch", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.5)]
    public void ALearningRateAnSgdWouldRefuseIsNotAdopted(double rate)
    {
        // The optimizer file: "SGD" (4 bytes), group count, state count, then the initial and current learning rates.
        foreach (var offset in new[] { 6, 14 })
        {
            var optim = run.OptimBytes.ToArray();
            BinaryPrimitives.WriteDoubleLittleEndian(optim.AsSpan(offset), rate);
            File.WriteAllBytes(run.Optim, optim);
            run.Stamp(run.State());
            Assert.Contains("learning rate", run.Refused($"learning rate {rate} at byte {offset}").Message);
        }
    }

    [Fact]
    public void OtherMomentumInTheFileIsRefusedNotAdopted()
    {
        var optim = run.OptimBytes.ToArray();
        BinaryPrimitives.WriteDoubleLittleEndian(optim.AsSpan(22), 0.5);
        File.WriteAllBytes(run.Optim, optim);
        run.Stamp(run.State());
        Assert.Contains("momentum 0.5 but the optimizer has 0.9", run.Refused("momentum 0.5").Message);
    }

    // docs/dat-format.md: an integer may take up to 10 LEB128 bytes; a key's length at most 5 (BinaryReader.ReadString).
    private static byte[] Padded(long value, int bytes)
    {
        var result = new byte[bytes];
        for (var i = 0; i < bytes; i++) result[i] = (byte)((byte)((value >> (7 * i)) & 0x7F) | (i < bytes - 1 ? 0x80 : 0));
        return result;
    }

    [Fact]
    public void IntegersPaddedToTenBytesLoad()
    {
        // The entry count (4) and the optimizer's group and state counts (1, 4), each in 10 bytes.
        File.WriteAllBytes(run.Dat, [.. Padded(4, 10), .. run.DatBytes.AsSpan(1)]);
        File.WriteAllBytes(run.Optim, [.. run.OptimBytes.AsSpan(0, 4), .. Padded(1, 10), .. Padded(4, 10), .. run.OptimBytes.AsSpan(6)]);
        run.Stamp(run.State());
        Assert.Null(run.LoadOrRefuse("10-byte integers"));
        var plain = Path.Combine(run.Folder, "plain.dat");
        File.WriteAllBytes(plain, run.DatBytes);
        using var expected = SavedRun.NewNet();
        expected.load(plain);
        foreach (var (k, v) in expected.state_dict()) TensorAssert.Close(k, run.Net.state_dict()[k], v, Tolerance.Exact);
    }

    [Fact]
    public void AnElevenByteIntegerAndASixByteKeyLengthAreRefused()
    {
        File.WriteAllBytes(run.Dat, [.. Padded(4, 11), .. run.DatBytes.AsSpan(1)]);
        run.Stamp(run.State());
        Assert.Contains("more than 10 bytes", run.Refused("11-byte count").Message);
        File.WriteAllBytes(run.Dat, [run.DatBytes[0], .. Padded(run.DatBytes[1], 6), .. run.DatBytes.AsSpan(2)]);
        run.Stamp(run.State());
        Assert.Contains("more than 5 bytes", run.Refused("6-byte key length").Message);
    }

    public static TheoryData<string> Paths() => ["dat", "optim", "train"];

    private string PathOf(string which) => which switch { "dat" => run.Dat, "optim" => run.Optim, _ => run.Train };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AFifoIsRefusedWithoutBlocking(string which)
    {
        var path = PathOf(which);
        File.Delete(path);
        var psi = Homework.Reports.SystemProgram.StartInfo("mkfifo");
        psi.ArgumentList.Add(path);
        using (var mkfifo = Process.Start(psi)!) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(path), "mkfifo made no FIFO");
        var load = Task.Run(() => run.LoadOrRefuse($"FIFO at the {which} path"));
        if (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(60))) != load)
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Write)) { } // releases the blocked reader
            Assert.Fail($"the load blocked on a FIFO at the {which} path");
        }
        Assert.Contains("not a regular file", (await load)!.Message);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ADirectoryIsRefused(string which)
    {
        var path = PathOf(which);
        File.Delete(path);
        Directory.CreateDirectory(path);
        Assert.Contains("is a directory", run.Refused($"directory at the {which} path").Message);
        if (which == "train") Assert.Throws<CheckpointException>(() => TrainingState.Read(run.Dat)); // not a fresh start
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ASymlinkLoopIsRefused(string which)
    {
        var path = PathOf(which);
        File.Delete(path);
        File.CreateSymbolicLink(path, path + ".other");
        File.CreateSymbolicLink(path + ".other", path);
        Assert.Contains("cannot be read", run.Refused($"symlink loop at the {which} path").Message);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AMissingOrEmptyFileIsRefused(string which)
    {
        var path = PathOf(which);
        File.WriteAllBytes(path, []);
        run.Refused($"empty {which}");
        if (which == "train") return; // no sidecar at all is a fresh run
        File.Delete(path);
        run.Refused($"no {which}");
    }

    [Fact]
    public void NothingAtTheSidecarPathIsAFreshRun()
    {
        File.Delete(run.Train);
        Assert.Null(TrainingState.Read(run.Dat));
        Assert.Null(run.LoadOrRefuse("no sidecar"));
    }
}
