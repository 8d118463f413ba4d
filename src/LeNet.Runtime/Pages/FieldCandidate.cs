using LeNet.Strings;

namespace LeNet.Pages;

/// <summary>
/// A line of handwriting the detector found on one level of the pyramid: where it is, how sure the
/// detector is, and, once read, what it says.
/// </summary>
/// <param name="Box">The line's box on the (straightened) page, in page pixels.</param>
/// <param name="Scale">The scale of the level it was found on: level pixels per page pixel.</param>
/// <param name="Score">The detector's handwriting probability along the line: the mean over its columns of the best row's, to the power <see cref="CandidateFinder.ScorePower"/>.</param>
/// <param name="Positions">The positions above the threshold it groups.</param>
/// <param name="CentreRow">The level row its characters are centred on.</param>
/// <param name="Left">The level column its first position is centred on.</param>
/// <param name="Right">The level column its last position is centred on.</param>
public sealed record FieldCandidate(PageBox Box, double Scale, double Score, int Positions, double CentreRow, double Left, double Right)
{
    /// <summary>What the line reads as under the field's grammar; null when it was not read.</summary>
    public GrammarReading? Reading { get; init; }

    /// <summary>The box of the line's ink that was read, on the (straightened) page; null when it was not read.</summary>
    public PageBox? InkBox { get; init; }

    /// <summary>
    /// The box of the characters read, on the (straightened) page: the columns of the strokes under them, the rows of
    /// <see cref="Box"/> (<see cref="FieldCut.ReadBox"/>); null when it was not read or nothing was read as a character.
    /// </summary>
    public PageBox? ReadBox { get; init; }

    /// <summary>The verifier's probability that the ink read is the handwritten field (<see cref="FieldVerifier"/>); null when it was not read or the reader has no verifier.</summary>
    public double? Verification { get; init; }

    /// <summary>How sure a reading of this line is: <see cref="Score"/> times the reading's posterior (0 when not read).</summary>
    public double Standing => Reading is null ? 0 : Score * Reading.Confidence;
}
