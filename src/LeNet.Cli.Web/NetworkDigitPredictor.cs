using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Training;

namespace LeNet.Cli.Web;

/// <summary>
/// An <see cref="IDigitPredictor"/> over any <see cref="INetwork"/>: the drawing is preprocessed into an
/// MNIST-style digit by the given function, encoded like the training data, and run forward.
/// Safe to call from several requests at once: every call has its own buffers.
/// </summary>
internal sealed class NetworkDigitPredictor : IDigitPredictor
{
    private readonly INetwork _network;
    private readonly float[] _parameters;
    private readonly Func<GreyImage, byte[]> _preprocess;
    private readonly InputEncoder _encoder;
    private readonly int _side;

    /// <summary>Wraps <paramref name="network"/> with <paramref name="parameters"/>.</summary>
    /// <param name="network">The engine.</param>
    /// <param name="parameters">Its trained parameters (<see cref="NetworkDescription.ParameterCount"/> floats).</param>
    /// <param name="preprocess">Ink drawing (0 = background, 1 = ink) → <paramref name="digitSide"/>² bytes (255 = ink), e.g. crop, scale to 20x20, centre by mass.</param>
    /// <param name="digitSide">Side of the preprocessed digit (MNIST: 28).</param>
    /// <param name="classNames">The classes' names, when the model has them.</param>
    /// <exception cref="ArgumentException">The parameters do not fit the network.</exception>
    public NetworkDigitPredictor(INetwork network, float[] parameters, Func<GreyImage, byte[]> preprocess, int digitSide = ImageFile.DigitSide,
        IReadOnlyList<string>? classNames = null)
    {
        if (parameters.Length != network.Description.ParameterCount)
            throw new ArgumentException($"Network '{network.Description.Name}' has {network.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        _network = network;
        _parameters = parameters;
        _preprocess = preprocess;
        ClassNames = classNames;
        _side = digitSide;
        _encoder = new InputEncoder(network.Description.Input, digitSide, digitSide);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <inheritdoc/>
    public DigitPrediction Predict(GreyImage ink)
    {
        byte[] digit = _preprocess(ink);
        if (digit.Length != _side * _side)
            throw new InvalidOperationException($"The preprocessing gave {digit.Length} bytes, not a {_side}x{_side} digit.");
        NetworkDescription description = _network.Description;
        var input = new float[description.Input.Size];
        var activations = new float[description.ActivationCount];
        _encoder.Encode(digit, input);
        _network.Forward(_parameters, input, activations);

        float[] probabilities = OutputReading.Probabilities(description.OutputKind, activations.AsSpan(description.OutputOffset, description.Output.Size));
        LayerActivation[] layers = description.Layers
            .Select(l => new LayerActivation(l.Label, LayerCaption.Kind(l), l.Output, activations.AsSpan(l.ActivationOffset, l.Output.Size).ToArray()))
            .ToArray();
        return new DigitPrediction(digit, _side, _side, layers, probabilities, OutputReading.ArgMax(probabilities));
    }
}
