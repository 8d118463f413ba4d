using LeNet.Data;
using LeNet.Training;

namespace LeNet.Pages;

/// <summary>
/// Training material for the verifier's field network (<see cref="FieldVerifier"/>): 32x32 windows of the
/// candidate lines a page reader reads on whole pages, each cut prepared as a verifier's strip, centred on
/// columns with ink (<see cref="FieldVerifier.HasInkAt"/>), <see cref="VerifierAnswers.Field"/> on the handwritten
/// field's line and <see cref="VerifierAnswers.Other"/> on every other candidate: the print, stamps and scribbles the
/// detector takes for handwriting.
/// </summary>
public static class VerifierWindows
{
    /// <summary>Windows cut from each strip (at ink columns drawn at random, repeats allowed).</summary>
    public const int PerStrip = 8;

    private const int Field = StripGeometry.Field;

    /// <summary>
    /// <paramref name="count"/> labelled windows from pages <paramref name="compose"/> makes (page 0, 1, ...: the picture,
    /// the field's box on it and the page's kind), read by page readers <paramref name="reader"/> makes (one per
    /// core), each page's windows made on whichever core is free (the set does not depend on how many there are);
    /// <paramref name="progress"/>, when given, hears the windows cut so far.
    /// </summary>
    public static LabelledImages Cut(Func<int, (GreyImage Page, PageBox Field, PageKind Kind)> compose, Func<PageReader> reader, int count, int seed,
        string name, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentNullException.ThrowIfNull(reader);
        return PageWindowSet.Collect(reader, (pageReader, index) =>
        {
            (GreyImage page, PageBox field, PageKind kind) = compose(index);
            return Windows(pageReader.VerifierStrips(page, field, kind), new Random(SampleSeeds.ForStream(seed, ~index)));
        }, count, name, VerifierAnswers.Count, progress);
    }

    /// <summary>The windows of one page's candidate strips (<see cref="FieldVerifier.Width"/> wide): <see cref="PerStrip"/> of each, centred on ink.</summary>
    public static (byte[] Pixels, byte[] Labels) Windows(IReadOnlyList<(byte[] Strip, bool IsField)> strips, Random random)
    {
        ArgumentNullException.ThrowIfNull(strips);
        ArgumentNullException.ThrowIfNull(random);
        const int width = FieldVerifier.Width;
        var pixels = new List<byte>();
        var labels = new List<byte>();
        var columns = new List<int>();
        foreach ((byte[] strip, bool isField) in strips)
        {
            if (strip.Length != StripGeometry.Height * width)
                throw new ArgumentException($"A verifier's strip holds {StripGeometry.Height * width} pixels, not {strip.Length}.", nameof(strips));
            columns.Clear();
            for (int column = Field / 2; column <= width - Field / 2; column++)
                if (FieldVerifier.HasInkAt(strip, width, column)) columns.Add(column);
            for (int k = 0; k < PerStrip && columns.Count > 0; k++)
            {
                int left = columns[random.Next(columns.Count)] - Field / 2;
                for (int row = 0; row < Field; row++) pixels.AddRange(strip.AsSpan(row * width + left, Field));
                labels.Add((byte)(isField ? VerifierAnswers.Field : VerifierAnswers.Other));
            }
        }
        return ([.. pixels], [.. labels]);
    }
}
