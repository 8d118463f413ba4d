namespace LeNet.Strings;

/// <summary>
/// Runs a space-displacement network over a strip: one score vector per position. The one place the
/// reader meets a network, so a field network run window by window and a replicated strip network
/// are interchangeable. Implementations own their buffers and are not thread-safe: one per thread.
/// </summary>
public interface IPositionScorer
{
    /// <summary>Columns of the strips it reads (<see cref="LeNet.Data.StripGeometry.Height"/> rows).</summary>
    int Width { get; }

    /// <summary>Positions per strip.</summary>
    int Positions { get; }

    /// <summary>The scores of every position of <paramref name="strip"/> (Height x Width bytes, 0 = background, 255 = ink).</summary>
    PositionScores Score(ReadOnlySpan<byte> strip);
}
