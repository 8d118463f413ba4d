namespace LeNet.Engine;

/// <summary>The generic engine running a strip or page (<see cref="GenericNetwork.Replicate(NetworkDescription, int, int)"/>): the replicated description, the field's facts.</summary>
internal sealed class GenericStrip(NetworkDescription field, int width, int height) : IReplicatedNetwork
{
    private readonly GenericNetwork _strip = new(Replication.Strip(field, width, height));

    public NetworkDescription Field { get; } = field;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int Step { get; } = Replication.Step(field);
    public int Positions { get; } = Replication.Positions(field, width);
    public int Rows { get; } = Replication.Rows(field, height);

    public NetworkDescription Description => _strip.Description;
    public int ScratchLength => _strip.ScratchLength;
    public int BlockSize => _strip.BlockSize;
    public int BlockScratchLength => _strip.BlockScratchLength;

    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) =>
        _strip.Forward(parameters, input, activations);

    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch) =>
        _strip.Backward(parameters, input, activations, outputGradient, gradient, scratch);

    public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations) =>
        _strip.ForwardBlock(parameters, inputs, activations);

    public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch) =>
        _strip.BackwardBlock(parameters, inputs, activations, outputGradients, gradient, scratch);

    public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch) =>
        _strip.BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);
}
