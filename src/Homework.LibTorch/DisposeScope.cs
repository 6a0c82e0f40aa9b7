// Deterministic release of native tensors: every tensor created while a scope is open
// belongs to it and is freed when it closes, unless moved out. Scopes nest per thread.
namespace TorchSharp;

/// <summary>
/// Owns the tensors created while it is the innermost open scope on this thread
/// (<c>using var scope = torch.NewDisposeScope();</c>). Disposing it frees them all
/// except those moved out with <see cref="MoveToOuter(torch.Tensor)"/> or detached.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    // Owned tensors in slots; a tensor knows its slot (Tensor.ScopeSlot), so adopting and releasing are O(1)
    // without hashing. Released slots are null: trailing ones are trimmed at once (the usual `using` order)
    // and the rest compacted when the array would grow, so a long-lived scope never grows with churn.
    private torch.Tensor?[] slots = [];
    private int used;
    private int count;
    private bool disposed;

    internal DisposeScope()
    {
        var thread = torch.Tensor.ThreadTensors.Mine;
        Outer = thread.Scope;
        thread.Scope = this;
    }

    internal DisposeScope? Outer { get; }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => torch.Tensor.ThreadTensors.Mine.Scope;

    /// <summary>How many live tensors this scope owns.</summary>
    public int Count => count;

    internal static void Adopt(torch.Tensor t)
    {
        var thread = torch.Tensor.ThreadTensors.Mine;
        if (thread.Scope is { } s) s.Add(t);
        else thread.Add(t);
    }

    // Called when the thread ended with this scope still open: the tensors may still be in use elsewhere,
    // so they are guarded (freed once unreachable), not freed.
    internal void GuardOwned()
    {
        for (var i = 0; i < used; i++) slots[i]?.ArmGuard();
    }

    private void Add(torch.Tensor t)
    {
        if (used == slots.Length)
        {
            if (used > 0 && count <= used / 2) Compact();
            else Array.Resize(ref slots, Math.Max(8, slots.Length * 2));
        }
        slots[used] = t;
        t.ScopeSlot = used++;
        t.Scope = this;
        count++;
    }

    internal void Release(torch.Tensor t)
    {
        slots[t.ScopeSlot] = null;
        t.Scope = null;
        count--;
        while (used > 0 && slots[used - 1] is null) used--;
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < used; i++)
            if (slots[i] is { } t) { slots[kept] = t; t.ScopeSlot = kept++; }
        Array.Clear(slots, kept, used - kept);
        used = kept;
    }

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to no scope) and returns it.</summary>
    public torch.Tensor MoveToOuter(torch.Tensor tensor)
    {
        if (tensor.Scope == this)
        {
            Release(tensor);
            if (Outer is null) tensor.ArmGuard();
            else Outer.Add(tensor);
        }
        return tensor;
    }

    /// <summary>Moves several tensors to the enclosing scope.</summary>
    public void MoveToOuter(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors) MoveToOuter(t);
    }

    /// <summary>Frees every tensor still owned and closes the scope.</summary>
    public void Dispose()
    {
        if (disposed) return;
        var thread = torch.Tensor.ThreadTensors.Mine;
        if (thread.Scope != this)
            throw new InvalidOperationException("dispose scopes must be closed innermost first (use 'using var scope = torch.NewDisposeScope()')");
        disposed = true;
        thread.Scope = Outer;
        for (var i = 0; i < used; i++)
        {
            if (slots[i] is not { } t) continue;
            slots[i] = null;
            t.Scope = null;
            t.Dispose();
        }
        used = count = 0;
    }
}
