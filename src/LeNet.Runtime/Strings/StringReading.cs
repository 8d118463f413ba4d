namespace LeNet.Strings;

/// <summary>What <see cref="StripReader"/> read on a strip.</summary>
/// <param name="Decoded">The best path: the digits with their positions, and its confidence.</param>
/// <param name="Scores">The network's log-probabilities at every position.</param>
/// <param name="Strip">The strip that was read (Height x Width bytes).</param>
/// <param name="Picture">How a picture became that strip; null when a strip was read as it was.</param>
public sealed record StringReading(DecodedString Decoded, PositionScores Scores, byte[] Strip, StripPicture? Picture)
{
    /// <summary>How many times the strip was scored: 1, or 1 + the shifts of a <see cref="SecondLook"/>.</summary>
    public int Looks { get; init; } = 1;

    /// <summary>The digits read, e.g. "40213"; empty when none was.</summary>
    public string Text => Decoded.Text;

    /// <summary>exp of the mean log-probability of the best path's answers.</summary>
    public double Confidence => Decoded.Confidence;

    /// <summary>The digits, left to right, with their runs of positions and strip columns.</summary>
    public IReadOnlyList<ReadDigit> Digits => Decoded.Digits;
}
