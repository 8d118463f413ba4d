using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// One thread's buffers for running one sample through the one-sample kernels: the encoded input,
/// every layer's activations, the backward scratch and the output gradient (or curvature).
/// Allocated once, reused for every sample.
/// </summary>
internal sealed class SampleWorkspace
{
    private readonly INetwork _network;
    private readonly int _outputOffset, _outputSize;

    public SampleWorkspace(INetwork network)
    {
        _network = network;
        NetworkDescription description = network.Description;
        _outputOffset = description.OutputOffset;
        _outputSize = description.Output.Size;
        Input = new float[description.Input.Size];
        Activations = new float[description.ActivationCount];
        Scratch = new float[network.ScratchLength];
        OutputGradient = new float[_outputSize];
    }

    public float[] Input { get; }
    public float[] Activations { get; }
    public float[] Scratch { get; }
    /// <summary>dE/doutput after a loss, or the output curvature before a curvature pass.</summary>
    public float[] OutputGradient { get; }

    /// <summary>The last layer's outputs of the latest forward pass.</summary>
    public ReadOnlySpan<float> Output => Activations.AsSpan(_outputOffset, _outputSize);

    /// <summary>Runs <see cref="Input"/> forward with <paramref name="parameters"/>.</summary>
    public void Forward(ReadOnlySpan<float> parameters) => _network.Forward(parameters, Input, Activations);

    /// <summary>Runs <see cref="Input"/> forward with <paramref name="parameters"/> as training pass <paramref name="step"/> (dropout masks).</summary>
    public void ForwardTraining(ReadOnlySpan<float> parameters, TrainingStep step) => _network.ForwardTraining(parameters, Input, Activations, step);

    /// <summary>Encodes <paramref name="image"/> and runs it forward with <paramref name="parameters"/>.</summary>
    public void Forward(ReadOnlySpan<float> parameters, InputEncoder encoder, ReadOnlySpan<byte> image)
    {
        encoder.Encode(image, Input);
        Forward(parameters);
    }
}
