using LeNet.Data;
using LeNet.Training;

namespace LeNet.Strings;

/// <summary>
/// The space-displacement network computed by its definition: the field network run on each
/// <see cref="StripGeometry.Field"/>-wide window of the strip, one window per position, a block of
/// windows at a time in the SIMD lanes. Any engine of the field network (generated or generic) will do;
/// it is the reference a replicated strip network must agree with.
/// </summary>
public sealed class WindowedScorer : IPositionScorer
{
    private readonly INetwork _field;
    private readonly float[] _parameters;
    private readonly ILoss _loss;
    private readonly float[] _strip, _inputs, _activations;
    private readonly InputEncoder _encoder;

    /// <summary>A scorer running <paramref name="field"/> with <paramref name="parameters"/> over strips <paramref name="width"/> wide.</summary>
    /// <exception cref="ArgumentException">The network does not answer for a strip's window (<see cref="CheckWindow"/>), the parameters do not fit it, or the width is not a strip width.</exception>
    public WindowedScorer(INetwork field, float[] parameters, int width = StripGeometry.Width)
    {
        NetworkDescription description = field.Description;
        CheckWindow(description);
        if (parameters.Length != description.ParameterCount)
            throw new ArgumentException($"Network '{description.Name}' has {description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        Positions = StripGeometry.Positions(width);
        Width = width;
        _field = field;
        _parameters = parameters;
        _loss = Losses.ForOutput(description);
        _strip = new float[StripGeometry.Height * width];
        _inputs = new float[description.Input.Size * field.BlockSize];
        _activations = new float[description.ActivationCount * field.BlockSize];
        _encoder = new InputEncoder(new Shape(1, StripGeometry.Height, width), StripGeometry.Height, width);
    }

    /// <summary>
    /// Fails unless <paramref name="description"/> answers for a window of a strip: 1x32x32 in, two answers or more
    /// (a string reader's field, <see cref="CheckField"/>, or a verifier's, <see cref="Pages.VerifierAnswers"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The message says what does not fit.</exception>
    public static void CheckWindow(NetworkDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Shape input = description.Input;
        if (input.Channels != 1 || input.Height != StripGeometry.Field || input.Width != StripGeometry.Field || description.Output.Size < 2)
            throw new ArgumentException($"Network '{description.Name}' ({input} in, {description.Output.Size} out) does not answer for a strip's window: that takes 1x{StripGeometry.Field}x{StripGeometry.Field} and gives two answers or more.");
    }

    /// <summary>
    /// Fails unless <paramref name="description"/> is a string reader's field network: 1x32x32 in, and out either the
    /// <see cref="StripGeometry.Answers"/> answers of a digit reader (ten digits and no digit) or the
    /// <see cref="AmountStrips.Answers"/> of an amounts reader (the amount grammar's characters and none).
    /// </summary>
    /// <exception cref="ArgumentException">The message says what does not fit.</exception>
    public static void CheckField(NetworkDescription description)
    {
        Shape input = description.Input;
        if (input.Channels != 1 || input.Height != StripGeometry.Field || input.Width != StripGeometry.Field
            || description.Output.Size is not (StripGeometry.Answers or AmountStrips.Answers))
            throw new ArgumentException($"Network '{description.Name}' ({input} in, {description.Output.Size} out) is not a string reader's field: that takes 1x{StripGeometry.Field}x{StripGeometry.Field} and gives {StripGeometry.Answers} answers (ten digits and no digit) or {AmountStrips.Answers} (digits, ',', '.' and none).");
    }

    /// <inheritdoc/>
    public int Width { get; }

    /// <inheritdoc/>
    public int Positions { get; }

    /// <inheritdoc/>
    public PositionScores Score(ReadOnlySpan<byte> strip)
    {
        if (strip.Length != _strip.Length)
            throw new ArgumentException($"A strip {Width} wide holds {_strip.Length} pixels, not {strip.Length}.", nameof(strip));
        _encoder.Encode(strip, _strip);
        NetworkDescription description = _field.Description;
        int lanes = _field.BlockSize, outputs = description.Output.Size;
        var probabilities = new float[Positions * outputs];
        Span<float> output = stackalloc float[outputs];
        for (int first = 0; first < Positions; first += lanes)
        {
            int count = Math.Min(lanes, Positions - first);
            for (int lane = 0; lane < lanes; lane++)
            {
                // A block's unused lanes repeat its last window: any finite input will do.
                int left = StripGeometry.Step * (first + Math.Min(lane, count - 1));
                for (int y = 0; y < StripGeometry.Field; y++)
                {
                    int source = y * Width + left, target = y * StripGeometry.Field * lanes + lane;
                    for (int x = 0; x < StripGeometry.Field; x++) _inputs[target + x * lanes] = _strip[source + x];
                }
            }
            _field.ForwardBlock(_parameters, _inputs, _activations);
            for (int lane = 0; lane < count; lane++)
            {
                for (int unit = 0; unit < outputs; unit++) output[unit] = _activations[(description.OutputOffset + unit) * lanes + lane];
                _loss.Probabilities(output, probabilities.AsSpan((first + lane) * outputs, outputs));
            }
        }
        return PositionScores.TakeProbabilities(probabilities, outputs);
    }
}
