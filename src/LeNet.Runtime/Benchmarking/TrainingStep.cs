namespace LeNet.Benchmarking;

/// <summary>
/// One single-threaded minibatch SGD step with its own buffers: forward every sample, the
/// <see cref="LossGradient"/> on each output, backward into one gradient buffer, then
/// <c>parameters -= rate / batch * gradient</c>. A one-sample step on an engine that offers
/// <see cref="IFusedSgdStep"/> (the generated ones) applies the update inside the backward pass
/// instead, with no gradient buffer. Allocates nothing per step.
/// </summary>
public sealed class TrainingStep
{
    private readonly INetwork _network;
    private readonly float[] _activations, _outputGradients, _gradient, _scratch;

    /// <summary>Buffers for batches of up to <paramref name="maxBatch"/> samples of <paramref name="network"/>.</summary>
    public TrainingStep(INetwork network, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        _network = network;
        NetworkDescription d = network.Description;
        MaxBatch = maxBatch;
        _activations = new float[maxBatch * d.ActivationCount];
        _outputGradients = new float[maxBatch * d.Output.Size];
        _gradient = new float[d.ParameterCount];
        _scratch = new float[network.ScratchLength];
    }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The summed (not averaged) gradient of the last <see cref="ComputeGradient"/> or <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <summary>
    /// Forward and backward over <paramref name="labels"/>.Length samples, leaving the sum of their
    /// parameter gradients in <see cref="Gradient"/>; the parameters are not changed.
    /// </summary>
    public void ComputeGradient(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        NetworkDescription d = _network.Description;
        int batch = labels.Length;
        if (batch == 0) { _gradient.AsSpan().Clear(); return; }
        if (batch > MaxBatch)
            throw new ArgumentException($"A batch of {batch} samples does not fit buffers made for {MaxBatch}.", nameof(labels));
        int inputSize = d.Input.Size, activationCount = d.ActivationCount, outputSize = d.Output.Size;
        ReadOnlySpan<float> batchInputs = inputs[..(batch * inputSize)];
        Span<float> activations = _activations.AsSpan(0, batch * activationCount);
        Span<float> outputGradients = _outputGradients.AsSpan(0, batch * outputSize);

        _network.ForwardBatch(parameters, batchInputs, activations, batch);
        for (int s = 0; s < batch; s++)
            LossGradient.Write(d.OutputKind, activations.Slice(s * activationCount + d.OutputOffset, outputSize), labels[s],
                outputGradients.Slice(s * outputSize, outputSize));
        _gradient.AsSpan().Clear();
        _network.BackwardBatch(parameters, batchInputs, activations, outputGradients, _gradient, _scratch, batch);
    }

    /// <summary>
    /// One SGD step on the batch: <see cref="ComputeGradient"/>, then the update with the mean
    /// gradient; for one sample on an <see cref="IFusedSgdStep"/> engine, the fused step.
    /// </summary>
    public void Run(Span<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, float rate)
    {
        if (labels.Length == 1 && _network is IFusedSgdStep fused)
        {
            NetworkDescription d = _network.Description;
            ReadOnlySpan<float> input = inputs[..d.Input.Size];
            Span<float> activations = _activations.AsSpan(0, d.ActivationCount), outputGradient = _outputGradients.AsSpan(0, d.Output.Size);
            _network.Forward(parameters, input, activations);
            LossGradient.Write(d.OutputKind, activations.Slice(d.OutputOffset, d.Output.Size), labels[0], outputGradient);
            fused.SgdStep(parameters, input, activations, outputGradient, rate, _scratch);
            return;
        }
        ComputeGradient(parameters, inputs, labels);
        ParameterUpdate.Sgd(parameters, _gradient, rate / labels.Length);
    }
}
