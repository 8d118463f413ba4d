using LeNet.Data;
using LeNet.Training;

namespace LeNet.Strings;

/// <summary>
/// The space-displacement network proper: the field network replicated along the strip
/// (<see cref="IReplicatedNetwork"/>, e.g. a generated <c>[Replicate]</c> class), one forward pass per
/// strip, the computation neighbouring windows share done once. Its scores equal
/// <see cref="WindowedScorer"/>'s.
/// </summary>
public sealed class StripScorer : IPositionScorer
{
    private readonly IReplicatedNetwork _strip;
    private readonly float[] _parameters;
    private readonly ILoss _loss;
    private readonly float[] _input, _activations, _output;
    private readonly InputEncoder _encoder;

    /// <summary>A scorer running <paramref name="strip"/> with the field's <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The strip's field does not answer for a strip's window (<see cref="WindowedScorer.CheckWindow"/>), it has more than one row, its step is not <see cref="StripGeometry.Step"/>, or the parameters do not fit.</exception>
    public StripScorer(IReplicatedNetwork strip, float[] parameters)
    {
        WindowedScorer.CheckWindow(strip.Field);
        if (strip.Rows != 1)
            throw new ArgumentException($"Network '{strip.Description.Name}' is replicated over {strip.Rows} rows; a string reader reads a strip of one.", nameof(strip));
        if (strip.Step != StripGeometry.Step || strip.Positions != StripGeometry.Positions(strip.Width))
            throw new ArgumentException($"Network '{strip.Description.Name}' steps {strip.Step} columns over {strip.Positions} positions; a string reader steps {StripGeometry.Step}.", nameof(strip));
        if (parameters.Length != strip.Description.ParameterCount)
            throw new ArgumentException($"Network '{strip.Description.Name}' has {strip.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        _strip = strip;
        _parameters = parameters;
        _loss = Losses.ForOutput(strip.Field);
        _input = new float[strip.Description.Input.Size];
        _activations = new float[strip.Description.ActivationCount];
        _output = new float[strip.Field.Output.Size];
        _encoder = new InputEncoder(strip.Description.Input, StripGeometry.Height, strip.Width);
    }

    /// <inheritdoc/>
    public int Width => _strip.Width;

    /// <inheritdoc/>
    public int Positions => _strip.Positions;

    /// <inheritdoc/>
    public PositionScores Score(ReadOnlySpan<byte> strip)
    {
        if (strip.Length != _input.Length)
            throw new ArgumentException($"A strip {Width} wide holds {_input.Length} pixels, not {strip.Length}.", nameof(strip));
        _encoder.Encode(strip, _input);
        _strip.Forward(_parameters, _input, _activations);
        // The output is answers x positions, answer after answer.
        int answers = _output.Length;
        ReadOnlySpan<float> output = _activations.AsSpan(_strip.Description.OutputOffset, answers * Positions);
        var probabilities = new float[Positions * answers];
        for (int p = 0; p < Positions; p++)
        {
            for (int a = 0; a < answers; a++) _output[a] = output[a * Positions + p];
            _loss.Probabilities(_output, probabilities.AsSpan(p * answers, answers));
        }
        return PositionScores.TakeProbabilities(probabilities, answers);
    }
}
