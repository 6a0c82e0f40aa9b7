// torch.nn.Module: registration of parameters, buffers and submodules, and the walks over them
// (state_dict order, train/eval, dtype/device moves). Checkpoint files live in Module.Checkpoint.cs.
using System.Reflection;
using TorchSharp.Modules;
using TorchSharp.Utils;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>Neural-network building blocks: modules, parameters, initialisers and the functional API.</summary>
    public static partial class nn
    {
        /// <summary>
        /// The base of every layer and model, as TorchSharp's. Fields holding modules, parameters and tensors
        /// become submodules, parameters and buffers when <see cref="RegisterComponents"/> runs; the field name
        /// is the key in <see cref="state_dict"/> and in saved files.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<(string name, Parameter? parameter)> parameterList = [];
            private readonly List<(string name, Tensor? buffer, bool persistent)> bufferList = [];
            private readonly List<(string name, Module module)> moduleList = [];
            private bool componentsRegistered;
            private bool disposed;

            /// <summary>A module with a display name (TorchSharp's constructor).</summary>
            protected Module(string name) => displayName = name;

            /// <summary>A module named after its class.</summary>
            protected Module() => displayName = GetType().Name;

            private readonly string displayName;

            /// <summary>The display name given at construction.</summary>
            public string GetName() => displayName;

            /// <summary>True in training mode (dropout active, batch norm uses batch statistics).</summary>
            public bool training { get; private set; } = true;

            // ---- registration -----------------------------------------------------------
            /// <summary>Adds (or replaces) a parameter; null records an absent one (e.g. no bias).</summary>
            public void register_parameter(string name, Parameter? param)
            {
                CheckName(name);
                Replace(parameterList, name, (name, param), p => p.name);
            }

            /// <summary>Adds (or replaces) a buffer: state saved with the module but not trained (running statistics).</summary>
            public void register_buffer(string name, Tensor? tensor, bool persistent = true)
            {
                CheckName(name);
                tensor?.DetachFromDisposeScope();
                Replace(bufferList, name, (name, tensor, persistent), b => b.name);
            }

            /// <summary>Adds (or replaces) a submodule; its keys are prefixed with <paramref name="name"/>.</summary>
            public void register_module(string name, Module submodule)
            {
                CheckName(name);
                ArgumentNullException.ThrowIfNull(submodule);
                if (ReferenceEquals(submodule, this)) throw new ArgumentException("a module cannot contain itself", nameof(submodule));
                Replace(moduleList, name, (name, submodule), m => m.name);
            }

            /// <summary>
            /// Registers every field of the concrete class holding a module, parameter or tensor, under the field's
            /// name or its <see cref="ComponentNameAttribute"/>, as TorchSharp does: an auto-property registers under
            /// its backing field's name (<c>&lt;fc1&gt;k__BackingField</c>), so models use fields. Call once at the end
            /// of the constructor.
            /// </summary>
            protected virtual void RegisterComponents()
            {
                if (componentsRegistered) return;
                componentsRegistered = true;
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        var key = field.GetCustomAttribute<ComponentNameAttribute>()?.Name ?? field.Name;
                        if (Registered(key)) continue;
                        switch (field.GetValue(this))
                        {
                            case Module m: register_module(key, m); break;
                            case Parameter p: register_parameter(key, p); break;
                            case Tensor t: register_buffer(key, t); break;
                        }
                    }
                }
            }

            private bool Registered(string key) =>
                parameterList.Exists(p => p.name == key) || bufferList.Exists(b => b.name == key) || moduleList.Exists(m => m.name == key);

            private static void CheckName(string name)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"'{name}' is not a valid member name: use a non-empty name without '.'", nameof(name));
            }

            private static void Replace<T>(List<T> list, string key, T item, Func<T, string> keyOf)
            {
                var i = list.FindIndex(x => keyOf(x) == key);
                if (i >= 0) list[i] = item; else list.Add(item);
            }

            // ---- walks --------------------------------------------------------------------
            /// <summary>Parameters with dotted names: own first, then each submodule's, depth-first in registration order.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                foreach (var (prefix, m) in Walk(recurse))
                    foreach (var (n, p) in m.parameterList)
                        if (p is not null && seen.Add(p)) yield return (prefix + n, p);
            }

            /// <summary>The parameters, in <see cref="named_parameters"/> order.</summary>
            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>Persistent buffers with dotted names, in the same walk as <see cref="named_parameters"/>.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (prefix, m) in Walk(recurse))
                    foreach (var (n, b, persistent) in m.bufferList)
                        if (b is not null && persistent) yield return (prefix + n, b);
            }

            /// <summary>The persistent buffers.</summary>
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            /// <summary>Direct submodules in registration order.</summary>
            public IEnumerable<(string name, Module module)> named_children() => moduleList;

            /// <summary>Direct submodules.</summary>
            public IEnumerable<Module> children() => moduleList.Select(m => m.module);

            /// <summary>This module (named "") and every descendant with its dotted path, depth-first.</summary>
            public IEnumerable<(string name, Module module)> named_modules() =>
                Walk(recurse: true).Select(w => (w.prefix.TrimEnd('.'), w.module));

            /// <summary>This module and every descendant.</summary>
            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            private IEnumerable<(string prefix, Module module)> Walk(bool recurse)
            {
                yield return ("", this);
                if (!recurse) yield break;
                foreach (var (n, child) in moduleList)
                    foreach (var (p, m) in child.Walk(true))
                        yield return (n + "." + p, m);
            }

            /// <summary>
            /// Every parameter, then every persistent buffer, by dotted name (the order a .dat file is written in); then,
            /// as TorchSharp does, the further names of a shared (tied) parameter or buffer, so each appears under
            /// every name it is registered under. The values are the module's own tensors, not copies.
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var d = new Dictionary<string, Tensor>();
                foreach (var (n, p) in named_parameters()) d[n] = p;
                foreach (var (n, b) in named_buffers()) d[n] = b;
                foreach (var (prefix, m) in Walk(recurse: true))
                {
                    foreach (var (n, p) in m.parameterList) if (p is not null) d.TryAdd(prefix + n, p);
                    foreach (var (n, b, persistent) in m.bufferList) if (b is not null && persistent) d.TryAdd(prefix + n, b);
                }
                return d;
            }

            // ---- modes and moves ------------------------------------------------------------
            /// <summary>Sets training mode on this module and all descendants; returns this module.</summary>
            public virtual Module train(bool on = true)
            {
                foreach (var m in modules()) m.training = on;
                return this;
            }

            /// <summary>Evaluation mode: <c>train(false)</c>.</summary>
            public Module eval() => train(false);

            /// <summary>Converts floating-point parameters and buffers (and their gradients) in place; integer buffers keep their type.</summary>
            public Module to(ScalarType dtype)
            {
                if (!dtype.IsFloatingPoint()) throw new ArgumentException($"modules convert to floating-point types only, not {dtype.TorchName()}", nameof(dtype));
                Apply(t => t.dtype.IsFloatingPoint() ? t.to(dtype) : null);
                return this;
            }

            /// <summary>Moves every parameter and buffer (and gradient) to <paramref name="device"/> in place.</summary>
            public Module to(Device device)
            {
                Apply(t => t.to(device));
                return this;
            }

            // The tensors keep their identity (PyTorch's `param.data = fn(param)`), so fields and optimizers stay valid.
            private void Apply(Func<Tensor, Tensor?> convert)
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var all = new List<Tensor>();
                foreach (var (_, m) in Walk(true))
                {
                    all.AddRange(m.parameterList.Where(p => p.parameter is not null).Select(p => (Tensor)p.parameter!));
                    all.AddRange(m.bufferList.Where(b => b.buffer is not null).Select(b => b.buffer!));
                }
                foreach (var t in all.Distinct<Tensor>(ReferenceEqualityComparer.Instance))
                {
                    if (convert(t) is not { } data) continue;
                    Tensor.Ok(Native.hw_set_data(t.Ptr, data.Ptr), t, data);
                    if (t.grad is { } g && convert(g) is { } converted) t.grad = converted;
                }
            }

            /// <summary>
            /// Zeroes the gradients of all parameters (PyTorch 1.13's default, set_to_none=false), or with
            /// <paramref name="set_to_none"/> drops them, so the next backward stores its gradients instead of adding
            /// them to zeros (two passes over every parameter fewer; PyTorch 2's default).
            /// </summary>
            public void zero_grad(bool set_to_none = false)
            {
                foreach (var p in parameters()) Tensor.Ok(set_to_none ? Native.hw_set_grad(p.Ptr, 0) : Native.hw_zero_grad(p.Ptr), p);
            }

            /// <summary>Frees the parameters and buffers of this module and all submodules.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Frees native tensors; override to release extra state, calling the base.</summary>
            protected virtual void Dispose(bool disposing)
            {
                if (disposed || !disposing) return;
                disposed = true;
                foreach (var (_, p) in parameterList) p?.Dispose();
                foreach (var (_, b, _) in bufferList) b?.Dispose();
                foreach (var (_, m) in moduleList) m.Dispose();
            }
        }

        /// <summary>A module with a typed forward pass, called through <see cref="call"/>.</summary>
        public abstract class Module<T, TResult> : Module
        {
            /// <summary>A module with a display name.</summary>
            protected Module(string name) : base(name) { }

            /// <summary>A module named after its class.</summary>
            protected Module() { }

            /// <summary>The computation: override this.</summary>
            public abstract TResult forward(T input);

            /// <summary>Runs <see cref="forward"/> (the entry point callers use, as PyTorch's <c>module(x)</c>).</summary>
            public TResult call(T input) => forward(input);
        }

        /// <summary>A module with a two-argument forward pass (a loss: input and target), called through <see cref="call"/>.</summary>
        public abstract class Module<T1, T2, TResult> : Module
        {
            /// <summary>A module with a display name.</summary>
            protected Module(string name) : base(name) { }

            /// <summary>The computation: override this.</summary>
            public abstract TResult forward(T1 input1, T2 input2);

            /// <summary>Runs <see cref="forward"/> (as PyTorch's <c>criterion(input, target)</c>).</summary>
            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}
