using System.Diagnostics.CodeAnalysis;
using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// Reads strings of handwritten digits, touching and overlapping ones included, the way the paper's
/// space-displacement network does (section VII): a network trained on a 32x32 field, replicated
/// along the strip every 4 columns (<see cref="IPositionScorer"/>), scores the ten digits and "no digit"
/// at every position; <see cref="StringDecoder"/> finds the best string under a character model.
/// A reading it is unsure of gets a <see cref="Strings.SecondLook"/>: the strip scored again a pixel off,
/// the string the looks agree on best kept.
/// Not thread-safe (the scorer owns its buffers): one reader per thread.
/// </summary>
/// <param name="scorer">Runs the network over a strip.</param>
/// <param name="wider">Makes a scorer for a wider strip, for pictures of strings too wide for <paramref name="scorer"/>'s (null: such strings are scaled down to fit).</param>
public sealed class StripReader(IPositionScorer scorer, Func<int, IPositionScorer>? wider = null)
{
    /// <summary>The widest strip a picture is read on before it is scaled down: 1,024 columns, 249 positions.</summary>
    public const int MaxWidth = 1024;

    private readonly Dictionary<int, IPositionScorer> _wider = [];
    private readonly Dictionary<(int, int?), LanguageTable> _lengths = [];

    /// <summary>
    /// A reader running the field network <paramref name="field"/> window by window (<see cref="WindowedScorer"/>),
    /// on strips <paramref name="width"/> wide or, for wider strings, as wide as they need.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the parameters do not fit it.</exception>
    public static StripReader ForField(INetwork field, float[] parameters, int width = StripGeometry.Width)
    {
        ArgumentNullException.ThrowIfNull(field);
        WindowedScorer.CheckField(field.Description);
        return new(new WindowedScorer(field, parameters, width), wide => new WindowedScorer(field, parameters, wide));
    }

    /// <summary>The network over the strip.</summary>
    public IPositionScorer Scorer { get; } = scorer;

    /// <summary>Columns of the strips it reads.</summary>
    public int Width => Scorer.Width;

    /// <summary>How the reader reads again a strip it is unsure of: <see cref="SecondLook.Default"/> unless set; null, never.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public SecondLook? SecondLook
    {
        get;
        set
        {
            value?.Validate();
            field = value;
        }
    } = SecondLook.Default;

    /// <summary>
    /// The character model a read decodes with when it is given no options: <see cref="DecoderOptions.Default"/> unless
    /// set, typically to the model a checkpoint learned through the reader's graph (<see cref="Checkpoints.CheckpointData.CharacterModel"/>).
    /// </summary>
    public DecoderOptions Decoding
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DecoderOptions.Default;

    /// <summary>Reads a strip as it is: <see cref="StripGeometry.Height"/> x <see cref="Width"/> bytes, 0 = background, 255 = ink, digits at MNIST scale.</summary>
    /// <exception cref="ArgumentException">The strip has the wrong size, or no string allowed by <paramref name="options"/> fits it.</exception>
    public StringReading Read(byte[] strip, DecoderOptions? options = null) => Digits(Scorer, strip, null, options);

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
        return Digits(Wider(width), strip, null, options);
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
        return Digits(picture.Width == Width ? Scorer : Wider(picture.Width), picture.Pixels, picture, options);
    }

    /// <summary>Reads a strip as it is (as <see cref="Read(byte[], DecoderOptions?)"/>) under <paramref name="grammar"/> (<see cref="GrammarDecoder"/>).</summary>
    /// <exception cref="ArgumentException">The strip has the wrong size, the network does not answer the grammar's characters, or no string of the grammar fits.</exception>
    public GrammarReading Read(byte[] strip, StringGrammar grammar, DecoderOptions? options = null) =>
        Grammar(Scorer, strip, null, grammar, options) ?? throw NoneFits(grammar, strip.Length / StripGeometry.Height);

    /// <summary>Reads a picture of any size (as <see cref="ReadPicture(ReadOnlySpan{float}, int, int, DecoderOptions?)"/>) under <paramref name="grammar"/>.</summary>
    /// <exception cref="ArgumentException">The size does not match the pixels, the picture is blank, the network does not answer the grammar's characters, or no string of the grammar fits.</exception>
    public GrammarReading ReadPicture(ReadOnlySpan<float> grey, int width, int height, StringGrammar grammar, DecoderOptions? options = null)
    {
        StripPicture picture = StripPicture.Prepare(grey, width, height, Width, wider is null ? Width : MaxWidth);
        return Grammar(picture.Width == Width ? Scorer : Wider(picture.Width), picture.Pixels, picture, grammar, options)
            ?? throw NoneFits(grammar, picture.Width);
    }

    /// <summary>
    /// Reads a picture of any size under <paramref name="grammar"/> as <see cref="ReadPicture(ReadOnlySpan{float}, int, int, StringGrammar, DecoderOptions?)"/>
    /// does, but answers false, rather than failing, when the picture is blank or no string of the grammar fits its strip:
    /// for pictures cut from a page, where either is an answer.
    /// </summary>
    /// <exception cref="ArgumentException">The size does not match the pixels or the network does not answer the grammar's characters.</exception>
    public bool TryReadPicture(ReadOnlySpan<float> grey, int width, int height, StringGrammar grammar, [NotNullWhen(true)] out GrammarReading? reading,
        DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        StripPicture? picture = StripPicture.TryPrepare(grey, width, height, Width, wider is null ? Width : MaxWidth);
        reading = picture is null ? null : Grammar(picture.Width == Width ? Scorer : Wider(picture.Width), picture.Pixels, picture, grammar, options);
        return reading is not null;
    }

    private static ArgumentException NoneFits(StringGrammar grammar, int width) =>
        new($"No string of the {grammar} grammar fits a strip {width} columns wide.");

    /// <summary>Reads digits under <paramref name="options"/>: the best path, then a second look when its string's posterior is low.</summary>
    private StringReading Digits(IPositionScorer scorer, byte[] strip, StripPicture? picture, DecoderOptions? options)
    {
        options ??= Decoding;
        PositionScores scores = scorer.Score(strip);
        DecodedString decoded = StringDecoder.Decode(scores, options);
        if (!LooksAgain) return new StringReading(decoded, scores, strip, picture);
        float[] penalties = CharacterModel.Penalties(options);
        LanguageTable lengths = Lengths(options);
        int[] label = [.. decoded.Digits.Select(d => d.Digit)];
        double every = GrammarDecoder.ForwardScore(scores, lengths, StringDecoder.Digits, penalties);
        double posterior = Math.Exp(GrammarDecoder.ForwardScore(scores, LanguageTable.Spell(label), StringDecoder.Digits, penalties) - every);
        (int[]? other, double otherPosterior, int looks) = LookAgain(scorer, strip, scores, every, label, posterior, lengths, StringDecoder.Digits, penalties);
        if (other is not null)
            decoded = StringDecoder.FromGrammar(scores, GrammarDecoder.DecodeLabel(scores, other, StringDecoder.Digits, penalties, otherPosterior));
        return new StringReading(decoded, scores, strip, picture) { Looks = looks };
    }

    /// <summary>Reads under <paramref name="grammar"/>: the best path, then a second look when its string's posterior is low; null when no string of the grammar fits.</summary>
    private GrammarReading? Grammar(IPositionScorer scorer, byte[] strip, StripPicture? picture, StringGrammar grammar, DecoderOptions? options)
    {
        options ??= Decoding;
        PositionScores scores = scorer.Score(strip);
        if (GrammarDecoder.TryDecode(scores, grammar, options) is not GrammarString decoded) return null;
        if (!LooksAgain) return new GrammarReading(decoded, scores, strip, picture);
        float[] penalties = CharacterModel.Penalties(options);
        int[] label = [.. decoded.Characters.Select(c => c.Character)];
        (int[]? other, double otherPosterior, int looks) = LookAgain(scorer, strip, scores, double.NaN, label, decoded.Confidence, grammar.Table, grammar.Characters, penalties);
        if (other is not null) decoded = GrammarDecoder.DecodeLabel(scores, other, grammar.Characters, penalties, otherPosterior);
        return new GrammarReading(decoded, scores, strip, picture) { Looks = looks };
    }

    /// <summary>
    /// The second look at a strip whose first reading, <paramref name="label"/>, has <paramref name="posterior"/> (the
    /// first look's forward score over the whole language <paramref name="firstEvery"/>, NaN when not yet known):
    /// nothing when that is at least the threshold; otherwise the strip scored moved by each shift, the best string of
    /// every look a candidate, and the candidate whose log-posteriors summed over the looks are highest (<see cref="ReadingVote"/>). Returns that
    /// string and its posterior on the first look when it is not the first reading's (null otherwise), and the looks taken.
    /// </summary>
    private (int[]? Label, double Posterior, int Looks) LookAgain(IPositionScorer scorer, byte[] strip, PositionScores first, double firstEvery,
        int[] label, double posterior, LanguageTable language, int characters, float[] penalties)
    {
        IReadOnlyList<StripShift> shifts = SecondLook!.Shifts;
        if (posterior >= SecondLook.Threshold) return (null, posterior, 1);
        var looks = new PositionScores[1 + shifts.Count];
        var every = new double[looks.Length];
        (looks[0], every[0]) = (first, double.IsNaN(firstEvery) ? GrammarDecoder.ForwardScore(first, language, characters, penalties) : firstEvery);
        var candidates = new List<int[]> { label };
        byte[] moved = new byte[strip.Length];
        for (int i = 1; i < looks.Length; i++)
        {
            shifts[i - 1].Apply(strip, scorer.Width, StripGeometry.Height, moved);
            looks[i] = scorer.Score(moved);
            every[i] = GrammarDecoder.ForwardScore(looks[i], language, characters, penalties);
            // The moved strip has the first look's positions, which some string of the language fits.
            int[] best = [.. GrammarDecoder.Decode(looks[i], language, characters, penalties, posterior: false)!.Characters.Select(c => c.Character)];
            if (!candidates.Any(c => c.AsSpan().SequenceEqual(best))) candidates.Add(best);
        }
        if (candidates.Count == 1) return (null, posterior, looks.Length);
        (int chosen, double[] logPosteriors) = ReadingVote.Best(looks, every, candidates, characters, penalties);
        return chosen == 0 ? (null, posterior, looks.Length) : (candidates[chosen], Math.Exp(logPosteriors[0]), looks.Length);
    }

    /// <summary>Whether a second look can be taken at all: one is set, with shifts and a threshold above 0.</summary>
    private bool LooksAgain => SecondLook is { Shifts.Count: > 0, Threshold: > 0 };

    /// <summary>The language of the digit strings <paramref name="options"/> allows, laid out for the decoder.</summary>
    private LanguageTable Lengths(DecoderOptions options)
    {
        (int, int?) key = (options.MinDigits, options.MaxDigits);
        if (!_lengths.TryGetValue(key, out LanguageTable? table))
            _lengths[key] = table = LanguageTable.Of(Languages.Length(StringDecoder.Digits, options.MinDigits, options.MaxDigits));
        return table;
    }

    private IPositionScorer Wider(int width)
    {
        if (!_wider.TryGetValue(width, out IPositionScorer? scorer))
            _wider[width] = scorer = wider!(width);
        return scorer;
    }
}
