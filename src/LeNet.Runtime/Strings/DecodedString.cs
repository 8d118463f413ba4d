namespace LeNet.Strings;

/// <summary>One digit of a reading: its value, the run of positions it occupies and where that is on the strip.</summary>
/// <param name="Digit">0-9.</param>
/// <param name="FirstPosition">The first position of its run.</param>
/// <param name="LastPosition">The last position of its run.</param>
/// <param name="X">The strip column the run is centred on (the middle of its positions' centres).</param>
/// <param name="Confidence">The highest probability the network gave this digit along its run.</param>
public sealed record ReadDigit(int Digit, int FirstPosition, int LastPosition, float X, float Confidence);

/// <summary>The best path through a strip's position scores.</summary>
/// <param name="Digits">The digits read, left to right.</param>
/// <param name="Path">The answer the path takes at each position (0-9, or 10 for no digit).</param>
/// <param name="Confidence">exp of the mean log-probability of the path's answers: 1 when the network is sure of every position.</param>
public sealed record DecodedString(IReadOnlyList<ReadDigit> Digits, int[] Path, double Confidence)
{
    /// <summary>The digits as text, e.g. "40213"; empty when none was read.</summary>
    public string Text => string.Concat(Digits.Select(d => (char)('0' + d.Digit)));
}
