namespace LeNet.Training.Tests;

/// <summary>
/// An engine with blocks of <see cref="BlockSize"/> samples built from another engine's one-sample
/// passes: each lane is gathered, run and scattered back, and the backward pass adds every lane,
/// padded ones included. So a runner that puts a sample in the wrong lane, drops or repeats part
/// of a tail, or leaves a stale output gradient in a padded lane gets a different answer from the
/// one-sample engine.
/// </summary>
internal sealed class WideBlockNetwork(INetwork inner, int blockSize) : INetwork
{
    private readonly NetworkDescription _d = inner.Description;

    /// <summary>Lanes of every block that reached <see cref="BackwardBlock"/> with a non-zero output gradient.</summary>
    public int LanesWithGradient { get; private set; }

    public NetworkDescription Description => _d;
    public int ScratchLength => inner.ScratchLength;
    public int BlockSize => blockSize;
    public int BlockScratchLength => inner.ScratchLength;

    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) =>
        inner.Forward(parameters, input, activations);

    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch) =>
        inner.Backward(parameters, input, activations, outputGradient, gradient, scratch);

    public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch) =>
        inner.BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);

    public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations)
    {
        Assert.Equal(_d.Input.Size * blockSize, inputs.Length);
        Assert.Equal(_d.ActivationCount * blockSize, activations.Length);
        float[] input = new float[_d.Input.Size], laneActivations = new float[_d.ActivationCount];
        for (int lane = 0; lane < blockSize; lane++)
        {
            BlockLayout.Gather(inputs, input, lane, blockSize);
            Assert.All(input, value => Assert.True(float.IsFinite(value), "a padded lane's input must be finite"));
            inner.Forward(parameters, input, laneActivations);
            BlockLayout.Scatter(laneActivations, activations, lane, blockSize);
        }
    }

    public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch)
    {
        Assert.Equal(_d.Output.Size * blockSize, outputGradients.Length);
        float[] input = new float[_d.Input.Size], laneActivations = new float[_d.ActivationCount], outputGradient = new float[_d.Output.Size];
        for (int lane = 0; lane < blockSize; lane++)
        {
            BlockLayout.Gather(inputs, input, lane, blockSize);
            BlockLayout.Gather(activations, laneActivations, lane, blockSize);
            BlockLayout.Gather(outputGradients, outputGradient, lane, blockSize);
            if (outputGradient.Any(value => value != 0f)) LanesWithGradient++;
            inner.Backward(parameters, input, laneActivations, outputGradient, gradient, scratch);
        }
    }

}
