using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// Runs the detector's field network over a whole level of the pyramid: the field replicated over a
/// tile of the page (<see cref="IReplicatedNetwork"/>, e.g. the generated <c>LeNet5LocatorTile</c>, or a
/// strip of one row), tile after tile, so every position 4 pixels apart each way gets the field's
/// answers, the computation neighbouring windows share done once within a tile. Not thread-safe: one per thread.
/// </summary>
public sealed class PlaneScorer
{
    private readonly IReplicatedNetwork _tile;
    private readonly float[] _parameters, _input, _activations;

    /// <summary>A scorer running <paramref name="tile"/> with the field's <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The field is not a detector's (1x32x32 in, <see cref="LocatorAnswers.Count"/> softmax answers out, a step of 4) or the parameters do not fit.</exception>
    public PlaneScorer(IReplicatedNetwork tile, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckField(tile.Field);
        if (tile.Step != StripGeometry.Step)
            throw new ArgumentException($"Network '{tile.Description.Name}' steps {tile.Step} pixels; the detector steps {StripGeometry.Step}.", nameof(tile));
        if (parameters.Length != tile.Description.ParameterCount)
            throw new ArgumentException($"Network '{tile.Description.Name}' has {tile.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        _tile = tile;
        _parameters = parameters;
        _input = new float[tile.Description.Input.Size];
        _activations = new float[tile.Description.ActivationCount];
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
        int tileRows = _tile.Rows, tilePositions = _tile.Positions, outputOffset = _tile.Description.OutputOffset;
        var probabilities = new float[LocatorAnswers.Count * rows * columns];
        for (int firstRow = 0; firstRow < rows; firstRow += tileRows)
            for (int first = 0; first < columns; first += tilePositions)
            {
                Encode(level, firstRow * StripGeometry.Step, first * StripGeometry.Step);
                _tile.Forward(_parameters, _input, _activations);
                int count = Math.Min(tilePositions, columns - first);
                for (int answer = 0; answer < LocatorAnswers.Count; answer++)
                    for (int r = 0; r < Math.Min(tileRows, rows - firstRow); r++)
                        _activations.AsSpan(outputOffset + (answer * tileRows + r) * tilePositions, count)
                            .CopyTo(probabilities.AsSpan((answer * rows + firstRow + r) * columns + first, count));
            }
        return new DetectionPlane(level.Scale, rows, columns, probabilities);
    }

    /// <summary>The tile of <paramref name="level"/> from (<paramref name="left"/>, <paramref name="top"/>) as the network's input; beyond the level is paper.</summary>
    private void Encode(PageLevel level, int top, int left)
    {
        const float range = InputEncoder.Ink - InputEncoder.Background;
        int width = _tile.Width, height = _tile.Height;
        int inside = Math.Min(width, level.Width - left), insideRows = Math.Min(height, level.Height - top);
        for (int y = 0; y < insideRows; y++)
        {
            ReadOnlySpan<float> source = level.Ink.AsSpan((top + y) * level.Width + left, inside);
            Span<float> target = _input.AsSpan(y * width, width);
            for (int x = 0; x < inside; x++) target[x] = InputEncoder.Background + range * source[x];
            target[inside..].Fill(InputEncoder.Background);
        }
        _input.AsSpan(insideRows * width).Fill(InputEncoder.Background);
    }
}
