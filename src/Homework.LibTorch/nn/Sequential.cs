// torch.nn.Sequential: modules applied in order; each is a submodule named "0", "1"... or as given.
// The names become key prefixes in state_dict and saved files ("0.weight").
using static TorchSharp.torch;

namespace TorchSharp
{
    using Modules;

    namespace Modules
    {
        /// <summary>A chain of tensor-to-tensor modules.</summary>
        public sealed class Sequential : nn.Module<Tensor, Tensor>
        {
            private readonly List<nn.Module<Tensor, Tensor>> layers = [];

            /// <summary>Named layers, in order.</summary>
            public Sequential(params (string name, nn.Module<Tensor, Tensor> module)[] modules) : base(nameof(Sequential))
            {
                foreach (var (n, m) in modules) append(n, m);
            }

            /// <summary>Layers named by position.</summary>
            public Sequential(params nn.Module<Tensor, Tensor>[] modules) : base(nameof(Sequential))
            {
                foreach (var m in modules) append(m);
            }

            /// <summary>Number of layers.</summary>
            public int Count => layers.Count;

            /// <summary>The layer at <paramref name="index"/>.</summary>
            public nn.Module<Tensor, Tensor> this[int index] => layers[index];

            /// <summary>Adds a layer at the end, named by its position.</summary>
            public Sequential append(nn.Module<Tensor, Tensor> module) => append(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);

            /// <summary>Adds a named layer at the end.</summary>
            public Sequential append(string name, nn.Module<Tensor, Tensor> module)
            {
                if (named_children().Any(c => c.name == name))
                    throw new ArgumentException($"Sequential already has a layer named '{name}': give each layer a distinct name", nameof(name));
                register_module(name, module);
                layers.Add(module);
                return this;
            }

            /// <summary>Feeds the input through every layer; intermediate results are freed as soon as they are consumed.</summary>
            public override Tensor forward(Tensor input)
            {
                var x = input;
                foreach (var layer in layers)
                {
                    var y = layer.call(x);
                    // Intermediate activations stay reachable through autograd's graph; only the C# handle goes.
                    if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y) && x is not Parameter) x.Dispose();
                    x = y;
                }
                return ReferenceEquals(x, input) ? input.alias() : x;
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A chain of named layers (see <see cref="TorchSharp.Modules.Sequential"/>).</summary>
            public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

            /// <summary>A chain of layers named "0", "1"... (see <see cref="TorchSharp.Modules.Sequential"/>).</summary>
            public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
        }
    }
}
