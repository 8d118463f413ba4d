namespace LeNet.Strings;

/// <summary>What <see cref="StripReader"/> read on a strip under a grammar.</summary>
/// <param name="Decoded">The best reading: the characters with their positions, and its confidence.</param>
/// <param name="Scores">The network's log-probabilities at every position.</param>
/// <param name="Strip">The strip that was read (Height x Width bytes).</param>
/// <param name="Picture">How a picture became that strip; null when a strip was read as it was.</param>
public sealed record GrammarReading(GrammarString Decoded, PositionScores Scores, byte[] Strip, StripPicture? Picture)
{
    /// <summary>How many times the strip was scored: 1, or 1 + the shifts of a <see cref="SecondLook"/>.</summary>
    public int Looks { get; init; } = 1;

    /// <summary>The text read, e.g. "1,234.56".</summary>
    public string Text => Decoded.Text;

    /// <summary>The posterior of the string read among all the grammar allows: reject below a threshold.</summary>
    public double Confidence => Decoded.Confidence;

    /// <summary>The characters, left to right, with their runs of positions and strip columns.</summary>
    public IReadOnlyList<ReadCharacter> Characters => Decoded.Characters;
}
