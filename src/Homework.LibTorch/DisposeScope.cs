// Deterministic release of native tensors: every tensor created while a scope is open
// belongs to it and is freed when it closes, unless moved out. Scopes nest per thread.
namespace Homework.LibTorch;

/// <summary>
/// Owns the tensors created while it is the innermost open scope on this thread
/// (<c>using var scope = torch.NewDisposeScope();</c>). Disposing it frees them all
/// except those moved out with <see cref="MoveToOuter(torch.Tensor)"/> or detached.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<torch.Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>How many live tensors this scope owns.</summary>
    public int Count => owned.Count;

    internal static void Adopt(torch.Tensor t)
    {
        if (current is { } s) { s.owned.Add(t); t.Scope = s; }
    }

    internal void Release(torch.Tensor t)
    {
        owned.Remove(t);
        t.Scope = null;
    }

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to no scope) and returns it.</summary>
    public torch.Tensor MoveToOuter(torch.Tensor tensor)
    {
        if (tensor.Scope == this)
        {
            Release(tensor);
            if (outer is not null) { outer.owned.Add(tensor); tensor.Scope = outer; }
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
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be closed innermost first (use 'using var scope = torch.NewDisposeScope()')");
        disposed = true;
        current = outer;
        foreach (var t in owned) { t.Scope = null; t.Dispose(); }
        owned.Clear();
    }
}
