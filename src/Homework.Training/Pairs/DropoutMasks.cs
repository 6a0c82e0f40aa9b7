// The CMU twins' dropout masks (003 §1.4: a unit is kept where U(0,1) > p), drawn from a seeded SplitMix64 of their
// own rather than libtorch's generator, so runs on other threads neither disturb nor are disturbed by them and a
// stacked member draws exactly the masks its run alone would. Not the dropout rule itself (Homework.Manual.Cmu.ReLU).
using TorchSharp;

namespace Homework.Training.Pairs;

/// <summary>A stream of 0/1 dropout masks for keep-probability 1 - p, from SplitMix64 seeded by a run's seed.</summary>
internal sealed class DropoutMasks(double dropout, long seed)
{
    private ulong state = unchecked((ulong)seed);

    /// <summary>The probability p of dropping a unit.</summary>
    public double Dropout { get; } = dropout;

    /// <summary>The next mask (hidden, batch): 1 where U(0,1) &gt; p. With p = 0 nothing is dropped and nothing is drawn.</summary>
    public torch.Tensor Next(long hidden, long batch) => Stacked([this], hidden, batch).view(hidden, batch);

    /// <summary>
    /// The next mask of each stream, stacked (streams, hidden, batch); each stream draws what its own
    /// <see cref="Next"/> would.
    /// </summary>
    public static torch.Tensor Stacked(IReadOnlyList<DropoutMasks> streams, long hidden, long batch)
    {
        if (streams.All(s => s.Dropout == 0)) return torch.ones([streams.Count, hidden, batch]);
        var size = hidden * batch;
        var m = new float[streams.Count * size];
        for (var k = 0; k < streams.Count; k++)
        {
            var part = m.AsSpan((int)(k * size), (int)size);
            if (streams[k].Dropout == 0) part.Fill(1f);
            else streams[k].Fill(part);
        }
        return torch.tensor(m, [streams.Count, hidden, batch]);
    }

    private void Fill(Span<float> mask)
    {
        for (var i = 0; i < mask.Length; i++) mask[i] = NextUniform() > Dropout ? 1f : 0f;
    }

    // U[0, 1) on a 2^-24 grid from SplitMix64 (Steele, Lea and Flood, 2014). A seeded System.Random runs its legacy
    // subtractive generator, which spent 7.8% of a 2.2(d) run's CPU drawing masks; this is three multiplies a draw.
    private float NextUniform()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }
}
