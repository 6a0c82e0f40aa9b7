// TorchSharp.Utils.ComponentNameAttribute: the state_dict name of a module field, instead of the field's own name.
namespace TorchSharp.Utils;

/// <summary>The name a field is registered under by <c>RegisterComponents</c> (and so its key in state_dict and files).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ComponentNameAttribute : Attribute
{
    /// <summary>The component name.</summary>
    public string Name { get; set; } = "";
}
