// Binding a check's manual side to a type: the project's own manual class (`homework gradcheck`) or another type with
// the same contract, e.g. a student's compiled file (`homework check`). Both go through the same binding, so the two
// commands run the same check code. Not a compiler or loader: it takes a type that is already loaded.
using System.Linq.Expressions;
using System.Reflection;

namespace Homework.GradCheck;

/// <summary>A type that does not have the members a check needs; the message names the member and its signature.</summary>
public sealed class ContractException(string message) : Exception(message);

/// <summary>A check whose hand-derived side can be any type with the contract of the project's manual class.</summary>
public interface IReplaceableCheck : ITwinCheck
{
    /// <summary>The project's manual class (or static loss class) this check differentiates by default.</summary>
    Type Manual { get; }

    /// <summary>
    /// The same check (same inputs, same gradients, same rows) with the hand-derived side taken from
    /// <paramref name="manual"/>; a <see cref="ContractException"/> if it lacks a member the check calls.
    /// </summary>
    ITwinCheck With(Type manual);
}

/// <summary>Delegates bound to a type's constructor or static methods, with a clear error when the member is missing.</summary>
public static class ManualContract
{
    /// <summary>
    /// A <typeparamref name="TDelegate"/> that calls <paramref name="type"/>'s public constructor taking the delegate's
    /// parameters; the type must be assignable to the delegate's return type (the contract interface).
    /// </summary>
    public static TDelegate Constructor<TDelegate>(Type type) where TDelegate : Delegate
    {
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        if (!invoke.ReturnType.IsAssignableFrom(type))
            throw new ContractException($"class {type.Name} must implement {Describe(invoke.ReturnType)}");
        var parameters = invoke.GetParameters();
        var constructor = type.GetConstructor([.. parameters.Select(p => p.ParameterType)])
            ?? throw new ContractException($"class {type.Name} needs a public constructor {type.Name}({Signature(parameters)})");
        var arguments = parameters.Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        return Expression.Lambda<TDelegate>(Expression.Convert(Expression.New(constructor, arguments), invoke.ReturnType), arguments).Compile();
    }

    /// <summary>A <typeparamref name="TDelegate"/> bound to <paramref name="type"/>'s public static method <paramref name="name"/> of the delegate's signature.</summary>
    public static TDelegate Method<TDelegate>(Type type, string name) where TDelegate : Delegate
    {
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [.. parameters.Select(p => p.ParameterType)]);
        if (method is null || method.ReturnType != invoke.ReturnType)
            throw new ContractException($"class {type.Name} needs a method public static {Describe(invoke.ReturnType)} {name}({Signature(parameters)})");
        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), method);
    }

    /// <summary>
    /// A <typeparamref name="TDelegate"/> whose first parameter is the instance (typed as the contract) and whose others
    /// are passed to <paramref name="type"/>'s public instance method <paramref name="name"/> of the same return type.
    /// </summary>
    public static TDelegate InstanceMethod<TDelegate>(Type type, string name) where TDelegate : Delegate
    {
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, [.. parameters.Skip(1).Select(p => p.ParameterType)]);
        if (method is null || method.ReturnType != invoke.ReturnType)
            throw new ContractException($"class {type.Name} needs a method public {Describe(invoke.ReturnType)} {name}({Signature(parameters[1..])})");
        var arguments = parameters.Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var call = Expression.Call(Expression.Convert(arguments[0], type), method, arguments.Skip(1));
        return Expression.Lambda<TDelegate>(call, arguments).Compile();
    }

    /// <summary>A type as C# spells it, e.g. <c>IManualModel&lt;LinearMap.Cache, LinearMap.Gradients&gt;</c> or <c>(Tensor, SoftmaxCrossEntropy.Cache)</c>.</summary>
    public static string Describe(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
            return $"({string.Join(", ", type.GetGenericArguments().Select(Describe))})";
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        if (type.IsGenericType) name += $"<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
        return type.IsNested && !type.IsGenericParameter ? $"{Describe(type.DeclaringType!)}.{name}" : name;
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(long)] = "long", [typeof(int)] = "int", [typeof(double)] = "double", [typeof(bool)] = "bool", [typeof(string)] = "string", [typeof(void)] = "void",
    };

    private static string Signature(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p => $"{Describe(p.ParameterType)} {p.Name}"));
}
