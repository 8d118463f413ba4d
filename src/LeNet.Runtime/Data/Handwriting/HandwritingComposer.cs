using LeNet.Training;

namespace LeNet.Data;

/// <summary>
/// Writes strings of digits and symbols by hand into strips: each digit an image of the chosen set drawn
/// as <see cref="StripSynthesizer"/> draws it (the writer's size times a small per-digit change, baseline
/// jitter), each symbol of <see cref="Symbols"/> drawn with a pen in strokes of varied shape, size, slant
/// and thickness, placed against the line of the digits (a point on their baseline, a comma descending
/// below it), antialiased; neighbours laid left to right with gaps drawn by the <see cref="StripSpacing"/>
/// (a separator sits close to the digit before it). Where ink overlaps, the stronger stays. Every
/// character's ink-box centre lies between the first and last position centres of the strip, as on the
/// strips the string readers learn from. Text <c>t</c> composed as item i of seed s depends only on
/// (t, s, i) and the source set. Thread-safe.
/// </summary>
public sealed class HandwritingComposer
{
    /// <summary>The symbols written besides the digits 0-9: comma, point, asterisk, dash.</summary>
    public const string Symbols = PenSymbols.All;

    private const int Attempts = 200;
    private readonly StripSynthesizer _digits;

    /// <summary>A composer drawing digits from <paramref name="digits"/> (28x28, labels 0-9, every digit present).</summary>
    /// <exception cref="ArgumentException">The images are not 28x28 digits or a digit class is missing.</exception>
    public HandwritingComposer(LabelledImages digits) => _digits = new StripSynthesizer(digits);

    /// <summary>
    /// <paramref name="text"/> written as item <paramref name="index"/> of the series <paramref name="seed"/>:
    /// on a strip <paramref name="width"/> columns wide (a strip width: <see cref="StripGeometry.Field"/>
    /// plus a multiple of <see cref="StripGeometry.Step"/>), placed at random along it, its neighbours moved
    /// closer and then its writer made smaller when the text does not fit at first; or, when
    /// <paramref name="width"/> is null, on the narrowest strip width that holds it.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or has a character that is neither a digit nor one of <see cref="Symbols"/>, or the width is not a strip width.</exception>
    /// <exception cref="InvalidOperationException">The text does not fit the width even small and touching.</exception>
    public HandwrittenText Compose(string text, int seed, int index, StripSpacing spacing = StripSpacing.Mixed, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new ArgumentException("There is no text to write.", nameof(text));
        int bad = text.AsSpan().IndexOfAnyExcept("0123456789" + Symbols);
        if (bad >= 0) throw new ArgumentException($"'{text}': '{text[bad]}' at {bad} is neither a digit nor one of {Symbols}.", nameof(text));
        if (width is int columns) StripGeometry.Positions(columns);

        var random = new Random(SampleSeeds.ForStream(seed, index));
        var writer = new PenSymbols.Writer(
            StripSynthesizer.Uniform(random, StripSynthesizer.WriterScale.Min, StripSynthesizer.WriterScale.Max),
            StripSynthesizer.Uniform(random, 0.9f, 1.4f), StripSynthesizer.Uniform(random, 200, 255), StripSynthesizer.Uniform(random, -0.25f, 0.25f));
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            // As StripSynthesizer: after a few texts too long for the strip, neighbours move closer, then the writer writes smaller.
            StripSpacing drawn = attempt < 10 ? spacing : StripSpacing.Touching;
            if (attempt >= 20 && attempt % 10 == 0) writer = writer with { Scale = Math.Max(StripSynthesizer.WriterScale.Min, writer.Scale * 0.97f) };
            InkGlyph[] glyphs = Draw(text, random, writer);
            var left = new float[text.Length];
            for (int i = 1; i < text.Length; i++)
                left[i] = left[i - 1] + glyphs[i - 1].InkWidth + Gap(random, drawn, text[i - 1], text[i]);
            float[] centres = glyphs.Select((g, i) => left[i] + g.InkWidth / 2f).ToArray();
            // Whole-column shifts that keep every centre between the first and the last position's.
            float extent = MathF.Ceiling(centres[^1] - MathF.Floor(centres[0]));
            int stripWidth = width ?? StripGeometry.Field + StripGeometry.Step * (int)MathF.Ceiling(extent / StripGeometry.Step);
            int low = (int)MathF.Ceiling(StripGeometry.FirstCentre - centres[0]), high = (int)MathF.Floor(StripGeometry.LastCentre(stripWidth) - centres[^1]);
            if (high < low) continue;
            int shift = random.Next(low, high + 1);
            float[] lefts = left.Select(x => x + shift).ToArray();
            var boxes = new CharacterBox[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                (int top, int bottom) = glyphs[i].InkRows();
                int x0 = (int)lefts[i];
                boxes[i] = new CharacterBox(text[i], Math.Max(0, x0), top, Math.Min(stripWidth, x0 + glyphs[i].InkWidth), bottom, centres[i] + shift, glyphs[i].Source);
            }
            return new HandwrittenText(InkGlyph.Paint(glyphs, lefts, stripWidth), stripWidth, text, boxes);
        }
        throw new InvalidOperationException($"'{text}' does not fit a strip {width} pixels wide after {Attempts} attempts.");
    }

    /// <summary>The glyphs of <paramref name="text"/>: the digits first, then the symbols placed against the line the digits make.</summary>
    private InkGlyph[] Draw(string text, Random random, PenSymbols.Writer writer)
    {
        var glyphs = new InkGlyph[text.Length];
        var tops = new List<int>();
        var bottoms = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) continue;
            glyphs[i] = _digits.Draw(random, (byte)(text[i] - '0'), writer.Scale);
            (int top, int bottom) = glyphs[i].InkRows();
            if (bottom <= top) continue;
            tops.Add(top);
            bottoms.Add(bottom);
        }
        // The line of the digits: the middle of their ink tops and bottoms; without digits, where MNIST's 20-row box lands.
        float lineTop = tops.Count > 0 ? Median(tops) : StripGeometry.CentreRow - 10 * writer.Scale;
        float baseline = bottoms.Count > 0 ? Median(bottoms) : StripGeometry.CentreRow + 10 * writer.Scale;
        for (int i = 0; i < text.Length; i++)
            if (!char.IsAsciiDigit(text[i])) glyphs[i] = PenSymbols.Draw(text[i], random, writer, lineTop, baseline);
        return glyphs;
    }

    /// <summary>The gap between the ink boxes of <paramref name="before"/> and <paramref name="after"/>.</summary>
    private static int Gap(Random random, StripSpacing spacing, char before, char after)
    {
        bool touching = spacing == StripSpacing.Touching;
        if (IsSeparator(after)) return touching ? random.Next(-2, 1) : random.Next(-1, 3);
        if (IsSeparator(before)) return touching ? random.Next(-1, 2) : random.Next(0, 5);
        int gap = StripSynthesizer.Gap(random, spacing);
        return char.IsAsciiDigit(before) && char.IsAsciiDigit(after) ? gap : gap + 1;

        static bool IsSeparator(char c) => c is ',' or '.';
    }

    private static float Median(List<int> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2f;
    }
}
