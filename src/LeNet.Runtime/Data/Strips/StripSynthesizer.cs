using LeNet.Training;

namespace LeNet.Data;

/// <summary>What strips a <see cref="StripSynthesizer"/> composes.</summary>
/// <param name="MinDigits">Fewest digits in a strip (at least 1).</param>
/// <param name="MaxDigits">Most digits in a strip (at most <see cref="StripSynthesizer.MaxDigits"/>).</param>
/// <param name="Spacing">How far apart neighbours are.</param>
public sealed record StripRecipe(int MinDigits, int MaxDigits, StripSpacing Spacing)
{
    /// <summary>Fails on a recipe no strip can follow.</summary>
    /// <exception cref="ArgumentException">The length range is empty or outside 1..<see cref="StripSynthesizer.MaxDigits"/>.</exception>
    public void Validate()
    {
        if (MinDigits < 1 || MaxDigits > StripSynthesizer.MaxDigits || MinDigits > MaxDigits)
            throw new ArgumentException($"Strips hold 1 to {StripSynthesizer.MaxDigits} digits; {MinDigits}-{MaxDigits} is not a range of that.");
    }

    /// <summary>"5 digits, touching" or "1-8 digits, mixed".</summary>
    public override string ToString() =>
        $"{(MinDigits == MaxDigits ? $"{MinDigits}" : $"{MinDigits}-{MaxDigits}")} digit{(MaxDigits == 1 ? "" : "s")}, {Spacing.ToString().ToLowerInvariant()}";
}

/// <summary>
/// Composes strips of handwritten digits from a set of 28x28 MNIST-style digits: each digit scaled
/// about its centre of mass (the strip's writer size times a small per-digit change), moved up or down
/// (baseline jitter), cropped to its ink columns and laid left to right with gaps drawn by the
/// <see cref="StripSpacing"/>; where ink overlaps, the stronger ink stays. Every digit's ink-box
/// centre lies between the first and last position centres of the strip, so each digit has a position
/// within half a step of its centre. Strip i of seed s depends only on (s, i) and the source set.
/// </summary>
public sealed class StripSynthesizer
{
    /// <summary>The most digits a strip holds.</summary>
    public const int MaxDigits = 8;
    /// <summary>Gaps between ink boxes, in pixels, for <see cref="StripSpacing.Apart"/>.</summary>
    public static (int Min, int Max) ApartGaps => (2, 7);
    /// <summary>Gaps for <see cref="StripSpacing.Touching"/>: adjacent (0) to 3 columns of overlap.</summary>
    public static (int Min, int Max) TouchingGaps => (-3, 0);
    /// <summary>The writer's size, a factor on MNIST's 20x20 box.</summary>
    public static (float Min, float Max) WriterScale => (0.85f, 1.1f);
    /// <summary>Each digit's own size change on top of the writer's.</summary>
    public const float DigitScaleJitter = 0.05f;
    /// <summary>Most rows a digit moves up or down from the strip's centre row.</summary>
    public const float BaselineJitter = 2f;
    /// <summary>Ink level (of 255) above which a column counts as ink for the ink box.</summary>
    public const byte InkLevel = 25;

    private const int Side = DigitNormalizer.Size;
    private const int Attempts = 200;
    private readonly LabelledImages _digits;
    private readonly int[][] _byClass;

    /// <summary>A synthesizer drawing from <paramref name="digits"/> (28x28, labels 0-9) for strips <paramref name="width"/> wide.</summary>
    /// <exception cref="ArgumentException">The images are not 28x28 digits, a digit class is missing, or the width is not a strip width.</exception>
    public StripSynthesizer(LabelledImages digits, int width = StripGeometry.Width)
    {
        if (digits.Rows != Side || digits.Columns != Side)
            throw new ArgumentException($"{digits.Name}: strips are composed of 28x28 digits, not {digits.Rows}x{digits.Columns}.");
        StripGeometry.Positions(width);
        _byClass = Enumerable.Range(0, 10).Select(d => Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] == d).ToArray()).ToArray();
        int missing = Array.FindIndex(_byClass, c => c.Length == 0);
        if (missing >= 0 || digits.Labels.Any(l => l > 9))
            throw new ArgumentException($"{digits.Name}: strips need images of every digit 0-9 and labels no higher than 9{(missing >= 0 ? $"; there is no {missing}" : "")}.");
        _digits = digits;
        Width = width;
    }

    /// <summary>Columns of the strips.</summary>
    public int Width { get; }

    /// <summary>Strip <paramref name="index"/> of the series <paramref name="seed"/> following <paramref name="recipe"/>.</summary>
    public DigitStrip Compose(StripRecipe recipe, int seed, int index)
    {
        recipe.Validate();
        var random = new Random(SampleSeeds.ForStream(seed, index));
        int length = random.Next(recipe.MinDigits, recipe.MaxDigits + 1);
        var digits = new byte[length];
        for (int i = 0; i < length; i++) digits[i] = (byte)random.Next(10);
        float writer = Uniform(random, WriterScale.Min, WriterScale.Max);
        float span = StripGeometry.LastCentre(Width) - StripGeometry.FirstCentre;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            // After a few strings too long for the strip at the drawn spacing, neighbours move closer, then the writer writes smaller.
            StripSpacing spacing = attempt < 10 ? recipe.Spacing : StripSpacing.Touching;
            if (attempt >= 20 && attempt % 10 == 0) writer = Math.Max(WriterScale.Min, writer * 0.97f);
            InkGlyph[] glyphs = digits.Select(d => Draw(random, d, writer)).ToArray();
            var left = new float[length];
            for (int i = 1; i < length; i++)
                left[i] = left[i - 1] + glyphs[i - 1].InkWidth + Gap(random, spacing);
            float[] centres = glyphs.Select((g, i) => left[i] + g.InkWidth / 2f).ToArray();
            float room = span - (centres[^1] - centres[0]);
            if (room < 0) continue;
            float shift = MathF.Round(StripGeometry.FirstCentre - centres[0] + Uniform(random, 0, room));
            float[] lefts = left.Select(x => x + shift).ToArray();
            return new DigitStrip(InkGlyph.Paint(glyphs, lefts, Width), Width, digits, centres.Select(c => c + shift).ToArray(), glyphs.Select(g => g.Source).ToArray());
        }
        throw new InvalidOperationException($"No arrangement of {length} digits fits a strip {Width} pixels wide after {Attempts} attempts.");
    }

    /// <summary>A gap between two neighbours' ink boxes drawn for <paramref name="spacing"/>.</summary>
    internal static int Gap(Random random, StripSpacing spacing) => spacing switch
    {
        StripSpacing.Apart => random.Next(ApartGaps.Min, ApartGaps.Max + 1),
        StripSpacing.Touching => random.Next(TouchingGaps.Min, TouchingGaps.Max + 1),
        _ => random.Next(TouchingGaps.Min, ApartGaps.Max + 1),
    };

    /// <summary>A random image of <paramref name="digit"/>, scaled about MNIST's centre of mass and moved up or down, bilinear.</summary>
    internal InkGlyph Draw(Random random, byte digit, float writer)
    {
        int[] candidates = _byClass[digit];
        int source = candidates[random.Next(candidates.Length)];
        float scale = writer * (1 + Uniform(random, -DigitScaleJitter, DigitScaleJitter));
        float rise = Uniform(random, -BaselineJitter, BaselineJitter);
        return Draw(_digits.Image(source), scale, rise, source);
    }

    /// <summary>A 28x28 <paramref name="image"/> scaled by <paramref name="scale"/> about MNIST's centre of mass, moved down by <paramref name="rise"/> rows, bilinear.</summary>
    private static InkGlyph Draw(ReadOnlySpan<byte> image, float scale, float rise, int source)
    {
        const float centre = (float)DigitNormalizer.CentreOfMass;
        var pixels = new byte[StripGeometry.Height * Side];
        int inkLeft = Side, inkRight = -1;
        for (int y = 0; y < StripGeometry.Height; y++)
            for (int x = 0; x < Side; x++)
            {
                float sy = (y - StripGeometry.CentreRow - rise) / scale + centre;
                float sx = (x - centre) / scale + centre;
                byte level = Bilinear(image, sx, sy);
                pixels[y * Side + x] = level;
                if (level > InkLevel)
                {
                    inkLeft = Math.Min(inkLeft, x);
                    inkRight = Math.Max(inkRight, x);
                }
            }
        if (inkRight < 0) (inkLeft, inkRight) = (Side / 2 - 2, Side / 2 + 1); // an inkless image keeps a narrow box
        return new InkGlyph(pixels, Side, inkLeft, inkRight - inkLeft + 1, source);
    }

    private static byte Bilinear(ReadOnlySpan<byte> image, float x, float y)
    {
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        float v = (1 - fx) * (1 - fy) * At(image, x0, y0) + fx * (1 - fy) * At(image, x0 + 1, y0)
                + (1 - fx) * fy * At(image, x0, y0 + 1) + fx * fy * At(image, x0 + 1, y0 + 1);
        return (byte)Math.Clamp(MathF.Round(v), 0, 255);
    }

    private static float At(ReadOnlySpan<byte> image, int x, int y) =>
        (uint)x < Side && (uint)y < Side ? image[y * Side + x] : 0;

    /// <summary>A number drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    internal static float Uniform(Random random, float min, float max) => min + (max - min) * (float)random.NextDouble();
}
