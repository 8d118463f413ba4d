namespace LeNet.Generator.Tests;

// Inside the namespace, so the generator's model types win over the runtime's LeNet.Shape, LeNet.Activation...
using LeNet.Generator.Emit;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;

/// <summary>
/// Every dispatch on a layer kind has a case for every <see cref="LayerKind"/>, and a kind without
/// one fails loudly instead of running another kind's code.
/// </summary>
public sealed class LayerKindDispatchTests
{
    /// <summary>Every kind's value (the model's enum is internal, so the theory takes its number).</summary>
    public static TheoryData<int> Kinds() => new(Enum.GetValues<LayerKind>().Select(kind => (int)kind));

    /// <summary>A kind no dispatch knows.</summary>
    private const LayerKind Unknown = (LayerKind)1000;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_HasAUnitThatWritesEveryPass(int value)
    {
        var kind = (LayerKind)value;
        LayerSpec layer = Layer(kind, index: 1);
        ILayerEmitter emitter = LayerEmitters.For(layer);
        var w = new IndentedTextWriter();

        emitter.Forward(w, layer, 16);
        emitter.Backward(w, layer, 16, Pass.Gradient, first: false);
        emitter.Backward(w, layer, 16, Pass.Curvature, first: false);
        emitter.BlockForward(w, layer, new Lanes(16));
        emitter.BlockBackward(w, layer, new Lanes(8), first: false);

        Assert.True(emitter.BlockWorkUnits(layer) >= 0);
        Assert.Contains("output", w.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_HasACaseAtEveryModelDispatch(int value)
    {
        var kind = (LayerKind)value;
        LayerSpec layer = Layer(kind, index: 1);

        Assert.Equal(layer.ParameterCount, layer.Segments.Sum(segment => segment.Length));
        Assert.StartsWith("L: ", layer.Describe(), StringComparison.Ordinal);
        Assert.NotEmpty(NetworkGenerator.Layout.DefaultLabel(kind, 0));
        Assert.True(NetworkGenerator.Layout.Unrolled(Declaration(kind), new Shape(1, 8, 8)) >= 0);
    }

    [Fact]
    public void UnknownKind_ThrowsAtEveryDispatch()
    {
        LayerSpec layer = Layer(Unknown, index: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => LayerEmitters.For(layer));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Segments);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Describe());
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGenerator.Layout.DefaultLabel(Unknown, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGenerator.Layout.Unrolled(Declaration(Unknown), new Shape(1, 8, 8)));
    }

    [Fact]
    public void DistinctKinds_HaveDistinctUnits()
    {
        // A convolution whose kernel covers its input runs as a dense layer; any other pair of kinds
        // sharing a unit would mean one of them fell through to the other's.
        var units = Enum.GetValues<LayerKind>()
            .Where(kind => kind != LayerKind.FullyConnected)
            .Select(kind => LayerEmitters.For(Layer(kind, index: 1)).GetType())
            .ToList();

        Assert.Equal(units.Count, units.Distinct().Count());
    }

    /// <summary>A small layer of <paramref name="kind"/> on a 2x8x8 input: shapes the generator's layout could produce.</summary>
    private static LayerSpec Layer(LayerKind kind, int index)
    {
        var input = new Shape(2, 8, 8);
        (int size, int kernel, Shape output, int parameters) = kind switch
        {
            LayerKind.Convolution => (3, 3, new Shape(3, 6, 6), 3 * 2 * 9 + 3),
            LayerKind.Subsampling => (2, 0, new Shape(2, 4, 4), 4),
            LayerKind.FullyConnected => (5, 0, new Shape(5, 1, 1), 5 * 128 + 5),
            LayerKind.RadialBasis => (4, 0, new Shape(4, 1, 1), 4 * 128),
            LayerKind.Softmax => (128, 0, new Shape(128, 1, 1), 0),
            _ => (1, 1, new Shape(1, 1, 1), 0),
        };
        return new LayerSpec(index, kind, "L", size, kernel, Activation.Tanh, Pooling.Average, Trainable: true,
            RbfCentres.Random, EquatableArray<EquatableArray<int>>.Empty, input, output, ParameterOffset: 0,
            ParameterCount: parameters, ActivationOffset: 128);
    }

    private static NetworkGenerator.LayerDeclaration Declaration(LayerKind kind) =>
        new(kind, null, 2, 3, 0, Location.None);
}
