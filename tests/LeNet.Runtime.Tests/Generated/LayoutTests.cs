using LeNet.Models;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>The generator's compile-time layout agrees with the runtime's independent one.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void PaperModel_ConstantsMatchRuntimeDescription()
    {
        NetworkDescription d = LeNet5.Description;
        Assert.Equal(LeNet5.ParameterCount, d.ParameterCount);
        Assert.Equal(LeNet5.ActivationCount, d.ActivationCount);
        Assert.Equal(LeNet5.InputSize, d.Input.Size);
        Assert.Equal(LeNet5.OutputSize, d.Output.Size);
        Assert.Equal(LeNet5.C1.Weights, d.Layers[0].ParameterOffset);
        Assert.Equal(LeNet5.C3.Weights, d.Layers[2].ParameterOffset);
        Assert.Equal(LeNet5.S4.Coefficients, d.Layers[3].ParameterOffset);
        Assert.Equal(LeNet5.C5.Output, d.Layers[4].ActivationOffset);
        Assert.Equal(LeNet5.F6.Biases, d.Layers[5].ParameterOffset + 84 * 120);
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void EveryNetwork_ScratchAndSignatureAreConsistent(string name)
    {
        INetwork network = NetworkCases.Generated(name);
        Assert.True(network.ScratchLength >= network.Description.LargestLayer);
        Assert.Equal(16, network.Description.Signature.Length);
    }

    [Fact]
    public void ModernAndClassic_HaveThePublishedParameterCounts()
    {
        Assert.Equal(61_706, LeNet5Classic.ParameterCount);
        Assert.Equal(416_520, LeNet5Classic.Description.MultiplyAdds);
        Assert.Equal(61_706, LeNet5Modern.ParameterCount);
    }

    /// <summary>
    /// The runtime and the generator share LayoutRules: trainable digit-bitmap centres (whose starting
    /// point is the 84-component digit codes) need 84 inputs and at most 10 units in both, as the
    /// generator's LENET012 says; the runtime used to accept them and fail later, in the initialiser.
    /// </summary>
    [Theory]
    [InlineData(84, 12)]
    [InlineData(40, 10)]
    public void TrainableDigitBitmapCentres_ThatDoNotFit_AreRefusedAsTheGeneratorRefusesThem(int inputs, int units)
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkDescription("rbf", new Shape(1, inputs, 1),
            [new(LayerKind.RadialBasis, "OUT", units, Trainable: true, Centres: RbfCentres.DigitBitmaps)]));
        Assert.Contains($"digit-bitmap centres need at most 10 units fed by 84 inputs (7x12 bitmaps), not {units} units fed by {inputs}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainableMaxPooling_IsRefusedAsTheGeneratorRefusesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkDescription("pool", new Shape(1, 4, 4),
            [new(LayerKind.Subsampling, "S1", 2, Pooling: Pooling.Max, Trainable: true)]));
        Assert.Contains("a trainable coefficient and bias need average pooling", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The runtime walks a declaration with the generator's walk (LayoutRules.Walk) and refuses it
    /// with the generator's own message, including what the runtime used to let through (a table
    /// naming an input map twice).
    /// </summary>
    [Theory]
    [InlineData("kernel", "Layer C1: a 7x7 kernel does not fit its 5x5 input; use a kernel of at most 5")]
    [InlineData("table", "Layer C1: connection table entry 1 (\"0,0\") names input map 0 twice")]
    [InlineData("order", "Layer OUT (softmax) is an output layer and must be the last layer; move it to the end")]
    [InlineData("window", "Layer S1: a 2x2 window does not divide its 5x5 input; use a size that divides both")]
    public void BadDeclarations_AreRefusedWithTheGeneratorsMessage(string what, string message)
    {
        LayerDeclaration[] layers = what switch
        {
            "kernel" => [new(LayerKind.Convolution, "C1", 2, Kernel: 7), new(LayerKind.Softmax, "OUT", 2)],
            "table" => [new(LayerKind.Convolution, "C1", 2, Kernel: 3, Connections: [[0], [0, 0]]), new(LayerKind.Softmax, "OUT", 18)],
            "order" => [new(LayerKind.Softmax, "OUT", 25), new(LayerKind.FullyConnected, "F2", 3)],
            _ => [new(LayerKind.Subsampling, "S1", 2), new(LayerKind.Softmax, "OUT", 25)],
        };
        var error = Assert.Throws<ArgumentException>(() => new NetworkDescription("net", new Shape(1, 5, 5), layers));
        Assert.Equal($"Network 'net': {message}.", error.Message);
    }

    [Fact]
    public void EveryLayersSegments_TileItsParameters_InTheOrderTheGeneratedConstantsGive()
    {
        foreach (string name in NetworkCases.AllNames)
            foreach (LayerInfo layer in NetworkCases.Generated(name).Description.Layers)
            {
                int end = 0;
                foreach (ParameterSegment segment in layer.Segments)
                {
                    Assert.Equal(end, segment.Start);
                    end = segment.End;
                }
                Assert.Equal(layer.ParameterCount, end);
            }
        LayerInfo c3 = LeNet5.Description.Layers[2], s4 = LeNet5.Description.Layers[3], f6 = LeNet5.Description.Layers[5];
        Assert.Equal(LeNet5.C3.Biases, c3.ParameterOffset + c3.Segment(ParameterRole.Biases).Start);
        Assert.Equal(LeNet5.S4.Biases, s4.ParameterOffset + s4.Segment(ParameterRole.Biases).Start);
        Assert.Equal(LeNet5.F6.Biases, f6.ParameterOffset + f6.Segment(ParameterRole.Biases).Start);
        Assert.Equal([true, false], f6.Segments.Select(segment => segment.Decays));
    }
}
