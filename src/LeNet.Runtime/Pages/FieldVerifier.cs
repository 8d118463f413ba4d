using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Pages;

/// <summary>
/// Tells the handwritten field from print that looks like it, at the size the string readers read (the page
/// detector sees lines at half that size, where an italic house number and a handwritten zip code look alike): the
/// verifier's field network (<see cref="VerifierAnswers"/>) run along a candidate line's ink prepared as a strip
/// (<see cref="StripPicture.Prepare"/>). A line's verification is the geometric mean of the field probability over
/// the positions whose window has ink at its centre (<see cref="HasInkAt"/>). Not thread-safe.
/// </summary>
public sealed class FieldVerifier
{
    /// <summary>The verifier's strips are as wide as an amounts reader's, the widest field.</summary>
    public const int Width = AmountStrips.Width;

    /// <summary>Columns either side of a window's centre whose ink says the window is on the line.</summary>
    public const int CentreHalfWidth = 6;

    /// <summary>The ink, in full-ink pixels per centre column, at which a window is on the line.</summary>
    public const double CentreInk = 8.0 / (2 * CentreHalfWidth);

    /// <summary>The field probability a window is given at least, so that one certain "other" does not decide a line alone.</summary>
    public const double MinimumProbability = 1e-6;

    private readonly byte[] _strip;

    /// <summary>A verifier running <paramref name="scorer"/> (a field with <see cref="VerifierAnswers.Count"/> answers over a strip <see cref="Width"/> wide).</summary>
    /// <exception cref="ArgumentException">The scorer's strip is not <see cref="Width"/> wide or its field does not answer <see cref="VerifierAnswers.Count"/> answers.</exception>
    public FieldVerifier(IPositionScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (scorer.Width != Width)
            throw new ArgumentException($"A verifier reads strips {Width} columns wide, not {scorer.Width}.", nameof(scorer));
        _strip = new byte[StripGeometry.Height * Width];
        int answers = scorer.Score(_strip).Answers;
        if (answers != VerifierAnswers.Count)
            throw new ArgumentException($"A verifier's field answers {VerifierAnswers.Count} (the field or other ink), not {answers}.", nameof(scorer));
        Scorer = scorer;
    }

    /// <summary>A verifier running <paramref name="field"/> with <paramref name="parameters"/> window by window (<see cref="WindowedScorer"/>).</summary>
    /// <exception cref="ArgumentException">The network is not a verifier's field or the parameters do not fit it.</exception>
    public static FieldVerifier ForField(INetwork field, float[] parameters) => new(new WindowedScorer(field, parameters, Width));

    /// <summary>The network over the strip.</summary>
    public IPositionScorer Scorer { get; }

    /// <summary>
    /// The probability that the ink of a <paramref name="width"/> x <paramref name="height"/> picture
    /// (<paramref name="grey"/>: grey levels, either polarity, as <see cref="StripPicture.Prepare"/> takes) is the
    /// handwritten field; null when the picture is blank or no window of its strip has ink at its centre.
    /// </summary>
    /// <exception cref="ArgumentException">The size does not match the pixels.</exception>
    public double? Verify(ReadOnlySpan<float> grey, int width, int height) =>
        StripPicture.TryPrepare(grey, width, height, Width) is StripPicture picture ? Verify(picture.Pixels) : null;

    /// <summary>The probability that the ink of a prepared strip <see cref="Width"/> columns wide is the handwritten field; null when no window has ink at its centre.</summary>
    /// <exception cref="ArgumentException">The strip is not <see cref="StripGeometry.Height"/> x <see cref="Width"/> pixels.</exception>
    public double? Verify(ReadOnlySpan<byte> strip)
    {
        if (strip.Length != _strip.Length)
            throw new ArgumentException($"A verifier's strip holds {_strip.Length} pixels, not {strip.Length}.", nameof(strip));
        PositionScores scores = Scorer.Score(strip);
        double sum = 0;
        int counted = 0;
        for (int p = 0; p < scores.Positions; p++)
        {
            if (!HasInkAt(strip, Width, (int)StripGeometry.Centre(p))) continue;
            sum += Math.Max(scores[p, VerifierAnswers.Field], Math.Log(MinimumProbability));
            counted++;
        }
        return counted == 0 ? null : Math.Exp(sum / counted);
    }

    /// <summary>True when the columns within <see cref="CentreHalfWidth"/> of <paramref name="column"/> of a strip <paramref name="width"/> wide hold ink (<see cref="CentreInk"/>).</summary>
    public static bool HasInkAt(ReadOnlySpan<byte> strip, int width, int column)
    {
        int first = Math.Max(0, column - CentreHalfWidth), last = Math.Min(width, column + CentreHalfWidth);
        long sum = 0;
        for (int row = 0; row < StripGeometry.Height; row++)
        {
            ReadOnlySpan<byte> line = strip.Slice(row * width + first, last - first);
            foreach (byte pixel in line) sum += pixel;
        }
        return sum > CentreInk * 2 * CentreHalfWidth * 255;
    }
}
