// Where a tensor lives. CPU is all these machines have; CUDA is plumbed through so that
// a CUDA build of libtorch needs no API change.
namespace TorchSharp;

/// <summary>Device kinds, numbered as <c>c10::DeviceType</c>.</summary>
public enum DeviceType
{
    /// <summary>Host memory.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,
}

public static partial class torch
{
    /// <summary>A device and its index (-1: the current one), as <c>torch.device("cuda:0")</c>.</summary>
    public sealed record Device(DeviceType type, int index = -1)
    {
        /// <summary>Parses PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
        public static Device Parse(string spec)
        {
            var parts = spec.Trim().ToLowerInvariant().Split(':');
            var type = parts[0] switch
            {
                "cpu" => DeviceType.CPU,
                "cuda" => DeviceType.CUDA,
                _ => throw new ArgumentException($"unknown device '{spec}': use cpu, cuda or cuda:N", nameof(spec)),
            };
            if (parts.Length == 1) return new Device(type);
            return int.TryParse(parts[1], out var i) && i >= 0 && parts.Length == 2
                ? new Device(type, i)
                : throw new ArgumentException($"bad device index in '{spec}': use cuda:N with N >= 0", nameof(spec));
        }

        /// <inheritdoc />
        public override string ToString() => (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? $":{index}" : "");
    }
}
