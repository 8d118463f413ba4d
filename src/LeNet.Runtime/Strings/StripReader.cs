using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// Reads strings of handwritten digits, touching and overlapping ones included, the way the paper's
/// space-displacement network does (section VII): a network trained on a 32x32 field, replicated
/// along the strip every 4 columns (<see cref="IPositionScorer"/>), scores the ten digits and "no digit"
/// at every position; <see cref="StringDecoder"/> finds the best string under a character model.
/// Not thread-safe (the scorer owns its buffers): one reader per thread.
/// </summary>
/// <param name="scorer">Runs the network over a strip.</param>
/// <param name="wider">Makes a scorer for a wider strip, for pictures of strings too wide for <paramref name="scorer"/>'s (null: such strings are scaled down to fit).</param>
public sealed class StripReader(IPositionScorer scorer, Func<int, IPositionScorer>? wider = null)
{
    /// <summary>The widest strip a picture is read on before it is scaled down: 1,024 columns, 249 positions.</summary>
    public const int MaxWidth = 1024;

    private readonly Dictionary<int, IPositionScorer> _wider = [];

    /// <summary>
    /// A reader running the field network <paramref name="field"/> window by window (<see cref="WindowedScorer"/>),
    /// on strips <paramref name="width"/> wide or, for wider strings, as wide as they need.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the parameters do not fit it.</exception>
    public static StripReader ForField(INetwork field, float[] parameters, int width = StripGeometry.Width) =>
        new(new WindowedScorer(field, parameters, width), wide => new WindowedScorer(field, parameters, wide));

    /// <summary>The network over the strip.</summary>
    public IPositionScorer Scorer { get; } = scorer;

    /// <summary>Columns of the strips it reads.</summary>
    public int Width => Scorer.Width;

    /// <summary>Reads a strip as it is: <see cref="StripGeometry.Height"/> x <see cref="Width"/> bytes, 0 = background, 255 = ink, digits at MNIST scale.</summary>
    /// <exception cref="ArgumentException">The strip has the wrong size, or no string allowed by <paramref name="options"/> fits it.</exception>
    public StringReading Read(byte[] strip, DecoderOptions? options = null)
    {
        PositionScores scores = Scorer.Score(strip);
        return new StringReading(StringDecoder.Decode(scores, options), scores, strip, null);
    }

    /// <summary>
    /// Reads a strip as it is, <paramref name="width"/> columns wide (<see cref="StripGeometry.Field"/> plus a
    /// multiple of <see cref="StripGeometry.Step"/>, at most <see cref="MaxWidth"/>): on the reader's own
    /// strip when it is that wide, otherwise on a wider one, the field run window by window.
    /// </summary>
    /// <exception cref="ArgumentException">The width is not a strip width or the reader has none that wide, the strip does not hold <see cref="StripGeometry.Height"/> x width bytes, or no string allowed by <paramref name="options"/> fits it.</exception>
    public StringReading Read(byte[] strip, int width, DecoderOptions? options = null)
    {
        if (width == Width) return Read(strip, options);
        StripGeometry.Positions(width);
        if (wider is null || width > MaxWidth)
            throw new ArgumentException($"This reader reads strips {Width} wide{(wider is null ? "" : $" to {MaxWidth}")}, not {width}.", nameof(width));
        PositionScores scores = Wider(width).Score(strip);
        return new StringReading(StringDecoder.Decode(scores, options), scores, strip, null);
    }

    /// <summary>
    /// Reads a picture of any size and either polarity (grey levels 0 = black .. 1 = white, row-major),
    /// prepared by <see cref="StripPicture.Prepare"/>: cropped to the ink, scaled to the height of a synthetic string's ink,
    /// centred in the strip. A string too wide for the strip is read on a wider one (the field run window
    /// by window) up to <see cref="MaxWidth"/> columns, and shrunk to fit beyond that or when the reader
    /// has no wider scorer; <see cref="StringReading.Picture"/> says which.
    /// </summary>
    /// <exception cref="ArgumentException">The size does not match the pixels, the picture is blank, or no allowed string fits.</exception>
    public StringReading ReadPicture(ReadOnlySpan<float> grey, int width, int height, DecoderOptions? options = null)
    {
        StripPicture picture = StripPicture.Prepare(grey, width, height, Width, wider is null ? Width : MaxWidth);
        IPositionScorer scorer = picture.Width == Width ? Scorer : Wider(picture.Width);
        PositionScores scores = scorer.Score(picture.Pixels);
        return new StringReading(StringDecoder.Decode(scores, options), scores, picture.Pixels, picture);
    }

    /// <summary>Reads a strip as it is (as <see cref="Read(byte[], DecoderOptions?)"/>) under <paramref name="grammar"/> (<see cref="GrammarDecoder"/>).</summary>
    /// <exception cref="ArgumentException">The strip has the wrong size, the network does not answer the grammar's characters, or no string of the grammar fits.</exception>
    public GrammarReading Read(byte[] strip, StringGrammar grammar, DecoderOptions? options = null)
    {
        PositionScores scores = Scorer.Score(strip);
        return new GrammarReading(GrammarDecoder.Decode(scores, grammar, options), scores, strip, null);
    }

    /// <summary>Reads a picture of any size (as <see cref="ReadPicture(ReadOnlySpan{float}, int, int, DecoderOptions?)"/>) under <paramref name="grammar"/>.</summary>
    /// <exception cref="ArgumentException">The size does not match the pixels, the picture is blank, the network does not answer the grammar's characters, or no string of the grammar fits.</exception>
    public GrammarReading ReadPicture(ReadOnlySpan<float> grey, int width, int height, StringGrammar grammar, DecoderOptions? options = null)
    {
        StripPicture picture = StripPicture.Prepare(grey, width, height, Width, wider is null ? Width : MaxWidth);
        IPositionScorer scorer = picture.Width == Width ? Scorer : Wider(picture.Width);
        PositionScores scores = scorer.Score(picture.Pixels);
        return new GrammarReading(GrammarDecoder.Decode(scores, grammar, options), scores, picture.Pixels, picture);
    }

    private IPositionScorer Wider(int width)
    {
        if (!_wider.TryGetValue(width, out IPositionScorer? scorer))
            _wider[width] = scorer = wider!(width);
        return scorer;
    }
}
