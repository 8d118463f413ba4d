using LeNet.Engine;

namespace LeNet.Training.Tests;

/// <summary>
/// The block runner every batch goes through (training, evaluation, inference), on an engine with
/// blocks of 4 built from the generic engine's one-sample passes: the answers must be the generic
/// engine's, bit for bit, for every batch size around the block size.
/// </summary>
public sealed class BlockWorkspaceTests
{
    private const int BlockSize = 4;
    private static readonly NetworkDescription Network = TinyNetworks.RadialBasis();

    public static TheoryData<int> Batches => new(1, 2, 3, 4, 5, 6, 7, 8, 9, 13);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Forward_PutsEverySampleInItsLaneAndReadsItBack(int batch)
    {
        var generic = new GenericNetwork(Network);
        var wide = new WideBlockNetwork(generic, BlockSize);
        float[] parameters = ParameterInitializer.Create(Network, InitializationScheme.Paper, seed: 3);
        float[] inputs = Random(batch * Network.Input.Size, seed: batch);
        float[] expected = new float[batch * Network.ActivationCount], actual = new float[expected.Length];
        for (int s = 0; s < batch; s++)
            generic.Forward(parameters, inputs.AsSpan(s * Network.Input.Size, Network.Input.Size), expected.AsSpan(s * Network.ActivationCount, Network.ActivationCount));

        BlockBatch.Forward(new BlockWorkspace(wide), parameters, inputs, actual, 0, batch, everyActivation: true);
        Assert.Equal(expected, actual);

        float[] outputs = new float[batch * Network.Output.Size];
        BlockBatch.Forward(new BlockWorkspace(wide), parameters, inputs, outputs, 0, batch);
        for (int s = 0; s < batch; s++)
            Assert.Equal(expected.AsSpan(s * Network.ActivationCount + Network.OutputOffset, Network.Output.Size).ToArray(),
                outputs.AsSpan(s * Network.Output.Size, Network.Output.Size).ToArray());
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Backward_AddsEachSampleOnceAndNothingFromPaddedLanes(int batch)
    {
        var generic = new GenericNetwork(Network);
        var wide = new WideBlockNetwork(generic, BlockSize);
        float[] parameters = ParameterInitializer.Create(Network, InitializationScheme.Paper, seed: 4);
        float[] inputs = Random(batch * Network.Input.Size, seed: 10 + batch);
        float[] outputGradients = Random(batch * Network.Output.Size, seed: 20 + batch);
        float[] expected = new float[Network.ParameterCount], activations = new float[Network.ActivationCount], scratch = new float[generic.ScratchLength];
        for (int s = 0; s < batch; s++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(s * Network.Input.Size, Network.Input.Size);
            generic.Forward(parameters, input, activations);
            generic.Backward(parameters, input, activations, outputGradients.AsSpan(s * Network.Output.Size, Network.Output.Size), expected, scratch);
        }

        // A full block of other samples first, so every lane holds a stale non-zero output gradient
        // that a tail must not carry along.
        var workspace = new BlockWorkspace(wide);
        BlockBatch.Backward(workspace, parameters, Random(BlockSize * Network.Input.Size, seed: 98), Random(BlockSize * Network.Output.Size, seed: 99),
            new float[Network.ParameterCount], 0, BlockSize);
        int lanesBefore = wide.LanesWithGradient;
        float[] actual = new float[Network.ParameterCount];
        BlockBatch.Backward(workspace, parameters, inputs, outputGradients, actual, 0, batch);

        Assert.Equal(expected, actual);
        // A lone sample runs the one-sample kernels; every other sample fills one lane of a block, padding none.
        int inBlocks = batch % BlockSize == 1 ? batch - 1 : batch;
        Assert.Equal(inBlocks, wide.LanesWithGradient - lanesBefore);
    }

    [Fact]
    public void ALoneSampleRunsTheOneSampleKernels()
    {
        var wide = new WideBlockNetwork(new GenericNetwork(Network), BlockSize);
        float[] parameters = ParameterInitializer.Create(Network, InitializationScheme.Paper, seed: 5);
        BlockBatch.Backward(new BlockWorkspace(wide), parameters, Random(Network.Input.Size, 6), Random(Network.Output.Size, 7),
            new float[Network.ParameterCount], 0, 1);
        Assert.Equal(0, wide.LanesWithGradient);
    }

    [Theory]
    [InlineData(64, 16, 2)]
    [InlineData(64, 16, 3)]
    [InlineData(17, 16, 2)]
    [InlineData(7, 8, 2)]
    [InlineData(10, 1, 3)]
    [InlineData(2, 1, 4)]
    public void Shares_CoverTheBatchContiguouslyInWholeBlocks(int size, int unit, int workers)
    {
        int active = WorkerCrew.ActiveFor(size, unit, workers);
        Assert.InRange(active, 1, workers);
        int next = 0;
        var counts = new List<int>();
        for (int w = 0; w < active; w++)
        {
            (int first, int count) = WorkerCrew.ShareOf(size, unit, active, w);
            Assert.Equal(next, first);
            Assert.True(count > 0, $"worker {w} of {active} got nothing");
            Assert.True(first % unit == 0, $"worker {w}'s share starts inside a block");
            next += count;
            counts.Add((count + unit - 1) / unit);
        }
        Assert.Equal(size, next);
        Assert.True(counts.Max() - counts.Min() <= 1, $"blocks per worker {string.Join(",", counts)} are uneven");
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
}
