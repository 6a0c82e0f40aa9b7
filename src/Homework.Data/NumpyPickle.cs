// A minimal reader of Python pickles that hold numpy arrays in tuples, lists and dicts (protocols 2-5, in-band),
// enough for CMU 10-417's omniglot_12.pkl: ((trainX, trainY), (testX, testY)). Not a general unpickler: it builds
// no Python objects besides containers, numbers, strings and arrays, and refuses every other global by name, so a
// file cannot make it run anything.
using Homework.Common;
using System.Buffers.Binary;
using System.Text;

namespace Homework.Data;

/// <summary>A numpy array read from a pickle: its dtype string (e.g. <c>&lt;f8</c>, <c>|u1</c>), shape and raw bytes in C order.</summary>
/// <param name="Dtype">numpy's dtype.str: byte order ('&lt;', '&gt;', '|'), kind ('f', 'u', 'i', 'b') and item size.</param>
/// <param name="Shape">The array's shape.</param>
/// <param name="Data">The elements' bytes, C (row-major) order.</param>
public sealed record NumpyArray(string Dtype, long[] Shape, byte[] Data)
{
    /// <summary>Number of elements.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The elements as doubles (float, signed, unsigned and bool dtypes of any size numpy writes).</summary>
    public double[] ToDoubles()
    {
        var size = int.Parse(Dtype[2..], System.Globalization.CultureInfo.InvariantCulture);
        if (Data.Length != Count * size)
            throw new DatasetException($"a pickled numpy array of shape {Shapes.Format(Shape)} and dtype {Dtype} holds {Data.Length} bytes, not {Count * size}; the file is truncated or corrupt");
        var big = Dtype[0] == '>';
        var result = new double[Count];
        var span = Data.AsSpan();
        for (var i = 0; i < result.Length; i++)
        {
            var e = span.Slice(i * size, size);
            result[i] = (Dtype[1], size) switch
            {
                ('f', 8) => big ? BinaryPrimitives.ReadDoubleBigEndian(e) : BinaryPrimitives.ReadDoubleLittleEndian(e),
                ('f', 4) => big ? BinaryPrimitives.ReadSingleBigEndian(e) : BinaryPrimitives.ReadSingleLittleEndian(e),
                ('f', 2) => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(e) : BinaryPrimitives.ReadHalfLittleEndian(e)),
                ('i', 8) => big ? BinaryPrimitives.ReadInt64BigEndian(e) : BinaryPrimitives.ReadInt64LittleEndian(e),
                ('i', 4) => big ? BinaryPrimitives.ReadInt32BigEndian(e) : BinaryPrimitives.ReadInt32LittleEndian(e),
                ('i', 2) => big ? BinaryPrimitives.ReadInt16BigEndian(e) : BinaryPrimitives.ReadInt16LittleEndian(e),
                ('i', 1) => (sbyte)e[0],
                ('u', 8) => big ? BinaryPrimitives.ReadUInt64BigEndian(e) : BinaryPrimitives.ReadUInt64LittleEndian(e),
                ('u', 4) => big ? BinaryPrimitives.ReadUInt32BigEndian(e) : BinaryPrimitives.ReadUInt32LittleEndian(e),
                ('u', 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(e) : BinaryPrimitives.ReadUInt16LittleEndian(e),
                ('u', 1) or ('b', 1) => e[0],
                _ => throw new DatasetException($"pickled numpy arrays of dtype {Dtype} are not supported; save the arrays as float, int, uint or bool"),
            };
        }
        return result;
    }
}

/// <summary>Reads the pickled tuples, lists, dicts, numbers, strings and numpy arrays of a file.</summary>
public static class NumpyPickle
{
    // Placeholders on the VM's stack for what numpy's reduce calls make before BUILD fills them in.
    private sealed record Global(string Module, string Name);
    private sealed class PendingArray { public NumpyArray? Array; }
    private sealed class PendingDtype { public string Str = ""; public char Order = '|'; }
    private sealed record Bytes(byte[] Value);
    private static readonly object Mark = new();

    /// <summary>
    /// Unpickles <paramref name="path"/>: tuples become <c>object?[]</c>, lists <c>List&lt;object?&gt;</c>, dicts
    /// <c>Dictionary&lt;object, object?&gt;</c>, numpy arrays <see cref="NumpyArray"/>, ints long, floats double,
    /// str string, bytes byte[].
    /// </summary>
    /// <exception cref="DatasetException">The file is not a pickle this reader understands, or is truncated.</exception>
    public static object? Load(string path)
    {
        DataFiles.Require(path);
        try
        {
            return Run(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or ArgumentException or InvalidCastException or InvalidOperationException or KeyNotFoundException or NullReferenceException or FormatException or OverflowException)
        {
            throw new DatasetException($"{path} is not a readable pickle of numpy arrays ({e.Message}); re-save it with pickle.dump((train, test), f) or re-download it");
        }
        catch (DatasetException e)
        {
            throw new DatasetException($"{path}: {e.Message}");
        }
    }

    private static object? Run(byte[] bytes)
    {
        var r = new BinaryReader(new MemoryStream(bytes));
        var stack = new List<object?>();
        var memo = new Dictionary<long, object?>();
        object? Pop() { var v = stack[^1]; stack.RemoveAt(stack.Count - 1); return v; }
        List<object?> PopMark()
        {
            var m = stack.LastIndexOf(Mark);
            if (m < 0) throw new InvalidOperationException("no MARK on the stack");
            var items = stack.GetRange(m + 1, stack.Count - m - 1);
            stack.RemoveRange(m, stack.Count - m);
            return items;
        }
        string Line() { var sb = new StringBuilder(); for (char c; (c = (char)r.ReadByte()) != '\n';) sb.Append(c); return sb.ToString(); }
        string Utf8(long n) => Encoding.UTF8.GetString(r.ReadBytes(checked((int)n)));

        while (true)
        {
            var op = r.ReadByte();
            switch (op)
            {
                case 0x80: r.ReadByte(); break;                                  // PROTO
                case 0x95: r.ReadInt64(); break;                                 // FRAME
                case (byte)'.': return Unwrap(Pop());                            // STOP
                case (byte)'(': stack.Add(Mark); break;                          // MARK
                case (byte)'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break;
                case 0x89: stack.Add(false); break;
                case (byte)'J': stack.Add((long)r.ReadInt32()); break;           // BININT
                case (byte)'K': stack.Add((long)r.ReadByte()); break;            // BININT1
                case (byte)'M': stack.Add((long)r.ReadUInt16()); break;          // BININT2
                case 0x8a:                                                       // LONG1
                    {
                        var b = r.ReadBytes(r.ReadByte());
                        stack.Add(b.Length == 0 ? 0L : (long)new System.Numerics.BigInteger(b));
                        break;
                    }
                case (byte)'I': stack.Add(Line() switch { "01" => true, "00" => false, var s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) }); break;
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(r.ReadBytes(8))); break;  // BINFLOAT
                case 0x8c: stack.Add(Utf8(r.ReadByte())); break;                 // SHORT_BINUNICODE
                case (byte)'X': stack.Add(Utf8(r.ReadUInt32())); break;          // BINUNICODE
                case 0x8d: stack.Add(Utf8(r.ReadInt64())); break;                // BINUNICODE8
                case (byte)'U': stack.Add(new Bytes(r.ReadBytes(r.ReadByte()))); break;       // SHORT_BINSTRING (Python 2 str)
                case (byte)'T': stack.Add(new Bytes(r.ReadBytes(r.ReadInt32()))); break;      // BINSTRING
                case (byte)'C': stack.Add(new Bytes(r.ReadBytes(r.ReadByte()))); break;       // SHORT_BINBYTES
                case (byte)'B': stack.Add(new Bytes(r.ReadBytes(r.ReadInt32()))); break;      // BINBYTES
                case 0x8e or 0x96: stack.Add(new Bytes(r.ReadBytes(checked((int)r.ReadInt64())))); break;  // BINBYTES8, BYTEARRAY8
                case (byte)')': stack.Add(System.Array.Empty<object?>()); break;        // EMPTY_TUPLE
                case (byte)'t': stack.Add(PopMark().ToArray()); break;           // TUPLE
                case 0x85: stack.Add(new[] { Pop() }); break;                    // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new[] { a, b, c }); break; }
                case (byte)']': stack.Add(new List<object?>()); break;           // EMPTY_LIST
                case (byte)'l': stack.Add(PopMark()); break;                     // LIST
                case (byte)'a': { var v = Pop(); ((List<object?>)stack[^1]!).Add(v); break; }   // APPEND
                case (byte)'e': { var vs = PopMark(); ((List<object?>)stack[^1]!).AddRange(vs); break; }
                case (byte)'}': stack.Add(new Dictionary<object, object?>()); break;
                case (byte)'d': { var d = new Dictionary<object, object?>(); AddPairs(d, PopMark()); stack.Add(d); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); ((Dictionary<object, object?>)stack[^1]!)[Key(k)] = v; break; }
                case (byte)'u': { var kvs = PopMark(); AddPairs((Dictionary<object, object?>)stack[^1]!, kvs); break; }
                case (byte)'q': memo[r.ReadByte()] = stack[^1]; break;           // BINPUT
                case (byte)'r': memo[r.ReadUInt32()] = stack[^1]; break;         // LONG_BINPUT
                case 0x94: memo[memo.Count] = stack[^1]; break;                  // MEMOIZE
                case (byte)'p': memo[long.Parse(Line(), System.Globalization.CultureInfo.InvariantCulture)] = stack[^1]; break;
                case (byte)'h': stack.Add(memo[r.ReadByte()]); break;            // BINGET
                case (byte)'j': stack.Add(memo[r.ReadUInt32()]); break;          // LONG_BINGET
                case (byte)'g': stack.Add(memo[long.Parse(Line(), System.Globalization.CultureInfo.InvariantCulture)]); break;
                case (byte)'c': stack.Add(Allowed(Line(), Line())); break;       // GLOBAL
                case 0x93: { var name = (string)Pop()!; var module = (string)Pop()!; stack.Add(Allowed(module, name)); break; }
                case (byte)'R' or 0x81:                                          // REDUCE, NEWOBJ
                    {
                        var args = (object?[])Pop()!;
                        stack.Add(Call((Global)Pop()!, args));
                        break;
                    }
                case (byte)'b': { var state = Pop(); Build(stack[^1], state); break; }   // BUILD
                default: throw new DatasetException($"pickle opcode 0x{op:x2} at byte {r.BaseStream.Position - 1} is not supported; save the arrays with pickle protocol 2-5");
            }
        }
    }

    private static void AddPairs(Dictionary<object, object?> d, List<object?> kvs)
    {
        for (var i = 0; i + 1 < kvs.Count; i += 2) d[Key(kvs[i])] = kvs[i + 1];
    }

    private static object Key(object? k) => Unwrap(k) ?? throw new InvalidOperationException("a dict key is None");

    private static Global Allowed(string module, string name)
    {
        var numpy = module is "numpy" or "numpy.core.multiarray" or "numpy._core.multiarray" or "numpy.core.numeric" or "numpy._core.numeric";
        if ((numpy && name is "_reconstruct" or "ndarray" or "dtype" or "_frombuffer") || (module == "_codecs" && name == "encode"))
            return new Global(module, name);
        throw new DatasetException($"the pickle refers to {module}.{name}, which this reader does not build (it reads numpy arrays in tuples, lists and dicts only)");
    }

    private static object? Call(Global g, object?[] args) => g.Name switch
    {
        "_reconstruct" or "ndarray" => new PendingArray(),
        "dtype" => new PendingDtype { Str = Text(args[0]) },
        // Python 2 pickles carry bytes as latin-1 text through _codecs.encode(text, 'latin1').
        "encode" => new Bytes(Encoding.Latin1.GetBytes(Text(args[0]))),
        // Protocol 5: numpy.core.numeric._frombuffer(buffer, dtype, shape, order).
        "_frombuffer" => MakeArray((byte[])Unwrap(args[0])!, (PendingDtype)args[1]!, Shape(args[2]), fortran: args.Length > 3 && Text(args[3]) == "F"),
        _ => throw new InvalidOperationException($"cannot call {g.Module}.{g.Name}"),
    };

    // numpy's __setstate__: an array takes (version, shape, dtype, is_fortran, raw data); a dtype takes
    // (version, byte order, ...), whose order '<' or '>' replaces the '|' of multi-byte types.
    private static void Build(object? target, object? state)
    {
        var s = (object?[])state!;
        switch (target)
        {
            case PendingArray a:
                {
                    var offset = s.Length == 5 ? 1 : 0;
                    var raw = Unwrap(s[3 + offset]) switch
                    {
                        byte[] b => b,
                        string text => Encoding.Latin1.GetBytes(text),
                        _ => throw new DatasetException("a pickled numpy array of Python objects (dtype=object) is not supported; save numeric arrays"),
                    };
                    a.Array = MakeArray(raw, (PendingDtype)s[1 + offset]!, Shape(s[offset]), fortran: Unwrap(s[2 + offset]) is true);
                    break;
                }
            case PendingDtype d:
                d.Order = Text(s[1])[0];
                break;
            default: throw new InvalidOperationException("BUILD on an object that is not a numpy array or dtype");
        }
    }

    private static long[] Shape(object? shape) => [.. ((object?[])shape!).Select(v => (long)v!)];

    private static NumpyArray MakeArray(byte[] raw, PendingDtype dtype, long[] shape, bool fortran)
    {
        var str = dtype.Str.Length > 1 && dtype.Str[0] is '<' or '>' or '|' or '=' ? dtype.Str[1..] : dtype.Str;
        var kind = str[0];
        var size = str.Length > 1 ? str[1..] : "1";
        var order = size == "1" ? '|' : dtype.Order == '=' || dtype.Order == '|' ? (BitConverter.IsLittleEndian ? '<' : '>') : dtype.Order;
        var array = new NumpyArray($"{order}{kind}{size}", shape, raw);
        return fortran ? ToCOrder(array) : array;
    }

    // A Fortran-ordered array's bytes reversed into C order (index i0 varies fastest in the file).
    private static NumpyArray ToCOrder(NumpyArray a)
    {
        if (a.Shape.Length < 2) return a;
        var size = int.Parse(a.Dtype[2..], System.Globalization.CultureInfo.InvariantCulture);
        var c = new byte[a.Data.Length];
        var n = a.Count;
        var index = new long[a.Shape.Length];
        for (long f = 0; f < n; f++)
        {
            long ci = 0;
            for (var d = 0; d < index.Length; d++) ci = ci * a.Shape[d] + index[d];
            System.Array.Copy(a.Data, f * size, c, ci * size, size);
            for (var d = 0; d < index.Length && ++index[d] == a.Shape[d]; d++) index[d] = 0;
        }
        return a with { Data = c };
    }

    // Python 2 pickles write str (dtype names, byte orders) as byte strings.
    private static string Text(object? v) => Unwrap(v) switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        var other => throw new InvalidCastException($"expected text, got {other?.GetType().Name ?? "None"}"),
    };

    private static object? Unwrap(object? v) => v switch
    {
        PendingArray a => a.Array ?? throw new InvalidOperationException("a numpy array without its state"),
        Bytes b => b.Value,
        object?[] t => t.Select(Unwrap).ToArray(),
        List<object?> l => l.Select(Unwrap).ToList(),
        Dictionary<object, object?> d => d.ToDictionary(kv => kv.Key, kv => Unwrap(kv.Value)),
        _ => v,
    };
}
