using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// Runs the detector's field network over a whole level of the pyramid: the field replicated along a
/// band of the page (<see cref="IReplicatedNetwork"/>, e.g. the generated <c>LeNet5LocatorStrip</c>),
/// band after band 4 rows apart, each band in tiles as wide as the replicated network, so every
/// position 4 pixels apart each way gets the field's answers. Not thread-safe: one per thread.
/// </summary>
public sealed class PlaneScorer
{
    private readonly IReplicatedNetwork _band;
    private readonly float[] _parameters, _input, _activations;

    /// <summary>A scorer running <paramref name="band"/> with the field's <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The field is not a detector's (1x32x32 in, <see cref="LocatorAnswers.Count"/> softmax answers out, a step of 4) or the parameters do not fit.</exception>
    public PlaneScorer(IReplicatedNetwork band, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(band);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckField(band.Field);
        if (band.Step != StripGeometry.Step)
            throw new ArgumentException($"Network '{band.Description.Name}' steps {band.Step} columns; the detector steps {StripGeometry.Step}.", nameof(band));
        if (parameters.Length != band.Description.ParameterCount)
            throw new ArgumentException($"Network '{band.Description.Name}' has {band.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        _band = band;
        _parameters = parameters;
        _input = new float[band.Description.Input.Size];
        _activations = new float[band.Description.ActivationCount];
    }

    /// <summary>Fails unless <paramref name="field"/> is a detector's field: 1x32x32 in, <see cref="LocatorAnswers.Count"/> answers out of a softmax.</summary>
    /// <exception cref="ArgumentException">The message says what does not fit.</exception>
    public static void CheckField(NetworkDescription field)
    {
        ArgumentNullException.ThrowIfNull(field);
        Shape input = field.Input;
        if (input.Channels != 1 || input.Height != StripGeometry.Field || input.Width != StripGeometry.Field
            || field.Output.Size != LocatorAnswers.Count || field.OutputKind != LayerKind.Softmax)
            throw new ArgumentException($"Network '{field.Name}' ({input} in, {field.Output.Size} out) is not a page detector's field: that takes 1x{StripGeometry.Field}x{StripGeometry.Field} and gives {LocatorAnswers.Count} softmax answers (background, other ink, handwriting).");
    }

    /// <summary>The detector's answers at every position of <paramref name="level"/>.</summary>
    public DetectionPlane Score(PageLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        int rows = (level.Height - StripGeometry.Field) / StripGeometry.Step + 1;
        int columns = (level.Width - StripGeometry.Field) / StripGeometry.Step + 1;
        int positions = _band.Positions, width = _band.Width, outputOffset = _band.Description.OutputOffset;
        var probabilities = new float[LocatorAnswers.Count * rows * columns];
        for (int row = 0; row < rows; row++)
            for (int first = 0; first < columns; first += positions)
            {
                Encode(level, row * StripGeometry.Step, first * StripGeometry.Step, width);
                _band.Forward(_parameters, _input, _activations);
                int count = Math.Min(positions, columns - first);
                for (int answer = 0; answer < LocatorAnswers.Count; answer++)
                    _activations.AsSpan(outputOffset + answer * positions, count)
                        .CopyTo(probabilities.AsSpan((answer * rows + row) * columns + first, count));
            }
        return new DetectionPlane(level.Scale, rows, columns, probabilities);
    }

    /// <summary>The band of <paramref name="level"/> from (<paramref name="left"/>, <paramref name="top"/>) as the network's input; beyond the level is paper.</summary>
    private void Encode(PageLevel level, int top, int left, int width)
    {
        const float range = InputEncoder.Ink - InputEncoder.Background;
        int inside = Math.Min(width, level.Width - left);
        for (int y = 0; y < StripGeometry.Field; y++)
        {
            ReadOnlySpan<float> source = level.Ink.AsSpan((top + y) * level.Width + left, inside);
            Span<float> target = _input.AsSpan(y * width, width);
            for (int x = 0; x < inside; x++) target[x] = InputEncoder.Background + range * source[x];
            target[inside..].Fill(InputEncoder.Background);
        }
    }
}
