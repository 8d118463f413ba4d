namespace LeNet.Generator.Tests;

// Inside the namespace, so the generator's model types win over the runtime's LeNet.Shape, LeNet.Activation...
using LeNet.Generator.Model;
using LeNet.Generator.Tests.Infrastructure;

/// <summary>
/// The model tier: what the parser and layout make of a declaration (shapes, parameter counts,
/// offsets, labels, options), read from the driver's Output step. Cheaper to read than snapshots.
/// </summary>
public sealed class ParserTests
{
    [Fact]
    public void LeNet5Paper_ShapesFollowThePaper()
    {
        NetworkSpec spec = Model(TestDeclarations.LeNet5Paper);

        Assert.Equal(new Shape(1, 32, 32), spec.Input);
        Assert.Equal(
            [new Shape(6, 28, 28), new Shape(6, 14, 14), new Shape(16, 10, 10), new Shape(16, 5, 5), new Shape(120, 1, 1), new Shape(84, 1, 1), new Shape(10, 1, 1)],
            spec.Layers.Select(layer => layer.Output));
    }

    [Fact]
    public void LeNet5Paper_ParameterCountsMatchThePaper()
    {
        NetworkSpec spec = Model(TestDeclarations.LeNet5Paper);

        // C1 6x(25+1); S2 6x2; C3 60 connections x 25 + 16; S4 16x2; C5 120x(400+1); F6 84x(120+1); fixed RBF.
        Assert.Equal([156, 12, 1516, 32, 48120, 10164, 0], spec.Layers.Select(layer => layer.ParameterCount));
        Assert.Equal(60000, spec.ParameterCount);
    }

    [Fact]
    public void LeNet5Paper_TableIsReadInOrder()
    {
        LayerSpec c3 = Model(TestDeclarations.LeNet5Paper).Layers[2];

        Assert.True(c3.HasTable);
        Assert.Equal(16, c3.Connections.Count);
        Assert.Equal(60, c3.Pairs);
        Assert.Equal([0, 1, 2], c3.Connections[0]);
        Assert.Equal([0, 3, 4, 5], c3.Connections[9]);
        Assert.Equal([0, 1, 2, 3, 4, 5], c3.Connections[15]);
        Assert.Equal([new ParameterSegment(ParameterRole.Weights, 0, 1500, 16, 25, true, true), new ParameterSegment(ParameterRole.Biases, 1500, 16, 16, 25, true, false)],
            c3.Segments);
    }

    [Fact]
    public void LeNet5Paper_OptionsAndDefaults()
    {
        NetworkSpec spec = Model(TestDeclarations.LeNet5Paper);

        Assert.Equal("lenet5-paper", spec.NetworkName);
        Assert.Equal("LeNet.Models", spec.Namespace);
        Assert.Equal("LeNet.Models.LeNet5", spec.FullName);
        Assert.Equal(["C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT"], spec.Layers.Select(layer => layer.Label));
        Assert.Equal([Activation.ScaledTanh, Activation.ScaledTanh, Activation.ScaledTanh, Activation.ScaledTanh, Activation.ScaledTanh, Activation.ScaledTanh, Activation.Identity],
            spec.Layers.Select(layer => layer.Activation));
        Assert.Equal([false, true, false, true, false, false, false], spec.Layers.Select(layer => layer.Trainable));
        Assert.Equal(RbfCentres.DigitBitmaps, spec.OutputLayer.Centres);
        Assert.True(spec.Layers[4].IsDense); // C5: a 5x5 kernel over a 5x5 input is a dot product per map
        Assert.False(spec.Layers[2].IsDense);
    }

    [Fact]
    public void LeNet5Modern_ParameterCounts()
    {
        NetworkSpec spec = Model(TestDeclarations.LeNet5Modern);

        // C3 is full here: 16 x 6 x 25 + 16; F7 10 x 84 + 10; pooling and softmax have none.
        Assert.Equal([156, 0, 2416, 0, 48120, 10164, 850, 0], spec.Layers.Select(layer => layer.ParameterCount));
        Assert.Equal(61706, spec.ParameterCount);
        Assert.Equal([Pooling.Average, Pooling.Max, Pooling.Average, Pooling.Max], spec.Layers.Take(4).Select(layer => layer.Pooling));
    }

    [Theory]
    [MemberData(nameof(TestDeclarations.Names), MemberType = typeof(TestDeclarations))]
    public void OffsetsAndShapesChain(string name)
    {
        foreach (NetworkSpec spec in Models(TestDeclarations.All[name]))
            AssertChained(spec);
    }

    private static void AssertChained(NetworkSpec spec)
    {
        Shape previous = spec.Input;
        int parameters = 0, activations = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            Assert.Equal(i, layer.Index);
            Assert.Equal(previous, layer.Input);
            Assert.Equal(parameters, layer.ParameterOffset);
            Assert.Equal(activations, layer.ActivationOffset);
            previous = layer.Output;
            parameters += layer.ParameterCount;
            activations += layer.Output.Size;
        }
        Assert.Equal(parameters, spec.ParameterCount);
        Assert.Equal(activations, spec.ActivationCount);
    }

    [Fact]
    public void DefaultLabels_NameKindAndPosition()
    {
        Assert.Equal(["C1", "S2", "C3", "F4", "F5", "Rbf6"], Model(TestDeclarations.OddShapes).Layers.Select(layer => layer.Label));
        Assert.Equal(["C1", "S2", "F3", "Softmax4"], Model(TestDeclarations.GlobalNamespace).Layers.Select(layer => layer.Label));
    }

    [Fact]
    public void DeclarationOrder_IsPreserved()
    {
        NetworkSpec spec = Model(TestDeclarations.OddShapes);

        Assert.Equal(
            [LayerKind.Convolution, LayerKind.Subsampling, LayerKind.Convolution, LayerKind.FullyConnected, LayerKind.FullyConnected, LayerKind.RadialBasis],
            spec.Layers.Select(layer => layer.Kind));
        Assert.Equal([Activation.Tanh, Activation.Identity, Activation.Sigmoid, Activation.ReLU, Activation.Sigmoid, Activation.Identity],
            spec.Layers.Select(layer => layer.Activation));
    }

    [Fact]
    public void OddShapes_ShapesTableAndTrainableCentres()
    {
        NetworkSpec spec = Model(TestDeclarations.OddShapes);

        Assert.Equal(
            [new Shape(3, 10, 8), new Shape(3, 5, 4), new Shape(5, 3, 2), new Shape(7, 1, 1), new Shape(4, 1, 1), new Shape(3, 1, 1)],
            spec.Layers.Select(layer => layer.Output));
        LayerSpec c3 = spec.Layers[2];
        Assert.Equal([[0], [1, 2], [0, 2], [0, 1, 2], [1]], c3.Connections.Select(set => set.ToArray()));
        // 9 connected pairs x 3x3 taps + 5 biases; 4x(30+1); 3 trainable centres of 4.
        Assert.Equal([2 * 3 * 16 + 3, 0, 9 * 9 + 5, 7 * 31, 4 * 8, 3 * 4], spec.Layers.Select(layer => layer.ParameterCount));
        Assert.Equal(RbfCentres.Random, spec.OutputLayer.Centres);
        Assert.True(spec.OutputLayer.Trainable);
    }

    [Fact]
    public void Softmax_SizeIsItsInputSize()
    {
        NetworkSpec spec = Model(TestDeclarations.GlobalNamespace);
        LayerSpec softmax = spec.OutputLayer;

        Assert.Equal(LayerKind.Softmax, softmax.Kind);
        Assert.Equal(3, softmax.Size);
        Assert.Equal(new Shape(3, 1, 1), softmax.Output);
        Assert.Equal(0, softmax.ParameterCount);
    }

    [Fact]
    public void GlobalNamespace_NameDefaultsToTheClass()
    {
        NetworkSpec spec = Model(TestDeclarations.GlobalNamespace);

        Assert.Equal("", spec.Namespace);
        Assert.Equal("TinyGlobal", spec.FullName);
        Assert.Equal("TinyGlobal", spec.NetworkName);
        Assert.Equal(new Shape(2, 2, 2), spec.Layers[1].Output); // a 3x3 window over 6x6
        Assert.Equal(2 * 2, spec.Layers[1].ParameterCount); // trainable: a coefficient and a bias per map
    }

    [Fact]
    public void SevenKernel_ShapesAndDenseHead()
    {
        NetworkSpec spec = Model(TestDeclarations.SevenKernel);

        Assert.Equal([new Shape(8, 22, 22), new Shape(8, 11, 11), new Shape(10, 1, 1), new Shape(10, 1, 1)], spec.Layers.Select(layer => layer.Output));
        Assert.Equal([8 * 49 + 8, 0, 10 * 968 + 10, 0], spec.Layers.Select(layer => layer.ParameterCount));
    }

    [Fact]
    public void Describe_SummarisesTheLayer()
    {
        NetworkSpec spec = Model(TestDeclarations.LeNet5Paper);

        Assert.Equal("C3: convolution 5x5, table of 60 connections, 6x14x14 -> 16x10x10, ScaledTanh (1,516 parameters)", spec.Layers[2].Describe());
        Assert.Equal("OUTPUT: Euclidean RBF, fixed centres, 84 -> 10 (0 parameters)", spec.OutputLayer.Describe());
    }

    /// <summary>The model the Output step received for the single network in <paramref name="source"/>.</summary>
    private static NetworkSpec Model(string source) => Assert.Single(Models(source));

    /// <summary>The models the Output steps (of [Network] and of [Replicate]) received for the networks in <paramref name="source"/>.</summary>
    private static IEnumerable<NetworkSpec> Models(string source)
    {
        GeneratorRun run = GeneratorHarness.RunShared(source);
        run.AssertNoGeneratorDiagnostics();
        return run.Generator.TrackedSteps[TrackingNames.Output].SelectMany(step => step.Outputs).Select(output => Assert.IsType<NetworkSpec>(output.Value)).ToList();
    }

    [Fact]
    public void Strip_IsTheFieldReplicated_WithItsParameters()
    {
        NetworkSpec strip = Models(TestDeclarations.Strip).Single(spec => spec.Replica is not null);
        NetworkSpec field = Models(TestDeclarations.Strip).Single(spec => spec.Replica is null);

        Assert.Equal(new ReplicaSpec("global::Samples.Strips.SmallField", "small-field", 16, 2, 43, 16, 1), strip.Replica);
        Assert.Equal("small-field@100", strip.NetworkName);
        Assert.Equal(new Shape(1, 16, 100), strip.Input);
        Assert.Equal(field.ParameterCount, strip.ParameterCount);
        Assert.Equal(field.Layers.Select(layer => (layer.Label, layer.ParameterOffset, layer.ParameterCount)), strip.Layers.Select(layer => (layer.Label, layer.ParameterOffset, layer.ParameterCount)));
        Assert.Equal(
            ["C1: convolution 5x5, 1x16x100 -> 4x12x96, ReLU (104 parameters)",
             "S2: max pooling 2x2, 4x12x96 -> 4x6x48, Identity (0 parameters)",
             "F3: convolution 6x6, 4x6x48 -> 8x1x43, ReLU (1,160 parameters)",
             "F4: convolution 1x1, 8x1x43 -> 5x1x43, Identity (45 parameters)",
             "Softmax5: softmax per position, 5x1x43 -> 5x1x43 (0 parameters)"],
            strip.Layers.Select(layer => layer.Describe()));
    }
}
