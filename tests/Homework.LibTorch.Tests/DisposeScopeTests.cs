// Tests of DisposeScope.cs: ownership counts, MoveToOuter / detach, nesting, and flat RSS over 100k tensors.
// RSS is read from /proc/self/status; the RSS test runs alone (ProcessWideCollection).
namespace Homework.LibTorch.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void AScopeOwnsWhatIsCreatedInsideItAndFreesItOnDispose()
    {
        torch.Tensor a, b, c;
        using (var scope = NewDisposeScope())
        {
            Assert.Same(scope, DisposeScope.Current);
            Assert.Equal(0, scope.Count);
            a = ones(3);
            b = a + 1;
            Assert.Equal(2, scope.Count);
            c = b.sum(); // every op result joins
            Assert.Equal(3, scope.Count);
            b.Dispose(); // disposing early leaves the scope
            Assert.Equal(2, scope.Count);
        }
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.True(c.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => a.sum());
    }

    [Fact]
    public void MoveToOuterKeepsOneTensorAliveWhileTheRestAreFreed()
    {
        using var outer = NewDisposeScope();
        torch.Tensor kept, dropped;
        using (var inner = NewDisposeScope())
        {
            dropped = ones(4);
            kept = (dropped * 2).sum();
            Assert.Equal(3, inner.Count);
            Assert.Same(kept, inner.MoveToOuter(kept));
            Assert.Equal(2, inner.Count);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(dropped.IsInvalid);
        Assert.False(kept.IsInvalid);
        Assert.Equal(8f, kept.item<float>());
        Assert.Same(outer, DisposeScope.Current);
        outer.Dispose();
        Assert.True(kept.IsInvalid);
    }

    [Fact]
    public void TensorSideMoveAndDetach()
    {
        torch.Tensor moved, detached;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                moved = ones(2).MoveToOuterDisposeScope();
                detached = ones(2).DetachFromDisposeScope();
                var extra = ones(2);
                inner.MoveToOuter(extra, ones(1));
                Assert.Equal(0, inner.Count);
                Assert.Equal(3, outer.Count);
            }
            Assert.False(moved.IsInvalid);
        }
        Assert.True(moved.IsInvalid);
        Assert.False(detached.IsInvalid); // owned by the caller now
        detached.Dispose();
    }

    [Fact]
    public void MoveToOuterFromTheOutermostScopeLeavesTheTensorOwnerless()
    {
        torch.Tensor t;
        using (var scope = NewDisposeScope())
        {
            t = scope.MoveToOuter(ones(2));
            Assert.Equal(0, scope.Count);
        }
        Assert.False(t.IsInvalid);
        t.Dispose();
    }

    [Fact]
    public void ClosingAnOuterScopeBeforeItsInnerOneIsRefused()
    {
        var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(outer.Dispose);
        Assert.Contains("innermost first", e.Message);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void TensorsOutsideAnyScopeBelongToTheCaller()
    {
        Assert.Null(DisposeScope.Current);
        var t = ones(2);
        using (var scope = NewDisposeScope()) Assert.Equal(0, scope.Count);
        Assert.False(t.IsInvalid);
        t.Dispose();
    }
}

[Collection(ProcessWideCollection.Name)]
public class DisposeScopeMemoryTests
{
    private static long RssKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        throw new InvalidOperationException("no VmRSS line in /proc/self/status");
    }

    /// <summary>100,000 tensors of 1 KiB each (10 per scope): a leak of even one per scope would add ~10 MB.</summary>
    private static void Churn()
    {
        var x = ones([256]);
        try
        {
            for (var i = 0; i < 10_000; i++)
            {
                torch.Tensor last;
                using (var scope = NewDisposeScope())
                {
                    var a = x + 1;          // 1
                    var b = a * a;          // 2
                    var c = b.sigmoid();    // 3
                    var d = c - a;          // 4
                    var e = d.exp();        // 5
                    var f = e.view(16, 16); // 6
                    var g = f.t();          // 7
                    var h = g.contiguous(); // 8
                    var k = h.sum(0);       // 9
                    last = k.clone();       // 10
                    if (scope.Count != 10) throw new InvalidOperationException($"scope owns {scope.Count} tensors, expected 10");
                }
                if (!last.IsInvalid) throw new InvalidOperationException("a tensor outlived its scope");
            }
        }
        finally { x.Dispose(); }
    }

    [Fact]
    public void HundredThousandTensorsInScopesKeepRssFlat()
    {
        Churn(); // warm-up: allocator pools, JIT, managed heap reach steady state
        var before = RssKiB();
        Churn();
        var after = RssKiB();
        var growthMiB = (after - before) / 1024.0;
        Assert.True(growthMiB < 4, $"RSS grew {growthMiB:F1} MiB over 100k tensor creations ({before} KiB -> {after} KiB)");
    }
}
