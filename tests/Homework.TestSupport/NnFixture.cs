// Reads the PyTorch-generated fixtures in tests/fixtures/nn (see make_fixtures.py there) into tensors, on either
// backend. Test plumbing only: no expected value is computed here.
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Homework.TestSupport;

/// <summary>The JSON fixtures of tests/fixtures/nn as tensors.</summary>
public static class NnFixture
{
    /// <summary>The root element of tests/fixtures/nn/<paramref name="file"/>.</summary>
    public static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllText(Fixtures.Path("nn", file))).RootElement;

    /// <summary>A {dtype, shape, data} object as a tensor of that dtype.</summary>
    public static torch.Tensor ToTensor(this JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => tensor(data.EnumerateArray().Select(v => v.GetDouble()).ToArray(), shape, float32),
            "float64" => tensor(data.EnumerateArray().Select(v => v.GetDouble()).ToArray(), shape, float64),
            "int64" => tensor(data.EnumerateArray().Select(v => (long)v.GetDouble()).ToArray(), shape),
            var other => throw new InvalidOperationException($"fixture dtype {other} not handled"),
        };
    }

    /// <summary>Every entry of an object of tensors, as a state dict.</summary>
    public static Dictionary<string, torch.Tensor> ToStateDict(this JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToTensor());
}

/// <summary>Fixture replays shared by the binding's tests and the both-backend tests.</summary>
public static class NnReplay
{
    /// <summary>
    /// Runs <paramref name="forward"/> on the fixture's x, backpropagates its dy, and asserts y and dx against the
    /// fixture's (PyTorch's) values; returns the largest differences for the test's output.
    /// </summary>
    public static (double y, double dx) ForwardAndGradient(JsonElement f, Func<torch.Tensor, torch.Tensor> forward, Tolerance tolerance)
    {
        using var scope = NewDisposeScope();
        var x = f.GetProperty("x").ToTensor().requires_grad_();
        var y = forward(x);
        (y * f.GetProperty("dy").ToTensor()).sum().backward();
        var (expectedY, expectedDx) = (f.GetProperty("y").ToTensor(), f.GetProperty("dx").ToTensor());
        TensorAssert.Close("y", y, expectedY, tolerance);
        TensorAssert.Close("dx", x.grad!, expectedDx, tolerance);
        return (TensorAssert.MaxAbsDifference(y, expectedY), TensorAssert.MaxAbsDifference(x.grad!, expectedDx));
    }

    /// <summary>
    /// Replays run <paramref name="run"/> of fixtures/nn/adam_steplr.json: the tiny network from PyTorch's initial
    /// weights, the optimizer <paramref name="adam"/> makes from the fixture's hyperparameters (lr, β₁, β₂, eps,
    /// weight decay), StepLR, and its steps, asserting each step's rate and loss and the final weights
    /// (<paramref name="report"/> gets each weight's largest difference). The caller disposes what is returned.
    /// </summary>
    public static (Sequential net, torch.optim.Optimizer optimizer) AdamUnderStepLR(string run,
        Func<IEnumerable<Parameter>, double, double, double, double, double, torch.optim.Optimizer> adam, Action<string> report)
    {
        var f = NnFixture.Load("adam_steplr.json");
        var r = f.GetProperty("runs").GetProperty(run);
        var net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3));
        using var scope = NewDisposeScope();
        net.load_state_dict(f.GetProperty("initial").ToStateDict());
        var betas = f.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        var opt = adam(net.parameters(), f.GetProperty("lr").GetDouble(), betas[0], betas[1], f.GetProperty("eps").GetDouble(), f.GetProperty("weight_decay").GetDouble());
        var scheduler = torch.optim.lr_scheduler.StepLR(opt, f.GetProperty("step_size").GetInt32(), f.GetProperty("gamma").GetDouble());
        var xs = f.GetProperty("x").ToTensor();
        var ys = f.GetProperty("y").ToTensor();
        var losses = r.GetProperty("losses").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        var lrs = r.GetProperty("lrs").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        for (var i = 0; i < losses.Length; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            var loss = torch.nn.functional.cross_entropy(net.call(xs[i]), ys[i]);
            loss.backward();
            Xunit.Assert.Equal(lrs[i], opt.ParamGroups.Single().LearningRate);
            opt.step();
            scheduler.step();
            Xunit.Assert.True(Math.Abs(loss.item<float>() - losses[i]) <= 1e-6, $"loss {i}: {loss.item<float>()} vs PyTorch {losses[i]}");
        }
        var final = r.GetProperty("final").ToStateDict();
        foreach (var (key, value) in net.state_dict())
        {
            report($"{run} {key}: max |ours - PyTorch| = {TensorAssert.MaxAbsDifference(value, final[key]):g3}");
            TensorAssert.Close(key, value, final[key], Tolerance.Float32Training);
        }
        return (net, opt);
    }
}
