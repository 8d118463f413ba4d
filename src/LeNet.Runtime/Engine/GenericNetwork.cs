namespace LeNet.Engine;

/// <summary>
/// The generic engine: the declared layers as runtime objects with runtime shapes and plain loops.
/// It is the correctness oracle for the generated code and the baseline of every benchmark, so it
/// stays simple and obviously right rather than fast.
/// </summary>
public sealed class GenericNetwork : INetwork
{
    private readonly IGenericLayer[] _layers;
    private readonly LayerInfo[] _infos;

    /// <summary>Builds the engine for <paramref name="description"/> (usually a generated network's <c>Description</c>).</summary>
    public GenericNetwork(NetworkDescription description)
    {
        Description = description;
        _infos = description.Layers.ToArray();
        _layers = _infos.Select(Create).ToArray();
    }

    /// <inheritdoc/>
    public NetworkDescription Description { get; }

    /// <summary>
    /// The engine for <paramref name="field"/> replicated along a strip of <paramref name="width"/>
    /// columns (<see cref="Replication.Strip(NetworkDescription, int)"/>): the strip's description run by this engine, with the field's parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width does not fit its step.</exception>
    public static IReplicatedNetwork Replicate(NetworkDescription field, int width)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new GenericStrip(field, width, field.Input.Height);
    }

    /// <summary>
    /// The engine for <paramref name="field"/> replicated over a page of <paramref name="width"/> columns
    /// and <paramref name="height"/> rows (<see cref="Replication.Strip(NetworkDescription, int, int)"/>):
    /// the page's description run by this engine, with the field's parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width or height does not fit its step.</exception>
    public static IReplicatedNetwork Replicate(NetworkDescription field, int width, int height) => new GenericStrip(field, width, height);

    /// <inheritdoc/>
    public int ScratchLength => 2 * Description.LargestLayer;

    private static IGenericLayer Create(LayerInfo layer) => layer.Kind switch
    {
        LayerKind.Convolution => new ConvolutionLayer(layer),
        LayerKind.Subsampling => new SubsamplingLayer(layer),
        LayerKind.FullyConnected => new FullyConnectedLayer(layer),
        LayerKind.RadialBasis => new RadialBasisLayer(layer),
        LayerKind.Softmax => new SoftmaxLayer(layer),
        LayerKind.Dropout => new DropoutLayer(layer),
        _ => throw new NotSupportedException($"Layer kind {layer.Kind} has no generic implementation."),
    };

    private static ReadOnlySpan<float> LayerInput(LayerInfo layer, ReadOnlySpan<float> input, ReadOnlySpan<float> activations) =>
        layer.Index == 0 ? input : activations.Slice(layer.ActivationOffset - layer.Input.Size, layer.Input.Size);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) =>
        ForwardTraining(parameters, input, activations, TrainingStep.Evaluation);

    /// <inheritdoc/>
    public void ForwardTraining(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations, TrainingStep step)
    {
        foreach (LayerInfo layer in _infos)
            _layers[layer.Index].Forward(
                parameters.Slice(layer.ParameterOffset, layer.ParameterCount),
                LayerInput(layer, input, activations),
                activations.Slice(layer.ActivationOffset, layer.Output.Size),
                step);
    }

    /// <inheritdoc/>
    /// <remarks>The generic engine runs a block as one sample.</remarks>
    public int BlockSize => 1;

    /// <inheritdoc/>
    public int BlockScratchLength => ScratchLength;

    /// <inheritdoc/>
    public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations) =>
        Forward(parameters, inputs, activations);

    /// <inheritdoc/>
    public void ForwardBlockTraining(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations, TrainingStep step) =>
        ForwardTraining(parameters, inputs, activations, step);

    /// <inheritdoc/>
    public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch) =>
        Backward(parameters, inputs, activations, outputGradients, gradient, scratch);

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch) =>
        Propagate(parameters, input, activations, outputGradient, gradient, scratch, secondOrder: false);

    /// <inheritdoc/>
    public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch) =>
        Propagate(parameters, input, activations, outputCurvature, curvature, scratch, secondOrder: true);

    /// <summary>
    /// Walks the layers from last to first, ping-ponging the delta (first or second order) between
    /// the two halves of <paramref name="scratch"/>; the first layer computes no input delta.
    /// </summary>
    private void Propagate(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputDelta, Span<float> accumulator, Span<float> scratch, bool secondOrder)
    {
        int half = Description.LargestLayer;
        Span<float> current = scratch[..half], next = scratch.Slice(half, half);
        outputDelta.CopyTo(current);
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            LayerInfo layer = _infos[i];
            ReadOnlySpan<float> p = parameters.Slice(layer.ParameterOffset, layer.ParameterCount);
            Span<float> acc = accumulator.Slice(layer.ParameterOffset, layer.ParameterCount);
            ReadOnlySpan<float> x = LayerInput(layer, input, activations);
            ReadOnlySpan<float> y = activations.Slice(layer.ActivationOffset, layer.Output.Size);
            ReadOnlySpan<float> delta = current[..layer.Output.Size];
            Span<float> inputDelta = i == 0 ? Span<float>.Empty : next[..layer.Input.Size];
            if (secondOrder) _layers[i].Curvature(p, x, y, delta, inputDelta, acc);
            else _layers[i].Backward(p, x, y, delta, inputDelta, acc);
            Span<float> swap = current; current = next; next = swap;
        }
    }
}
