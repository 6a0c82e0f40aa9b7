// The manual-model contract (IManualModel) over every model that implements it: Forward/Backward/Named shapes, Step
// as p − lr·g on fresh parameters (math, no regulariser), and the ownership rule (the model copies what it is given and
// frees its own tensors). A reflection test keeps the list complete. Not the gradient checks (TwinAssert does those).
using Homework.Common;
using Homework.Manual.Cmu;
using Homework.Manual.Models;
using Homework.TestSupport;
using ManualModels = Homework.Manual.Models;

namespace Homework.Manual.Tests;

public class IManualModelTests
{
    /// <summary>One model of the list: how to make it from given tensors, and a batch it reads.</summary>
    public interface ICase
    {
        Type ModelType { get; }
        void ShapesAgree();
        void StepIsParameterMinusLrTimesGradient();
        void ModelOwnsItsTensors();
    }

    private sealed class Case<TCache, TGradients>(Func<torch.Tensor[]> given, Func<torch.Tensor[], IManualModel<TCache, TGradients>> create, Func<torch.Tensor> input)
        : ICase where TCache : struct where TGradients : struct
    {
        public Type ModelType { get; } = Make(given, create);

        private static Type Make(Func<torch.Tensor[]> given, Func<torch.Tensor[], IManualModel<TCache, TGradients>> create)
        {
            using var scope = NewDisposeScope();
            using var model = create(given());
            return model.GetType();
        }

        public void ShapesAgree()
        {
            using var scope = NewDisposeScope();
            manual_seed(1);
            using var model = create(given());
            var (y, cache) = model.Forward(input());
            var g = model.Backward(randn_like(y), cache);
            var named = model.Named(g);
            Assert.Equal(model.Parameters.Keys.Order(), named.Keys.Order());
            foreach (var (name, p) in model.Parameters)
                Assert.True(p.shape.SequenceEqual(named[name].shape), $"{name}: parameter {p.ShapeText()} but gradient {named[name].ShapeText()}");
        }

        public void StepIsParameterMinusLrTimesGradient()
        {
            using var scope = NewDisposeScope();
            manual_seed(2);
            const double lr = 0.3;
            using var model = create(given());
            var (y, cache) = model.Forward(input());
            var g = model.Backward(randn_like(y), cache);
            // Read before stepping: Step may consume its gradients.
            var expected = model.Named(g).ToDictionary(kv => kv.Key, kv => model.Parameters[kv.Key] - lr * kv.Value);
            model.Step(g, lr);
            foreach (var (name, p) in model.Parameters) TensorAssert.Close(name, p, expected[name], Tolerance.Float64);
        }

        public void ModelOwnsItsTensors()
        {
            using var scope = NewDisposeScope();
            manual_seed(3);
            var mine = given();
            var before = mine.Select(t => t.clone()).ToArray();
            var model = create(mine);
            var (y, cache) = model.Forward(input());
            model.Step(model.Backward(randn_like(y), cache), 0.5);
            var parameters = model.Parameters.Values.ToArray();
            Assert.All(parameters, p => Assert.False(p.IsInvalid));
            model.Dispose();
            Assert.All(parameters, p => Assert.True(p.IsInvalid, "a parameter survived Dispose"));
            for (var i = 0; i < mine.Length; i++)
            {
                Assert.False(mine[i].IsInvalid);
                TensorAssert.Close($"given tensor {i}", mine[i], before[i], Tolerance.Exact);
            }
        }
    }

    private static torch.Tensor R(params long[] shape) => randn(shape, float64);

    private static readonly ICase[] Cases =
    [
        new Case<SigmoidMlp.Cache, SigmoidMlp.Gradients>(() => [R(4, 5), R(5), R(5, 3), R(3)], t => new SigmoidMlp(t[0], t[1], t[2], t[3]), () => R(6, 4)),
        new Case<LogisticRegression.Cache, LogisticRegression.Gradients>(() => [R(5), R()], t => new LogisticRegression(t[0], t[1]), () => R(7, 5)),
        new Case<SoftmaxRegression.Cache, SoftmaxRegression.Gradients>(() => [R(6, 3)], t => new SoftmaxRegression(t[0], null, 0), () => R(7, 5)),
        new Case<QuadraticModel.Cache, QuadraticModel.Gradients>(() => [R(4), R(4)], t => new QuadraticModel(t[0], t[1]), () => R(6, 4)),
        new Case<LinearMap.Cache, LinearMap.Gradients>(() => [], _ => new LinearMap(4, 3, alpha: 0.5, ScalarType.Float64), () => R(4, 6)),
        new Case<SingleLayerMLP.Cache, SingleLayerMLP.Gradients>(() => [], _ => new SingleLayerMLP(4, 3, 5, alpha: 0.5, dropoutProbability: 0.3, ScalarType.Float64), () => R(4, 6)),
        new Case<TwoLayerMLP.Cache, TwoLayerMLP.Gradients>(() => [], _ => new TwoLayerMLP(4, 3, (5, 6), alpha: 0.5, dropoutProbability: 0.3, ScalarType.Float64), () => R(4, 6)),
        new Case<TwoThreeOneNetwork.Cache, TwoThreeOneNetwork.Gradients>(() => [R(2, 3), R(3), R(3), R(1)], t => new TwoThreeOneNetwork(t[0], t[1], t[2], t[3]), () => R(6, 2)),
        new Case<LeastSquares.Cache, LeastSquares.Gradients>(() => [R(5)], t => new LeastSquares(t[0]), () => R(4, 5)),
        new Case<Ridge.Cache, Ridge.Gradients>(() => [R(5)], t => new Ridge(t[0], lambda: 0, sigma: 0.5), () => R(4, 5)),
        new Case<ManualModels.BatchNorm.Cache, ManualModels.BatchNorm.Gradients>(() => [R(4), R(4)], t => new ManualModels.BatchNorm(t[0], t[1], 1e-5), () => R(6, 4)),
        new Case<Cnn.Cache, Cnn.Gradients>(() => [R(2, 1, 3, 3), R(2), R(2 * 4 * 4, 3), R(3)], t => new Cnn(t[0], t[1], t[2], t[3]), () => R(2, 1, 4, 4)),
    ];

    public static TheoryData<int> Indices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(Indices))]
    public void ForwardBackwardAndNamedGradientsHaveTheParametersShapes(int i) => Cases[i].ShapesAgree();

    [Theory]
    [MemberData(nameof(Indices))]
    public void StepOnFreshParametersIsPMinusLrTimesG(int i) => Cases[i].StepIsParameterMinusLrTimesGradient();

    [Theory]
    [MemberData(nameof(Indices))]
    public void TheModelCopiesWhatItIsGivenAndDisposeFreesItsTensors(int i) => Cases[i].ModelOwnsItsTensors();

    [Fact]
    public void EveryManualModelIsInTheList()
    {
        var implementing = typeof(IManualModel).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IManualModel).IsAssignableFrom(t))
            .Select(t => t.FullName).Order().ToArray();
        Assert.Equal(implementing, Cases.Select(c => c.ModelType.FullName).Order().ToArray());
    }
}
