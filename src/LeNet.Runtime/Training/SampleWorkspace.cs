using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// One thread's buffers for running a sample: the encoded input, every layer's activations, the
/// backward scratch, the output gradient (or curvature) and a distorted-image buffer. Allocated
/// once, reused for every sample.
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
    /// <summary>Where a distorted copy of the image goes.</summary>
    public byte[] Image { get; private set; } = [];

    /// <summary>The last layer's outputs of the latest forward pass.</summary>
    public ReadOnlySpan<float> Output => Activations.AsSpan(_outputOffset, _outputSize);

    /// <summary>Sizes <see cref="Image"/> for images of <paramref name="pixels"/> pixels.</summary>
    public void EnsureImage(int pixels)
    {
        if (Image.Length != pixels) Image = new byte[pixels];
    }

    /// <summary>Encodes <paramref name="image"/> and runs it forward with <paramref name="parameters"/>.</summary>
    public void Forward(ReadOnlySpan<float> parameters, InputEncoder encoder, ReadOnlySpan<byte> image)
    {
        encoder.Encode(image, Input);
        _network.Forward(parameters, Input, Activations);
    }
}
