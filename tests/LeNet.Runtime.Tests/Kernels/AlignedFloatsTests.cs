using System.Runtime.CompilerServices;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Kernels.Tests;

/// <summary>Buffers pinned where a chosen float starts a cache line: the chosen float's address, the length, the zeros, and the buffers the engines run on.</summary>
public class AlignedFloatsTests
{
    /// <summary>Bytes from address 0 to <paramref name="value"/>: its address, without unsafe code.</summary>
    private static long Address(ref float value) => Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref value);

    private static bool StartsLine(ref float value) => Address(ref value) % AlignedFloats.Alignment == 0;

    [Theory]
    [InlineData(1, 0)]
    [InlineData(17, 3)]
    [InlineData(100, 15)]
    [InlineData(100, 16)]
    [InlineData(61_706, 2_572)]
    [InlineData(300_000, 99)]
    public void TheChosenFloatStartsALine(int length, int alignedIndex)
    {
        // Allocations of other sizes in between put the heap's next array at other offsets.
        for (int round = 0; round < 16; round++)
        {
            var buffer = new AlignedFloats(length, alignedIndex);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.True(StartsLine(ref buffer.Span[alignedIndex]), $"float {alignedIndex} of {length} at {Address(ref buffer.Span[alignedIndex]) % 64} bytes into a line");
            Assert.All(buffer.Span.ToArray(), value => Assert.Equal(0f, value));
            Assert.True(Unsafe.AreSame(ref buffer.Span[0], ref buffer.Memory.Span[0]));
            GC.KeepAlive(new byte[round * 8 + 1]);
        }
    }

    [Fact]
    public void AnEmptyBufferHasNoFloats() => Assert.Equal(0, new AlignedFloats(0).Span.Length);

    [Fact]
    public void NegativeSizesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(4, -1));
    }

    [Fact]
    public void ParametersPutTheLargestLayersWeightsAtALine()
    {
        NetworkDescription d = LeNet5Classic.Description;
        LayerInfo largest = d.Layers.MaxBy(l => l.ParameterCount)!;
        Assert.Equal("C5", largest.Label);
        var parameters = AlignedFloats.ForParameters(d);
        Assert.Equal(d.ParameterCount, parameters.Length);
        int weights = largest.ParameterOffset + largest.Segment(ParameterRole.Weights).Start;
        Assert.True(StartsLine(ref parameters.Span[weights]));
        // Every row of its 400 weights then starts a line too.
        Assert.True(StartsLine(ref parameters.Span[weights + 400]));
    }

    [Fact]
    public void ParametersGivenAreCopiedAndAWrongCountRefused()
    {
        NetworkDescription d = LeNet5Classic.Description;
        float[] values = Enumerable.Range(0, d.ParameterCount).Select(i => i * 0.5f).ToArray();
        var parameters = AlignedFloats.ForParameters(d, values);
        Assert.Equal(values, parameters.Span.ToArray());
        Assert.True(StartsLine(ref parameters.Span[AlignedFloats.WeightsToAlign(d)]));
        Assert.Throws<ArgumentException>(() => AlignedFloats.ForParameters(d, values.AsSpan(1)));
    }

    [Fact]
    public void ABlocksBuffersStartLines()
    {
        var workspace = new BlockWorkspace(new LeNet5Classic());
        Assert.True(StartsLine(ref workspace.Inputs[0]));
        Assert.True(StartsLine(ref workspace.Activations[0]));
        Assert.True(StartsLine(ref workspace.OutputGradients[0]));
        Assert.True(StartsLine(ref workspace.Scratch[0]));
    }

    [Fact]
    public void ATrainersParametersPutTheLargestLayersWeightsAtALine()
    {
        var trainer = new Trainer(new LeNet5Classic(), new TrainingOptions { BatchSize = 1 });
        LayerInfo c5 = trainer.Network.Description.Layers.Single(l => l.Label == "C5");
        Assert.Equal(LeNet5Classic.ParameterCount, trainer.Parameters.Length);
        Assert.True(StartsLine(ref trainer.Parameters.Span[c5.ParameterOffset]));
    }

    [Fact]
    public void AModelKeepsItsParametersWithTheLargestLayersWeightsAtALine()
    {
        var model = Model.Create<LeNet5Classic>(seed: 3);
        LayerInfo c5 = model.Description.Layers.Single(l => l.Label == "C5");
        Assert.True(StartsLine(ref Unsafe.AsRef(in model.Parameters.Span[c5.ParameterOffset])));
    }
}
